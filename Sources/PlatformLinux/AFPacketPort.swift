#if canImport(Glibc)
import Glibc
#endif
import CEswitchShim
import EswitchModel
import Platform
import Synchronization

/// A ``PacketPort`` on an existing netdev through an AF_PACKET socket bound to its interface
/// index: TPACKET_V3 receive ring (or recvmmsg), sendmmsg (or a TPACKET_V3 transmit ring),
/// PACKET_QDISC_BYPASS and PACKET_IGNORE_OUTGOING as the ``PacketPortOptions`` say.
///
/// The socket is created inside the device's network namespace and keeps working from any thread.
/// One thread uses the port at a time (``close()`` included).
public final class AFPacketPort: PollablePacketPort, @unchecked Sendable {
    public let device: PacketDevice
    public let ifindex: IfIndex
    /// The options the port was opened with.
    public let options: PacketPortOptions

    let descriptor: Int32
    private var receiveRing: TPacketReceiveRing?
    private var transmitRing: TPacketTransmitRing?
    private var vectors: PacketMessageVectors
    private var mapping: (base: UnsafeMutableRawPointer, size: Int)?
    private var counters = PacketPortStatistics()
    private let isClosed = Atomic<Bool>(false)

    /// Opens a packet socket on `device` (an existing netdev) in its namespace.
    ///
    /// - Throws: ``PacketPortError`` when the namespace or device is missing, an option is refused,
    ///   or the ring geometry is invalid.
    public init(_ device: PacketDevice, options: PacketPortOptions = PacketPortOptions()) throws(PacketPortError) {
        let geometry = try RingGeometry(options)
        let (fd, index) = try PacketDescriptor.within(device.namespace) { () throws(PacketPortError) -> (Int32, IfIndex) in
            let index = try PacketDescriptor.interfaceIndex(device)
            do throws(SystemCallError) {
                // Protocol 0: nothing arrives before bind, which happens once the rings exist.
                let fd = try SystemCall.run("socket(AF_PACKET)") { socket(AF_PACKET, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
                return (fd, index)
            } catch {
                throw .systemCall(error, device: device.description)
            }
        }
        self.device = device
        self.ifindex = index
        self.options = options
        self.descriptor = fd
        self.vectors = PacketMessageVectors(capacity: 256)
        do {
            try configure(geometry)
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Socket options, rings and bind, in the order the kernel wants: version before rings, rings
    /// before bind.
    private func configure(_ geometry: RingGeometry) throws(PacketPortError) {
        let usesRing = options.receiveMechanism == .ring || options.transmitMechanism == .ring
        if usesRing {
            try PacketDescriptor.setOption(descriptor, level: SOL_PACKET, PACKET_VERSION, Int32(TPACKET_V3.rawValue), name: "PACKET_VERSION", device: device)
        }
        if options.ignoreOutgoing {
            try PacketDescriptor.setOption(descriptor, level: SOL_PACKET, PACKET_IGNORE_OUTGOING, 1, name: "PACKET_IGNORE_OUTGOING", device: device)
        }
        if options.bypassQueueingDiscipline {
            try PacketDescriptor.setOption(descriptor, level: SOL_PACKET, PACKET_QDISC_BYPASS, 1, name: "PACKET_QDISC_BYPASS", device: device)
        }
        if options.receiveMechanism == .systemCalls {
            try PacketDescriptor.setOption(descriptor, level: SOL_PACKET, PACKET_AUXDATA, 1, name: "PACKET_AUXDATA", device: device)
            if let size = options.receiveBufferSize {
                try PacketDescriptor.setOption(descriptor, level: SOL_SOCKET, SO_RCVBUFFORCE, Int32(clamping: size), name: "SO_RCVBUFFORCE", device: device)
            }
        }
        var receiveSize = 0
        if options.receiveMechanism == .ring {
            let request = tpacket_req3(tp_block_size: UInt32(geometry.blockSize), tp_block_nr: UInt32(geometry.blockCount),
                                       tp_frame_size: UInt32(geometry.frameSize), tp_frame_nr: UInt32(geometry.receiveFrames),
                                       tp_retire_blk_tov: UInt32(geometry.blockTimeoutMilliseconds), tp_sizeof_priv: 0, tp_feature_req_word: 0)
            try PacketDescriptor.setOption(descriptor, level: SOL_PACKET, PACKET_RX_RING, structure: request, name: "PACKET_RX_RING", device: device)
            receiveSize = geometry.blockSize * geometry.blockCount
        }
        var transmitSize = 0
        if options.transmitMechanism == .ring {
            // A V3 transmit ring takes no block timeout or private area (net/packet/af_packet.c).
            let request = tpacket_req3(tp_block_size: UInt32(geometry.transmitBlockSize), tp_block_nr: UInt32(geometry.transmitBlockCount),
                                       tp_frame_size: UInt32(geometry.frameSize), tp_frame_nr: UInt32(geometry.transmitFrames),
                                       tp_retire_blk_tov: 0, tp_sizeof_priv: 0, tp_feature_req_word: 0)
            try PacketDescriptor.setOption(descriptor, level: SOL_PACKET, PACKET_TX_RING, structure: request, name: "PACKET_TX_RING", device: device)
            transmitSize = geometry.transmitBlockSize * geometry.transmitBlockCount
        }
        if receiveSize + transmitSize > 0 {
            // Both rings live in one mapping, the receive ring first.
            guard let base = mmap(nil, receiveSize + transmitSize, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, descriptor, 0),
                  base != MAP_FAILED else {
                throw .systemCall(SystemCallError("mmap(packet ring)", errno: Errno(errno)), device: device.description)
            }
            mapping = (base, receiveSize + transmitSize)
            if receiveSize > 0 { receiveRing = TPacketReceiveRing(base: base, blockSize: geometry.blockSize, blockCount: geometry.blockCount) }
            if transmitSize > 0 { transmitRing = TPacketTransmitRing(base: base + receiveSize, frameSize: geometry.frameSize,
                                                                      frameCount: geometry.transmitFrames, blockSize: geometry.transmitBlockSize) }
        }
        var address = sockaddr_ll()
        address.sll_family = UInt16(AF_PACKET)
        address.sll_protocol = UInt16(ETH_P_ALL).bigEndian
        address.sll_ifindex = Int32(bitPattern: ifindex.rawValue)
        do {
            _ = try SystemCall.run("bind(AF_PACKET)") {
                withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_ll>.size)) }
                }
            }
        } catch {
            throw .systemCall(error, device: device.description)
        }
    }

