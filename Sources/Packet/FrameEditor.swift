/// In-place header rewrites of an Ethernet frame, with checksums kept valid.
///
/// Each function takes the frame and its ``FlowKey`` (offsets as parsed; functions that move
/// headers update the key's offsets) and returns false when the frame lacks the header.
public enum FrameEditor {
    /// Sets the destination MAC.
    @inlinable
    public static func setDestinationMAC(_ frame: inout [UInt8], _ mac: UInt64, key: FlowKey) -> Bool {
        guard key.innerOffset + 14 <= frame.count else { return false }
        frame.putMAC(mac, at: key.innerOffset)
        return true
    }

    /// Sets the source MAC.
    @inlinable
    public static func setSourceMAC(_ frame: inout [UInt8], _ mac: UInt64, key: FlowKey) -> Bool {
        guard key.innerOffset + 14 <= frame.count else { return false }
        frame.putMAC(mac, at: key.innerOffset + 6)
        return true
    }

    /// Rewrites the IPv4 source (or destination) address, updating the header checksum and the
    /// TCP/UDP checksum (pseudo-header) incrementally (RFC 1624); a zero UDP checksum stays zero.
    @inlinable
    public static func setIPv4Address(_ frame: inout [UInt8], source: Bool, _ address: UInt32, key: FlowKey) -> Bool {
        guard key.isIPv4 else { return false }
        let l3 = key.networkOffset
        let field = l3 + (source ? 12 : 16)
        let old = frame.be32(field)
        frame.put32(address, at: field)
        frame.put16(InternetChecksum.update(frame.be16(l3 + 10), old: old, new: address), at: l3 + 10)
        updateTransportChecksum(&frame, key: key, old: old, new: address)
        return true
    }

    /// Decrements the IPv4 TTL (or IPv6 hop limit), updating the IPv4 header checksum.
    /// - Returns: false when there is no IP header or the TTL is already 0 or 1 (the packet must
    ///   not be forwarded).
    @inlinable
    public static func decrementTTL(_ frame: inout [UInt8], key: FlowKey) -> Bool {
        if key.isIPv4 {
            let l3 = key.networkOffset
            let ttl = frame[l3 + 8]
            guard ttl > 1 else { return false }
            let oldWord = frame.be16(l3 + 8)
            frame[l3 + 8] = ttl - 1
            frame.put16(InternetChecksum.update(frame.be16(l3 + 10), old: oldWord, new: frame.be16(l3 + 8)), at: l3 + 10)
            return true
        }
        if key.isIPv6 {
            let hop = frame[key.networkOffset + 7]
            guard hop > 1 else { return false }
            frame[key.networkOffset + 7] = hop - 1
            return true
        }
        return false
    }

    /// Adjusts the TCP/UDP checksum for a changed 32-bit pseudo-header field.
    @inlinable
    static func updateTransportChecksum(_ frame: inout [UInt8], key: FlowKey, old: UInt32, new: UInt32) {
        guard let at = pseudoHeaderChecksumOffset(key: key), at + 2 <= frame.count else { return }
        let current = frame.be16(at)
        if key.ipProto == 17, current == 0 { return }
        var updated = InternetChecksum.update(current, old: old, new: new)
        if key.ipProto == 17, updated == 0 { updated = 0xFFFF }
        frame.put16(updated, at: at)
    }

    /// Recomputes the IPv4 header checksum from scratch.
    @inlinable
    public static func recomputeIPv4Checksum(_ frame: inout [UInt8], key: FlowKey) {
        guard key.isIPv4 else { return }
        let l3 = key.networkOffset
        let ihl = Int(frame[l3] & 0x0F) * 4
        frame.put16(0, at: l3 + 10)
        let c = frame.withUnsafeBytes { InternetChecksum.finish(InternetChecksum.sum($0, l3..<(l3 + ihl))) }
        frame.put16(c, at: l3 + 10)
    }

