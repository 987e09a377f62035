#if canImport(Glibc)
import Glibc
#endif
import CEswitchShim
import Platform

/// The receive half of an AF_PACKET TPACKET_V3 ring: blocks of frames the kernel fills and hands
/// over whole (when full, or when ``PacketPortOptions/blockTimeout`` passes with frames in it),
/// read in place and given back block by block (Documentation/networking/packet_mmap.rst).
///
/// Frames are copied out into a ``PacketBatch``: a block goes back to the kernel as soon as its
/// last frame is copied, so a slow consumer never holds ring space.
struct TPacketReceiveRing {
    let base: UnsafeMutableRawPointer
    let blockSize: Int
    let blockCount: Int

    /// The block being read and what is left of it.
    private var block = 0
    private var holding = false
    private var remaining = 0
    private var frame: UnsafeMutableRawPointer?

    /// Offset of `block_status` in a block descriptor (tpacket_block_desc.hdr.bh1).
    private static let statusOffset = MemoryLayout<tpacket_block_desc>.offset(of: \.hdr)! + MemoryLayout<tpacket_hdr_v1>.offset(of: \.block_status)!

    init(base: UnsafeMutableRawPointer, blockSize: Int, blockCount: Int) {
        self.base = base
        self.blockSize = blockSize
        self.blockCount = blockCount
    }

    /// The status word of block `index`, shared with the kernel.
    @inline(__always)
    private func status(_ index: Int) -> UnsafeMutablePointer<UInt32> {
        (base + index * blockSize + Self.statusOffset).assumingMemoryBound(to: UInt32.self)
    }

    /// True when a frame can be read without waiting.
    var hasFrames: Bool {
        if holding && remaining > 0 { return true }
        let next = holding ? (block + 1) % blockCount : block
        return eswitch_load_acquire_u32(status(next)) & UInt32(TP_STATUS_USER) != 0
    }

    /// Copies the frames the kernel has handed over into `batch`, up to its free slots.
    ///
    /// - Returns: frames appended, and how many of them were cut to the slot size.
    mutating func drain(into batch: PacketBatch) -> (frames: Int, truncated: Int) {
        var appended = 0
        var truncated = 0
        while !batch.isFull {
            if remaining == 0 {
                if holding { release() }
                let word = eswitch_load_acquire_u32(status(block))
                guard word & UInt32(TP_STATUS_USER) != 0 else { break }
                let descriptor = (base + block * blockSize).assumingMemoryBound(to: tpacket_block_desc.self).pointee.hdr.bh1
                holding = true
                remaining = Int(descriptor.num_pkts)
                frame = base + block * blockSize + Int(descriptor.offset_to_first_pkt)
                continue
            }
            guard let current = frame else { break }
            let header = current.assumingMemoryBound(to: tpacket3_hdr.self).pointee
            let bytes = UnsafeRawBufferPointer(start: current + Int(header.tp_mac), count: Int(header.tp_snaplen))
            var flags: PacketFlags = header.tp_status & UInt32(TP_STATUS_CSUMNOTREADY) != 0 ? .checksumPending : []
            let cut = header.tp_snaplen < header.tp_len
            _ = try? batch.appendInPlace { slot in
                var result: (length: Int, truncated: Bool)
                if header.tp_status & UInt32(TP_STATUS_VLAN_VALID) != 0 {
                    let tpid = header.tp_status & UInt32(TP_STATUS_VLAN_TPID_VALID) != 0 ? header.hv1.tp_vlan_tpid : 0x8100
                    result = VLANTagReinsertion(tpid: tpid, tci: UInt16(truncatingIfNeeded: header.hv1.tp_vlan_tci)).copy(bytes, into: slot)
                } else {
                    let n = min(bytes.count, slot.count)
                    if n > 0 { slot.baseAddress!.copyMemory(from: bytes.baseAddress!, byteCount: n) }
                    result = (n, n < bytes.count)
                }
                if result.truncated || cut { flags.insert(.truncated) }
                return (result.length, flags)
            }
            if flags.contains(.truncated) { truncated += 1 }
            appended += 1
            remaining -= 1
            frame = header.tp_next_offset == 0 ? nil : current + Int(header.tp_next_offset)
            if remaining == 0 { release() }
        }
        return (appended, truncated)
    }

    /// Gives the current block back to the kernel and moves to the next.
    private mutating func release() {
        eswitch_store_release_u32(status(block), UInt32(TP_STATUS_KERNEL))
        block = (block + 1) % blockCount
        holding = false
        remaining = 0
        frame = nil
    }
}
