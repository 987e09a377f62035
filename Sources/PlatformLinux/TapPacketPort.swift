#if canImport(Glibc)
import Glibc
#endif
import CEswitchShim
import EswitchModel
import Platform
import Synchronization

/// A ``PacketPort`` that creates a TAP device (IFF_TAP | IFF_NO_PI) in its namespace and owns it:
/// frames the port sends are received by the device (tcpdump on it shows them arriving), frames
/// the host transmits on the device are what the port receives. The device is brought up at
/// open and disappears when the port closes.
///
/// TAP reads and writes are one frame per system call (the tun driver has no batched calls); the
/// descriptor is non-blocking, so a receive reads until nothing is left or the batch is full.
public final class TapPacketPort: PollablePacketPort, @unchecked Sendable {
    public let device: PacketDevice
    public let ifindex: IfIndex

    let descriptor: Int32
    private var counters = PacketPortStatistics()
    private let isClosed = Atomic<Bool>(false)

    /// Creates (or attaches to) the TAP device `device.name` in its namespace and sets it up.
    ///
    /// - Parameter mac: the device's MAC address (the kernel picks a random one when nil).
    /// - Throws: ``PacketPortError`` when the namespace is missing or the tun driver refuses.
    public init(_ device: PacketDevice, mac: MACAddress? = nil) throws(PacketPortError) {
        let (fd, index) = try PacketDescriptor.within(device.namespace) { () throws(PacketPortError) -> (Int32, IfIndex) in
            let fd: Int32
            do throws(SystemCallError) {
                fd = try SystemCall.run("open /dev/net/tun") { open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC) }
                try Self.attach(fd, name: device.name, mac: mac)
            } catch {
                throw .systemCall(error, device: device.description)
            }
            do throws(PacketPortError) {
                return (fd, try PacketDescriptor.interfaceIndex(device))
            } catch {
                Glibc.close(fd)
                throw error
            }
        }
        self.device = PacketDevice(name: device.name, namespace: device.namespace, kind: .tap)
        self.ifindex = index
        self.descriptor = fd
    }

    deinit { close() }

    /// Creates or attaches the TAP device on `fd`, sets its MAC address and brings it up.
    private static func attach(_ fd: Int32, name: InterfaceName, mac: MACAddress?) throws(SystemCallError) {
        do throws(SystemCallError) {
            var request = interfaceRequest(name)
            request.ifr_ifru.ifru_flags = eswitch_tun_tap_flags()
            _ = try SystemCall.run("ioctl(TUNSETIFF)") { ioctl(fd, eswitch_tunsetiff(), &request) }
            let control = try SystemCall.run("socket(AF_INET, SOCK_DGRAM)") { socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
            defer { Glibc.close(control) }
            if let mac {
                var address = interfaceRequest(name)
                // ARPHRD_ETHER (include/uapi/linux/if_arp.h).
                address.ifr_ifru.ifru_hwaddr.sa_family = 1
                withUnsafeMutableBytes(of: &address.ifr_ifru.ifru_hwaddr.sa_data) { raw in
                    for (i, byte) in mac.array.enumerated() { raw[i] = byte }
                }
                _ = try SystemCall.run("ioctl(SIOCSIFHWADDR)") { ioctl(control, UInt(SIOCSIFHWADDR), &address) }
            }
            var flags = interfaceRequest(name)
            _ = try SystemCall.run("ioctl(SIOCGIFFLAGS)") { ioctl(control, UInt(SIOCGIFFLAGS), &flags) }
            flags.ifr_ifru.ifru_flags |= Int16(IFF_UP)
            _ = try SystemCall.run("ioctl(SIOCSIFFLAGS)") { ioctl(control, UInt(SIOCSIFFLAGS), &flags) }
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    /// An ifreq naming `name` (the caller checked it fits IFNAMSIZ).
    static func interfaceRequest(_ name: InterfaceName) -> ifreq {
        var request = ifreq()
        withUnsafeMutableBytes(of: &request.ifr_ifrn.ifrn_name) { raw in
            for (i, byte) in name.rawValue.utf8.prefix(raw.count - 1).enumerated() { raw[i] = byte }
        }
        return request
    }

    var pollDescriptor: Int32 { descriptor }

    func acknowledgeError() {}

    private func checkOpen() throws(PacketPortError) {
        if isClosed.load(ordering: .relaxed) { throw .closed(device.description) }
    }

    public func receive(into batch: PacketBatch) throws(PacketPortError) -> Int {
        try checkOpen()
        var frames = 0
        while !batch.isFull {
            let appended = try batch.appendInPlace { [descriptor, device] slot throws(PacketPortError) -> (length: Int, flags: PacketFlags)? in
                let n = read(descriptor, slot.baseAddress, slot.count)
                if n >= 0 { return (n, []) }
                switch errno {
                case EAGAIN, EINTR: return nil
                // The device is down: nothing to read until it comes back.
                case EIO: return nil
                default: throw .systemCall(SystemCallError("read(tap)", errno: Errno(errno)), device: device.description)
                }
            }
            guard appended else { break }
            frames += 1
        }
        counters.received &+= UInt64(frames)
        return frames
    }

    public func waitForFrames(timeout: Duration) throws(PacketPortError) -> Bool {
        try checkOpen()
        return try PacketDescriptor.waitReadable(descriptor, timeout: timeout, device: device) {}
    }

    public func send(_ batch: PacketBatch) throws(PacketPortError) -> Int {
        try checkOpen()
        var sent = 0
        for i in 0..<batch.count {
            let frame = batch[i]
            let n = write(descriptor, frame.baseAddress, frame.count)
            if n < 0 {
                switch errno {
                case EAGAIN, EIO, EINTR, ENOBUFS: break
                default: throw .systemCall(SystemCallError("write(tap)", errno: Errno(errno)), device: device.description)
                }
                continue
            }
            sent += 1
        }
        counters.sent &+= UInt64(sent)
        counters.sendFailures &+= UInt64(batch.count - sent)
        return sent
    }

    public var statistics: PacketPortStatistics { counters }

    public func close() {
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        Glibc.close(descriptor)
    }
}