    /// Recomputes the TCP, UDP or ICMP checksum from scratch (IPv4 or IPv6 pseudo-header).
    @inlinable
    public static func recomputeTransportChecksum(_ frame: inout [UInt8], key: FlowKey) {
        guard key.transportOffset >= 0, key.networkOffset >= 0 else { return }
        let l3 = key.networkOffset, l4 = key.transportOffset
        let end: Int
        if key.isIPv4 { end = Swift.min(frame.count, l3 + Int(frame.be16(l3 + 2))) } else { end = Swift.min(frame.count, l4 + Int(frame.be16(l3 + 4))) }
        guard end > l4 else { return }
        let length = UInt32(end - l4)
        let field: Int
        switch key.ipProto {
        case 6: field = l4 + 16
        case 17: field = l4 + 6
        case 1, 58: field = l4 + 2
        default: return
        }
        guard field + 2 <= end else { return }
        frame.put16(0, at: field)
        var c = frame.withUnsafeBytes { p -> UInt16 in
            var s: UInt32 = 0
            if key.ipProto != 1 {
                if key.isIPv4 {
                    s = InternetChecksum.sum(p, (l3 + 12)..<(l3 + 20))
                } else {
                    s = InternetChecksum.sum(p, (l3 + 8)..<(l3 + 40))
                }
                s &+= UInt32(key.ipProto) &+ (length >> 16) &+ (length & 0xFFFF)
            }
            return InternetChecksum.finish(InternetChecksum.sum(p, l4..<end, initial: s))
        }
        if key.ipProto == 17, c == 0 { c = 0xFFFF }
        frame.put16(c, at: field)
    }

    /// Inserts an 802.1Q (or 802.1ad) tag after the MAC addresses.
    @inlinable
    public static func pushVLAN(_ frame: inout [UInt8], id: UInt16, priority: UInt8 = 0, tpid: UInt16 = 0x8100, key: inout FlowKey) -> Bool {
        let at = key.innerOffset + 12
        guard at + 2 <= frame.count else { return false }
        let tci = UInt16(priority & 7) << 13 | (id & 0x0FFF)
        // Four bytes more at the end, the tail moved up (no temporary array).
        let tail = frame.count - at
        for _ in 0..<4 { frame.append(0) }
        frame.withUnsafeMutableBytes { p in (p.baseAddress! + at + 4).copyMemory(from: p.baseAddress! + at, byteCount: tail) }
        frame.put16(tpid, at: at)
        frame.put16(tci, at: at + 2)
        if key.networkOffset >= 0 { key.networkOffset += 4 }
        if key.transportOffset >= 0 { key.transportOffset += 4 }
        key.cvlanID = key.vlanID; key.cvlanPriority = key.vlanPriority; key.cvlanEthType = key.vlanEthType
        key.vlanEthType = key.ethType
        key.vlanID = id & 0x0FFF; key.vlanPriority = priority & 7; key.ethType = tpid
        key.vlanCount += 1
        return true
    }

    /// Removes the outer VLAN tag.
    @inlinable
    public static func popVLAN(_ frame: inout [UInt8], key: inout FlowKey) -> Bool {
        guard key.vlanCount > 0 else { return false }
        let at = key.innerOffset + 12
        guard at + 4 <= frame.count else { return false }
        frame.withUnsafeMutableBytes { p in (p.baseAddress! + at).copyMemory(from: p.baseAddress! + at + 4, byteCount: p.count - at - 4) }
        frame.removeLast(4)
        if key.networkOffset >= 0 { key.networkOffset -= 4 }
        if key.transportOffset >= 0 { key.transportOffset -= 4 }
        key.ethType = key.vlanEthType
        key.vlanID = key.cvlanID; key.vlanPriority = key.cvlanPriority; key.vlanEthType = key.cvlanEthType
        key.cvlanID = 0; key.cvlanPriority = 0; key.cvlanEthType = 0
        key.vlanCount -= 1
        return true
    }

    /// Applies one pedit key: the 32-bit word at `offset` becomes `(word & mask) ^ value` (set) or
    /// `(word & mask) | ((word + value) & ~mask)` (add), as the kernel's act_pedit does.
    @inlinable
    public static func munge(_ frame: inout [UInt8], at offset: Int, mask: UInt32, value: UInt32, add: Bool) -> Bool {
        guard offset >= 0, offset + 4 <= frame.count else { return false }
        let word = frame.be32(offset)
        frame.put32(add ? (word & mask) | ((word &+ value) & ~mask) : (word & mask) ^ value, at: offset)
        return true
    }
}
