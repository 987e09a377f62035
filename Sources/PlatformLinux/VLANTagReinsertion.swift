/// The 802.1Q tag the kernel took out of a received frame (the receive path strips the tag into
/// packet metadata before packet sockets see the frame, and reports it beside the frame), put
/// back so that the frame is the one that was on the wire.
struct VLANTagReinsertion {
    /// The tag protocol (0x8100 unless the kernel reported another).
    var tpid: UInt16
    /// Priority, DEI and VLAN id.
    var tci: UInt16

    /// Bytes the tag adds.
    static let length = 4
    /// Where the tag goes: after the destination and source MAC addresses.
    static let offset = 12

    /// Copies `frame` into `slot` (at least 16 bytes) with the tag inserted.
    ///
    /// - Returns: bytes written (at most the slot's size) and whether the frame was cut short.
    func copy(_ frame: UnsafeRawBufferPointer, into slot: UnsafeMutableRawBufferPointer) -> (length: Int, truncated: Bool) {
        guard frame.count >= Self.offset, let source = frame.baseAddress, let target = slot.baseAddress,
              slot.count >= Self.offset + Self.length else {
            let n = min(frame.count, slot.count)
            if n > 0, let source = frame.baseAddress, let target = slot.baseAddress { target.copyMemory(from: source, byteCount: n) }
            return (n, n < frame.count)
        }
        target.copyMemory(from: source, byteCount: Self.offset)
        writeTag(at: target + Self.offset)
        let total = frame.count + Self.length
        let n = min(total, slot.count)
        let rest = n - Self.offset - Self.length
        if rest > 0 { (target + Self.offset + Self.length).copyMemory(from: source + Self.offset, byteCount: rest) }
        return (n, n < total)
    }

    /// Inserts the tag into a frame already at the start of `slot` (`length` bytes), moving the
    /// payload up (memmove).
    ///
    /// - Returns: the new length (at most the slot's size) and whether the frame was cut short.
    func insert(inPlace slot: UnsafeMutableRawBufferPointer, length: Int) -> (length: Int, truncated: Bool) {
        guard length >= Self.offset, let base = slot.baseAddress, slot.count >= Self.offset + Self.length else { return (length, false) }
        let total = length + Self.length
        let n = min(total, slot.count)
        let moved = n - Self.offset - Self.length
        if moved > 0 { (base + Self.offset + Self.length).copyMemory(from: base + Self.offset, byteCount: moved) }
        writeTag(at: base + Self.offset)
        return (n, n < total)
    }

    private func writeTag(at pointer: UnsafeMutableRawPointer) {
        pointer.storeBytes(of: tpid.bigEndian, as: UInt16.self)
        pointer.storeBytes(of: tci.bigEndian, toByteOffset: 2, as: UInt16.self)
    }
}