    var pollDescriptor: Int32 { descriptor }

    func acknowledgeError() { PacketDescriptor.clearSocketError(descriptor) }

    private func checkOpen() throws(PacketPortError) {
        if isClosed.load(ordering: .relaxed) { throw .closed(device.description) }
    }

    public func receive(into batch: PacketBatch) throws(PacketPortError) -> Int {
        try checkOpen()
        let (frames, truncated): (Int, Int)
        if receiveRing != nil {
            (frames, truncated) = receiveRing!.drain(into: batch)
        } else {
            (frames, truncated) = try vectors.receive(descriptor, into: batch, device: device)
        }
        counters.received &+= UInt64(frames)
        counters.truncated &+= UInt64(truncated)
        return frames
    }

    public func waitForFrames(timeout: Duration) throws(PacketPortError) -> Bool {
        try checkOpen()
        if let ring = receiveRing, ring.hasFrames { return true }
        return try PacketDescriptor.waitReadable(descriptor, timeout: timeout, device: device) { acknowledgeError() }
    }

    public func send(_ batch: PacketBatch) throws(PacketPortError) -> Int {
        try checkOpen()
        var sent = 0
        if transmitRing != nil {
            var start = 0
            // Two rounds: the second after the kick frees slots whose frames have left.
            for _ in 0..<2 where start < batch.count {
                let (consumed, queued) = transmitRing!.queue(batch, from: start)
                start += consumed
                sent += queued
                try kickTransmitRing()
                if consumed == 0 { break }
            }
        } else {
            while sent < batch.count {
                let n = try vectors.send(descriptor, batch, from: sent, device: device)
                if n == 0 { break }
                sent += n
            }
        }
        counters.sent &+= UInt64(sent)
        counters.sendFailures &+= UInt64(batch.count - sent)
        return sent
    }

