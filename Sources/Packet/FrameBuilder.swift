/// Builds well-formed frames (valid checksums) for tests, benchmarks and generated traffic.
public enum FrameBuilder {
    /// An Ethernet frame carrying IPv4 and a UDP, TCP or ICMP echo header plus `payload` bytes,
    /// padded to `minimumLength` (60: the Ethernet minimum without FCS).
    public static func ipv4(dstMAC: UInt64, srcMAC: UInt64, vlan: UInt16? = nil, src: UInt32, dst: UInt32, proto: UInt8 = 17,
                            srcPort: UInt16 = 1000, dstPort: UInt16 = 2000, ttl: UInt8 = 64, tos: UInt8 = 0,
                            payload: Int = 18, minimumLength: Int = 60) -> [UInt8] {
        let l4Length = (proto == 6 ? 20 : 8) + payload
        var f = [UInt8](repeating: 0, count: 14 + 20 + l4Length)
        f.putMAC(dstMAC, at: 0); f.putMAC(srcMAC, at: 6); f.put16(0x0800, at: 12)
        let ip = 14
        f[ip] = 0x45; f[ip + 1] = tos
        f.put16(UInt16(20 + l4Length), at: ip + 2)
        f.put16(0x1234, at: ip + 4)
        f[ip + 8] = ttl; f[ip + 9] = proto
        f.put32(src, at: ip + 12); f.put32(dst, at: ip + 16)
        writeTransport(&f, at: ip + 20, proto: proto, srcPort: srcPort, dstPort: dstPort, length: l4Length, payload: payload)
        var key = FlowKey.parse(f, vxlanPort: nil) ?? FlowKey()
        FrameEditor.recomputeIPv4Checksum(&f, key: key)
        FrameEditor.recomputeTransportChecksum(&f, key: key)
        if let vlan { _ = FrameEditor.pushVLAN(&f, id: vlan, key: &key) }
        if f.count < minimumLength { f += [UInt8](repeating: 0, count: minimumLength - f.count) }
        return f
    }

    /// Writes a TCP (SYN), UDP or ICMP/ICMPv6 echo request header at `l4` (the echo identifier is
    /// `srcPort` for ICMPv6) and numbers the last `payload` bytes of the frame.
    static func writeTransport(_ f: inout [UInt8], at l4: Int, proto: UInt8, srcPort: UInt16, dstPort: UInt16, length: Int, payload: Int) {
        switch proto {
        case 6:
            f.put16(srcPort, at: l4); f.put16(dstPort, at: l4 + 2); f[l4 + 12] = 0x50; f[l4 + 13] = 0x02
        case 17:
            f.put16(srcPort, at: l4); f.put16(dstPort, at: l4 + 2); f.put16(UInt16(length), at: l4 + 4)
        case 1:
            f[l4] = 8
        case 58:
            f[l4] = 128
            f.put16(srcPort, at: l4 + 4)
        default: break
        }
        for i in 0..<payload { f[f.count - payload + i] = UInt8(truncatingIfNeeded: i) }
    }

    /// An ARP request (who-has `target` tell `sender`), broadcast.
    public static func arpRequest(srcMAC: UInt64, sender: UInt32, target: UInt32) -> [UInt8] {
        var f = [UInt8](repeating: 0, count: 60)
        f.putMAC(0xFFFF_FFFF_FFFF, at: 0); f.putMAC(srcMAC, at: 6); f.put16(0x0806, at: 12)
        f.put16(1, at: 14); f.put16(0x0800, at: 16); f[18] = 6; f[19] = 4; f.put16(1, at: 20)
        f.putMAC(srcMAC, at: 22); f.put32(sender, at: 28); f.put32(target, at: 38)
        return f
    }

    /// True when the IPv4 header checksum of a parsed frame verifies.
    public static func ipv4ChecksumIsValid(_ frame: [UInt8], key: FlowKey, outer: Bool = false) -> Bool {
        let l3 = outer ? key.outerNetworkOffset : key.networkOffset
        guard l3 >= 0, l3 + 20 <= frame.count else { return false }
        let ihl = Int(frame[l3] & 0x0F) * 4
        return frame.withUnsafeBytes { InternetChecksum.finish(InternetChecksum.sum($0, l3..<(l3 + ihl))) } == 0
    }

    /// True when the TCP/UDP/ICMP checksum of a parsed frame verifies (a zero UDP checksum counts
    /// as valid: none was computed).
    public static func transportChecksumIsValid(_ frame: [UInt8], key: FlowKey) -> Bool {
        var copy = frame
        let field: Int
        switch key.ipProto {
        case 6: field = key.transportOffset + 16
        case 17: field = key.transportOffset + 6
        case 1, 58: field = key.transportOffset + 2
        default: return false
        }
        guard key.transportOffset >= 0, field + 2 <= frame.count else { return false }
        let stored = frame.be16(field)
        if key.ipProto == 17, stored == 0 { return true }
        FrameEditor.recomputeTransportChecksum(&copy, key: key)
        return copy.be16(field) == stored
    }
}
