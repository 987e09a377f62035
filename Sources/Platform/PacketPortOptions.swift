/// How a ``PacketPort`` is set up: buffer geometry and the kernel features it uses.
///
/// The defaults come from `eswitch-bench --only "packet I/O"` (64-byte frames on a veth pair, batches
/// of 64, best of 5 interleaved rounds, on the shared 2-core development machine under load):
/// receiving from a TPACKET_V3 ring costs the consumer 76-136 ns per frame against 1.7-2.4 µs with
/// recvmmsg (one system call per batch plus an skb copy and free per frame), and takes 210-390K
/// frames/s against 85-180K; transmitting, sendmmsg reached 370-410K frames/s and the TPACKET_V3
/// transmit ring 170-440K (on veth the ring saves the copy but the kernel still builds an skb per
/// frame, and slots come back only when the frame is freed), so sendmmsg, simpler, is the default;
/// PACKET_QDISC_BYPASS gained 0-10%. AF_XDP ports are not implemented, so not measured.
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