    /// Makes the kernel transmit every slot marked for sending.
    private func kickTransmitRing() throws(PacketPortError) {
        let result = Glibc.send(descriptor, nil, 0, Int32(MSG_DONTWAIT))
        if result < 0 {
            let code = Errno(errno)
            switch code {
            case .resourceTemporarilyUnavailable, .noBufferSpace, .interrupted: return
            default: throw .systemCall(SystemCallError("send(packet ring)", errno: code), device: device.description)
            }
        }
    }

    public var statistics: PacketPortStatistics {
        var result = counters
        if !isClosed.load(ordering: .relaxed) {
            // PACKET_STATISTICS reads and resets the kernel's counters.
            var stats = tpacket_stats_v3()
            var length = socklen_t(MemoryLayout<tpacket_stats_v3>.size)
            if getsockopt(descriptor, SOL_PACKET, PACKET_STATISTICS, &stats, &length) == 0 {
                counters.receiveDrops &+= UInt64(stats.tp_drops)
                result.receiveDrops = counters.receiveDrops
            }
        }
        return result
    }

    public func close() {
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        receiveRing = nil
        transmitRing = nil
        if let mapping { munmap(mapping.base, mapping.size) }
        mapping = nil
        Glibc.close(descriptor)
    }
}

/// The ring sizes an ``AFPacketPort`` asks for, checked against the kernel's rules (block size a
/// multiple of the page size and of the frame size, frame size a multiple of TPACKET_ALIGNMENT).
struct RingGeometry {
    let frameSize: Int
    let blockSize: Int
    let blockCount: Int
    let receiveFrames: Int
    let blockTimeoutMilliseconds: Int
    let transmitBlockSize: Int
    let transmitBlockCount: Int
    let transmitFrames: Int

    init(_ options: PacketPortOptions) throws(PacketPortError) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let alignment = Int(TPACKET_ALIGNMENT)
        let minimumFrame = TPacketTransmitRing.dataOffset + 64
        guard options.frameSize >= minimumFrame else { throw .invalidOptions("frame size \(options.frameSize) below \(minimumFrame)") }
        frameSize = (options.frameSize + alignment - 1) & ~(alignment - 1)
        blockSize = options.blockSize
        guard blockSize >= page, blockSize % page == 0, blockSize & (blockSize - 1) == 0 else {
            throw .invalidOptions("block size \(blockSize) is not a power of two multiple of the page size \(page)")
        }
        guard blockSize >= frameSize else { throw .invalidOptions("block size \(blockSize) below the frame size \(frameSize)") }
        blockCount = max(1, options.receiveRingSize / blockSize)
        receiveFrames = blockSize / frameSize * blockCount
        let ms = PacketDescriptor.milliseconds(options.blockTimeout)
        blockTimeoutMilliseconds = Int(max(1, ms))
        guard options.transmitRingFrames >= 1 else { throw .invalidOptions("transmit ring needs at least one frame") }
        var transmitBlock = page
        while transmitBlock < frameSize { transmitBlock <<= 1 }
        transmitBlockSize = transmitBlock
        let perBlock = transmitBlock / frameSize
        transmitBlockCount = (options.transmitRingFrames + perBlock - 1) / perBlock
        transmitFrames = perBlock * transmitBlockCount
    }
}
