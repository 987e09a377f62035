#if canImport(Glibc)
import Glibc
#endif
import CEswitchShim
import EswitchModel
import Platform
import Synchronization

/// The Linux ``PacketPortFactory``: ``AFPacketPort`` for attached devices, ``TapPacketPort`` for
/// TAP devices, and an epoll poller.
public struct LinuxPacketPortFactory: PacketPortFactory {
    /// MAC addresses given to TAP devices when they are created, by name.
    public var tapAddresses: [InterfaceName: MACAddress]

    public init(tapAddresses: [InterfaceName: MACAddress] = [:]) {
        self.tapAddresses = tapAddresses
    }

    public func open(_ device: PacketDevice, options: PacketPortOptions) throws(PacketPortError) -> any PacketPort {
        if let problem = device.name.problem { throw .invalidName(device.name.rawValue, reason: problem) }
        switch device.kind {
        case .attached: return try AFPacketPort(device, options: options)
        case .tap: return try TapPacketPort(device, mac: tapAddresses[device.name])
        }
    }

    public func makePoller(for ports: [any PacketPort]) throws(PacketPortError) -> any PacketPortPoller {
        try EpollPacketPortPoller(ports)
    }
}

/// Waits on several Linux packet ports with epoll, plus an eventfd that ``wake()`` writes.
public final class EpollPacketPortPoller: PacketPortPoller, @unchecked Sendable {
    private let epoll: Int32
    private let wakeDescriptor: Int32
    private let ports: [any PollablePacketPort]
    private var events: [epoll_event]
    private let isClosed = Atomic<Bool>(false)
    /// The epoll data of the wake-up descriptor (ports use their position).
    private static let wakeToken = UInt64.max

    /// - Throws: ``PacketPortError/invalidOptions(_:)`` for a port this poller cannot watch (not a
    ///   Linux packet port), or the failing system call.
    public init(_ ports: [any PacketPort]) throws(PacketPortError) {
        var pollable: [any PollablePacketPort] = []
        for port in ports {
            guard let p = port as? any PollablePacketPort else { throw .invalidOptions("\(port.device) is not a Linux packet port") }
            pollable.append(p)
        }
        self.ports = pollable
        do throws(SystemCallError) {
            epoll = try SystemCall.run("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
        } catch {
            throw .systemCall(error, device: "poller")
        }
        do throws(SystemCallError) {
            wakeDescriptor = try SystemCall.run("eventfd") { eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC)) }
        } catch {
            Glibc.close(epoll)
            throw .systemCall(error, device: "poller")
        }
        events = Array(repeating: epoll_event(), count: max(8, pollable.count + 1))
        do throws(SystemCallError) {
            try add(wakeDescriptor, token: Self.wakeToken)
            for (index, port) in pollable.enumerated() { try add(port.pollDescriptor, token: UInt64(index)) }
        } catch {
            close()
            throw .systemCall(error, device: "poller")
        }
    }

    deinit { close() }

    private func add(_ fd: Int32, token: UInt64) throws(SystemCallError) {
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = token
        _ = try SystemCall.run("epoll_ctl(ADD)") { epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event) }
    }

    public func wait(timeout: Duration, ready: inout [Int]) throws(PacketPortError) {
        ready.removeAll(keepingCapacity: true)
        if isClosed.load(ordering: .relaxed) { throw .closed("poller") }
        let capacity = Int32(events.count)
        let count: Int32
        do {
            count = try events.withUnsafeMutableBufferPointer { buffer throws(SystemCallError) -> Int32 in
                try SystemCall.run("epoll_wait") { epoll_wait(epoll, buffer.baseAddress, capacity, PacketDescriptor.milliseconds(timeout)) }
            }
        } catch {
            throw .systemCall(error, device: "poller")
        }
        for i in 0..<Int(count) {
            let event = events[i]
            let token = event.data.u64
            if token == Self.wakeToken {
                var value: UInt64 = 0
                _ = read(wakeDescriptor, &value, 8)
                continue
            }
            let index = Int(token)
            if event.events & EPOLLERR.rawValue != 0 { ports[index].acknowledgeError() }
            if event.events & EPOLLIN.rawValue != 0 { ready.append(index) }
        }
    }

    public func wake() {
        var one: UInt64 = 1
        _ = write(wakeDescriptor, &one, 8)
    }

    public func close() {
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        Glibc.close(wakeDescriptor)
        Glibc.close(epoll)
    }
}
