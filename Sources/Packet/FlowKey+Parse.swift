extension FlowKey {
    /// The IANA VXLAN port (RFC 7348 §5).
    public static let vxlanPort: UInt16 = 4789

    /// Parses a frame; when `vxlanPort` is not nil and the frame is IPv4/IPv6 UDP to that port
    /// with a VXLAN header (I flag set) and a whole inner Ethernet header, the key describes the
    /// inner frame and carries the outer headers as tunnel metadata.
    ///
    /// - Returns: nil when the buffer is shorter than an Ethernet header. Shorter upper headers
    ///   just leave their fields unset (offset -1).
    @inlinable
    public static func parse(_ buffer: UnsafeRawBufferPointer, vxlanPort: UInt16? = FlowKey.vxlanPort) -> FlowKey? {
        var key = FlowKey()
        return key.parse(buffer, vxlanPort: vxlanPort) ? key : nil
    }

    /// Parses a frame into this key (every field reset first), as ``parse(_:vxlanPort:)`` does,
    /// without returning a copy of the key (it is a few hundred bytes).
    /// - Returns: false when the buffer is shorter than an Ethernet header.
    @inlinable
    public mutating func parse(_ buffer: UnsafeRawBufferPointer, vxlanPort: UInt16? = FlowKey.vxlanPort) -> Bool {
        self = FlowKey()
        guard parseHeaders(buffer, from: 0) else { return false }
        guard let vxlanPort, ipProto == 17, dstPort == vxlanPort, transportOffset >= 0 else { return true }
        let vx = transportOffset + 8
        guard vx + 8 + 14 <= buffer.count, buffer[vx] & 0x08 != 0 else { return true }
        var inner = FlowKey()
        guard inner.parseHeaders(buffer, from: vx + 8) else { return true }
        inner.hasTunnel = true
        inner.encKeyID = UInt32(buffer.be32(vx + 4) >> 8)
        inner.encIsIPv6 = isIPv6
        inner.encSrcIPv4 = srcIPv4
        inner.encDstIPv4 = dstIPv4
        inner.encSrcIPv6High = srcIPv6High
        inner.encSrcIPv6Low = srcIPv6Low
        inner.encDstIPv6High = dstIPv6High
        inner.encDstIPv6Low = dstIPv6Low
        inner.encSrcPort = srcPort
        inner.encDstPort = dstPort
        inner.encTOS = ipTOS
        inner.encTTL = ipTTL
        inner.outerNetworkOffset = networkOffset
        inner.outerTransportOffset = transportOffset
        self = inner
        return true
    }

    /// Parses `bytes` (see ``parse(_:vxlanPort:)``).
    @inlinable
    public static func parse(_ bytes: [UInt8], vxlanPort: UInt16? = FlowKey.vxlanPort) -> FlowKey? {
        bytes.withUnsafeBytes { parse($0, vxlanPort: vxlanPort) }
    }

    /// Reads Ethernet, up to two VLAN tags, ARP/IPv4/IPv6 and TCP/UDP/ICMP/ICMPv6 starting at `start`.
    @inlinable
    mutating func parseHeaders(_ p: UnsafeRawBufferPointer, from start: Int) -> Bool {
        let n = p.count
        guard start >= 0, start + 14 <= n else { return false }
        innerOffset = start
        dstMAC = p.mac(start)
        srcMAC = p.mac(start + 6)
        var type = p.be16(start + 12)
        ethType = type
        var off = start + 14
        while (type == 0x8100 || type == 0x88A8), vlanCount < 2, off + 4 <= n {
            let tci = p.be16(off)
            let inner = p.be16(off + 2)
            if vlanCount == 0 {
                vlanID = tci & 0x0FFF; vlanPriority = UInt8(tci >> 13); vlanEthType = inner
            } else {
                cvlanID = tci & 0x0FFF; cvlanPriority = UInt8(tci >> 13); cvlanEthType = inner
            }
            vlanCount += 1
            type = inner
            off += 4
        }
        networkType = type
        switch type {
        case 0x0800:
            guard off + 20 <= n, p[off] >> 4 == 4 else { return true }
            let ihl = Int(p[off] & 0x0F) * 4
            guard ihl >= 20, off + ihl <= n else { return true }
            networkOffset = off
            ipTOS = p[off + 1]
            ipTTL = p[off + 8]
            ipProto = p[off + 9]
            srcIPv4 = p.be32(off + 12)
            dstIPv4 = p.be32(off + 16)
            isLaterFragment = p.be16(off + 6) & 0x1FFF != 0
            if !isLaterFragment { parseTransport(p, at: off + ihl) }
        case 0x86DD:
            guard off + 40 <= n, p[off] >> 4 == 6 else { return true }
            networkOffset = off
            let first = p.be32(off)
            ipTOS = UInt8(truncatingIfNeeded: first >> 20)
            ipProto = p[off + 6]
            ipTTL = p[off + 7]
            srcIPv6High = p.be64(off + 8); srcIPv6Low = p.be64(off + 16)
            dstIPv6High = p.be64(off + 24); dstIPv6Low = p.be64(off + 32)
            parseTransport(p, at: off + 40)
        case 0x0806:
            // Ethernet/IPv4 ARP only (htype 1, ptype 0x0800, hlen 6, plen 4).
            guard off + 28 <= n, p.be16(off) == 1, p.be16(off + 2) == 0x0800, p[off + 4] == 6, p[off + 5] == 4 else { return true }
            networkOffset = off
            arpOp = p.be16(off + 6)
            arpSHA = p.mac(off + 8)
            arpSIP = p.be32(off + 14)
            arpTHA = p.mac(off + 18)
            arpTIP = p.be32(off + 24)
        default:
            break
        }
        return true
    }

    @inlinable
    mutating func parseTransport(_ p: UnsafeRawBufferPointer, at off: Int) {
        let n = p.count
        switch ipProto {
        case 6, 17, 132:
            guard off + (ipProto == 6 ? 20 : 8) <= n else { return }
            transportOffset = off
            srcPort = p.be16(off)
            dstPort = p.be16(off + 2)
            if ipProto == 6 { tcpFlags = p[off + 13] }
        case 1, 58:
            guard off + 4 <= n else { return }
            transportOffset = off
            icmpType = p[off]
            icmpCode = p[off + 1]
            // Echo request/reply (ICMP 8/0, ICMPv6 128/129) carry an identifier.
            let echo = ipProto == 1 ? (icmpType == 8 || icmpType == 0) : (icmpType == 128 || icmpType == 129)
            if echo, off + 6 <= n { icmpIdentifier = p.be16(off + 4) }
            if ipProto == 58, icmpType == 135 || icmpType == 136 { parseNeighbourDiscovery(p, at: off) }
        default:
            break
        }
    }

    /// Reads the target address and the link-layer address option of a neighbour solicitation or
    /// advertisement (RFC 4861 §4.3/§4.4: 4 bytes of ICMPv6 header, 4 reserved/flag bytes, the
    /// target, then options of `length * 8` bytes).
    @inlinable
    mutating func parseNeighbourDiscovery(_ p: UnsafeRawBufferPointer, at off: Int) {
        let n = p.count
        guard off + 24 <= n else { return }
        ndTargetHigh = p.be64(off + 8)
        ndTargetLow = p.be64(off + 16)
        // Source link-layer address (type 1) in a solicitation, target link-layer address (type 2)
        // in an advertisement.
        let wanted: UInt8 = icmpType == 135 ? 1 : 2
        var option = off + 24
        while option + 8 <= n {
            let length = Int(p[option + 1]) * 8
            guard length > 0 else { return }
            if p[option] == wanted, length >= 8 {
                ndLinkLayer = p.mac(option + 2)
                return
            }
            option += length
        }
    }
}

extension UnsafeRawBufferPointer {
    @inlinable @inline(__always) func be16(_ i: Int) -> UInt16 { UInt16(self[i]) << 8 | UInt16(self[i + 1]) }
    @inlinable @inline(__always) func be32(_ i: Int) -> UInt32 {
        UInt32(self[i]) << 24 | UInt32(self[i + 1]) << 16 | UInt32(self[i + 2]) << 8 | UInt32(self[i + 3])
    }
    @inlinable @inline(__always) func be64(_ i: Int) -> UInt64 { UInt64(be32(i)) << 32 | UInt64(be32(i + 4)) }
    @inlinable @inline(__always) func mac(_ i: Int) -> UInt64 { UInt64(be16(i)) << 32 | UInt64(be32(i + 2)) }
}
