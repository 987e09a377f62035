#if canImport(Glibc)
import Glibc
#endif
import CEswitchShim
import Platform

/// The transmit half of an AF_PACKET TPACKET_V3 ring: fixed-size frame slots the user fills and
/// marks TP_STATUS_SEND_REQUEST, then one `send()` makes the kernel transmit every marked slot;
/// it marks them available again once the frame left (Documentation/networking/packet_mmap.rst,
/// "TX ring").
struct TPacketTransmitRing {
    let base: UnsafeMutableRawPointer
    let frameSize: Int
    let frameCount: Int
    let blockSize: Int
    private let framesPerBlock: Int
    private var next = 0

    /// Where frame data starts in a slot: after the aligned tpacket3_hdr (the kernel reads data at
    /// tp_hdrlen - sizeof(sockaddr_ll) without PACKET_TX_HAS_OFF, net/packet/af_packet.c).
    static let dataOffset = (MemoryLayout<tpacket3_hdr>.size + Int(TPACKET_ALIGNMENT) - 1) & ~(Int(TPACKET_ALIGNMENT) - 1)

    init(base: UnsafeMutableRawPointer, frameSize: Int, frameCount: Int, blockSize: Int) {
        self.base = base
        self.frameSize = frameSize
        self.frameCount = frameCount
        self.blockSize = blockSize
        framesPerBlock = blockSize / frameSize
    }

    /// Slot `index`: frames never straddle blocks (packet_lookup_frame in net/packet/af_packet.c).
    @inline(__always)
    private func slot(_ index: Int) -> UnsafeMutableRawPointer {
        base + (index / framesPerBlock) * blockSize + (index % framesPerBlock) * frameSize
    }

    /// The largest frame a slot takes.
    var maximumFrame: Int { frameSize - Self.dataOffset }

    @inline(__always)
    private func status(_ index: Int) -> UnsafeMutablePointer<UInt32> {
        (slot(index) + MemoryLayout<tpacket3_hdr>.offset(of: \.tp_status)!).assumingMemoryBound(to: UInt32.self)
    }

    /// Copies frames of `batch` (from `start`) into free slots and marks them for sending.
    ///
    /// - Returns: how many frames of the batch were dealt with (stops at the first busy slot) and
    ///   how many of those were queued; frames longer than a slot are skipped.
    mutating func queue(_ batch: PacketBatch, from start: Int) -> (consumed: Int, queued: Int) {
        var queued = 0
        var index = start
        while index < batch.count {
            let word = eswitch_load_acquire_u32(status(next))
            if word & UInt32(TP_STATUS_WRONG_FORMAT) != 0 {
                // A frame the kernel refused earlier: the slot is ours again.
                eswitch_store_release_u32(status(next), UInt32(TP_STATUS_AVAILABLE))
            } else if word != UInt32(TP_STATUS_AVAILABLE) {
                break
            }
            let frame = batch[index]
            index += 1
            guard frame.count <= maximumFrame else { continue }
            let target = slot(next)
            if frame.count > 0 { (target + Self.dataOffset).copyMemory(from: frame.baseAddress!, byteCount: frame.count) }
            let header = target.assumingMemoryBound(to: tpacket3_hdr.self)
            header.pointee.tp_len = UInt32(frame.count)
            header.pointee.tp_snaplen = UInt32(frame.count)
            header.pointee.tp_next_offset = 0
            eswitch_store_release_u32(status(next), UInt32(TP_STATUS_SEND_REQUEST))
            next = (next + 1) % frameCount
            queued += 1
        }
        return (index - start, queued)
    }
}
