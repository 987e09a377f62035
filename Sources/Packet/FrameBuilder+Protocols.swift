extension FrameBuilder {
    /// An Ethernet frame carrying IPv6 and a UDP, TCP or ICMPv6 echo request header plus
    /// `payload` bytes, with a valid transport checksum.
    public static func ipv6(dstMAC: UInt64, srcMAC: UInt64, src: NeighbourDiscovery.Address, dst: NeighbourDiscovery.Address,
                            proto: UInt8 = 17, srcPort: UInt16 = 1000, dstPort: UInt16 = 2000, hopLimit: UInt8 = 64,
                            payload: Int = 18) -> [UInt8] {
        let l4Length = (proto == 6 ? 20 : 8) + payload
        var f = [UInt8](repeating: 0, count: 14 + 40 + l4Length)
        f.putMAC(dstMAC, at: 0); f.putMAC(srcMAC, at: 6); f.put16(0x86DD, at: 12)
        let ip = 14
        f[ip] = 0x60
        f.put16(UInt16(l4Length), at: ip + 4)
        f[ip + 6] = proto
        f[ip + 7] = hopLimit
        f.put64(src.high, at: ip + 8); f.put64(src.low, at: ip + 16)
        f.put64(dst.high, at: ip + 24); f.put64(dst.low, at: ip + 32)
        writeTransport(&f, at: ip + 40, proto: proto, srcPort: srcPort, dstPort: dstPort, length: l4Length, payload: payload)
        if let key = FlowKey.parse(f, vxlanPort: nil) { FrameEditor.recomputeTransportChecksum(&f, key: key) }
        return f
    }

    /// A neighbour solicitation for `target` from `srcMAC`/`sender`, to the target's
    /// solicited-node multicast address, with the source link-layer address option.
    public static func neighbourSolicitation(srcMAC: UInt64, sender: NeighbourDiscovery.Address,
                                             target: NeighbourDiscovery.Address) -> [UInt8] {
        var f: [UInt8] = []
        let group = target.solicitedNode
        NeighbourDiscovery.write(&f, type: NeighbourDiscovery.solicitationType, dstMAC: group.multicastMAC, srcMAC: srcMAC,
                                 source: sender, destination: group, target: target, linkLayer: srcMAC)
        return f
    }

    /// A TCP segment over IPv4 with the given flags (SYN 0x02, ACK 0x10, FIN 0x01, RST 0x04).
    public static func tcp(dstMAC: UInt64, srcMAC: UInt64, src: UInt32, dst: UInt32, srcPort: UInt16, dstPort: UInt16,
                           flags: UInt8, ttl: UInt8 = 64) -> [UInt8] {
        var f = ipv4(dstMAC: dstMAC, srcMAC: srcMAC, src: src, dst: dst, proto: 6, srcPort: srcPort, dstPort: dstPort, ttl: ttl, payload: 0)
        guard let key = FlowKey.parse(f, vxlanPort: nil) else { return f }
        f[key.transportOffset + 13] = flags
        FrameEditor.recomputeTransportChecksum(&f, key: key)
        return f
    }
}
