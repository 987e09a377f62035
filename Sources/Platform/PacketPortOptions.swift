/// How a ``PacketPort`` is set up: buffer geometry and the kernel features it uses.
public struct PacketPortOptions: Hashable, Sendable {
    /// How frames are moved between the kernel and the port.
    public enum Mechanism: String, Hashable, Sendable, CaseIterable, Codable {
        /// A ring shared with the kernel (AF_PACKET TPACKET_V3 receive blocks, TPACKET_V3 transmit
        /// frames): no system call per frame, one per batch at most.
        case ring
        /// A system call per batch with a copy per frame (recvmmsg / sendmmsg).
        case systemCalls
    }

    /// How frames are received.
    public var receiveMechanism: Mechanism = .ring
    /// How frames are sent.
    public var transmitMechanism: Mechanism = .systemCalls
    /// The largest frame handled, in bytes (ring frame size, receive copy size).
    public var frameSize: Int = 2048
    /// Receive ring size in bytes (split into blocks of ``blockSize``).
    public var receiveRingSize: Int = 4 << 20
    /// Receive ring block size in bytes (a power of two, a multiple of the page size).
    public var blockSize: Int = 1 << 18
    /// How long the kernel keeps a receive block open before handing it over partly filled: an
    /// upper bound on the latency the ring adds to a frame when traffic is light.
    public var blockTimeout: Duration = .milliseconds(1)
    /// Transmit ring frames (``Mechanism/ring`` transmit).
    public var transmitRingFrames: Int = 512
    /// Send without the device's queueing discipline (PACKET_QDISC_BYPASS): the frame goes
    /// straight to the driver, as a NIC's own transmit would.
    public var bypassQueueingDiscipline = true
    /// Do not receive the frames this port (or anything else on the host) transmits on the device
    /// (PACKET_IGNORE_OUTGOING): a port sees only what arrives.
    public var ignoreOutgoing = true
    /// Socket receive buffer in bytes for ``Mechanism/systemCalls`` receive (nil: the kernel default).
    public var receiveBufferSize: Int? = 4 << 20

    public init() {}
}
