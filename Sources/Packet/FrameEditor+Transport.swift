extension FrameEditor {
    /// Where the TCP or UDP checksum of a parsed frame lies (the checksums that cover the IP
    /// pseudo-header); nil for other protocols or without a transport header.
    @inlinable
    static func pseudoHeaderChecksumOffset(key: FlowKey) -> Int? {
        guard key.transportOffset >= 0 else { return nil }
        switch key.ipProto {
        case 6: return key.transportOffset + 16
        case 17: return key.transportOffset + 6
        default: return nil
        }
    }

    /// Rewrites the TCP/UDP source (or destination) port, updating the transport checksum
    /// incrementally (RFC 1624); a zero UDP checksum stays zero.
    /// - Returns: false when the frame has no TCP/UDP header.
    @inlinable
    public static func setTransportPort(_ frame: inout [UInt8], source: Bool, _ port: UInt16, key: FlowKey) -> Bool {
        guard let checksum = pseudoHeaderChecksumOffset(key: key), checksum + 2 <= frame.count else { return false }
        let field = key.transportOffset + (source ? 0 : 2)
        let old = frame.be16(field)
        frame.put16(port, at: field)
        let current = frame.be16(checksum)
        if key.ipProto == 17, current == 0 { return true }
        var updated = InternetChecksum.update(current, old: old, new: port)
        if key.ipProto == 17, updated == 0 { updated = 0xFFFF }
        frame.put16(updated, at: checksum)
        return true
    }

    /// Rewrites the identifier of an ICMP/ICMPv6 echo request or reply, updating its checksum.
    /// - Returns: false when the frame is not an echo message.
    @inlinable
    public static func setICMPIdentifier(_ frame: inout [UInt8], _ identifier: UInt16, key: FlowKey) -> Bool {
        let echo = key.ipProto == 1 ? (key.icmpType == 8 || key.icmpType == 0) : key.ipProto == 58 && (key.icmpType == 128 || key.icmpType == 129)
        guard echo, key.transportOffset >= 0, key.transportOffset + 6 <= frame.count else { return false }
        let field = key.transportOffset + 4
        let old = frame.be16(field)
        frame.put16(identifier, at: field)
        frame.put16(InternetChecksum.update(frame.be16(key.transportOffset + 2), old: old, new: identifier), at: key.transportOffset + 2)
        return true
    }
}
