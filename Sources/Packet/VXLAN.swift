/// The outer headers of a VXLAN encapsulation (RFC 7348) over IPv4.
public struct VXLANEncapsulation: Hashable, Sendable {
    public var sourceMAC: UInt64
    public var destinationMAC: UInt64
    public var sourceIP: UInt32
    public var destinationIP: UInt32
    public var vni: UInt32
    public var destinationPort: UInt16
    public var ttl: UInt8
    public var tos: UInt8
    /// The UDP source port range the inner-flow hash is folded into.
    public var sourcePortRange: ClosedRange<UInt16>

    /// RFC 7348 §5's recommended source port range (the dynamic/private ports).
    public static let rfcSourcePorts: ClosedRange<UInt16> = 49152...65535
    /// The Linux vxlan driver's default range (net/ipv4/ip_local_port_range defaults).
    public static let linuxSourcePorts: ClosedRange<UInt16> = 32768...60999

    public init(sourceMAC: UInt64, destinationMAC: UInt64, sourceIP: UInt32, destinationIP: UInt32, vni: UInt32,
                destinationPort: UInt16 = FlowKey.vxlanPort, ttl: UInt8 = 64, tos: UInt8 = 0,
                sourcePortRange: ClosedRange<UInt16> = VXLANEncapsulation.rfcSourcePorts) {
        self.sourceMAC = sourceMAC
        self.destinationMAC = destinationMAC
        self.sourceIP = sourceIP
        self.destinationIP = destinationIP
        self.vni = vni & 0x00FF_FFFF
        self.destinationPort = destinationPort
        self.ttl = ttl
        self.tos = tos
        self.sourcePortRange = sourcePortRange
    }

    /// Outer Ethernet + IPv4 + UDP + VXLAN.
    public static let overhead = 14 + 20 + 8 + 8

    /// `overhead` zero bytes (appended in one copy).
    @usableFromInline static let zeroHeader = [UInt8](repeating: 0, count: overhead)

    /// The UDP source port for an inner flow hash, inside ``sourcePortRange``.
    @inlinable
    public func sourcePort(hash: UInt32) -> UInt16 {
        let span = UInt32(sourcePortRange.upperBound - sourcePortRange.lowerBound) + 1
        return sourcePortRange.lowerBound &+ UInt16(truncatingIfNeeded: hash % span)
    }

    /// Wraps `inner` (an Ethernet frame whose key is `innerKey`) in the outer headers. The outer
    /// IPv4 header gets its checksum, the UDP checksum is zero (allowed over IPv4, RFC 7348 §5),
    /// DF is set as the kernel's vxlan driver does by default for offloaded tunnels.
    @inlinable
    public func encapsulate(_ inner: [UInt8], innerKey: FlowKey) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.overhead)
        out.reserveCapacity(Self.overhead + inner.count)
        writeOuterHeaders(&out, innerLength: inner.count, innerHash: innerKey.flowHash)
        out.append(contentsOf: inner)
        return out
    }

    /// Wraps `frame` in the outer headers in place (as ``encapsulate(_:innerKey:)``): the inner
    /// bytes move back by ``overhead``; nothing is allocated when `frame` has the capacity.
    @inlinable
    public func encapsulate(inPlace frame: inout [UInt8], innerKey: FlowKey) {
        let innerLength = frame.count
        frame.append(contentsOf: Self.zeroHeader)
        frame.withUnsafeMutableBytes { p in
            (p.baseAddress! + Self.overhead).copyMemory(from: p.baseAddress!, byteCount: innerLength)
            p.baseAddress!.initializeMemory(as: UInt8.self, repeating: 0, count: Self.overhead)
        }
        writeOuterHeaders(&frame, innerLength: innerLength, innerHash: innerKey.flowHash)
    }

    /// Writes the outer Ethernet, IPv4, UDP and VXLAN headers into the first ``overhead`` bytes
    /// of `out` (which must be zero) for an inner frame of `innerLength` bytes.
    @inlinable
    func writeOuterHeaders(_ out: inout [UInt8], innerLength: Int, innerHash: UInt32) {
        out.putMAC(destinationMAC, at: 0)
        out.putMAC(sourceMAC, at: 6)
        out.put16(0x0800, at: 12)
        let ip = 14
        out[ip] = 0x45
        out[ip + 1] = tos
        out.put16(UInt16(truncatingIfNeeded: 20 + 8 + 8 + innerLength), at: ip + 2)
        out.put16(0x4000, at: ip + 6)
        out[ip + 8] = ttl
        out[ip + 9] = 17
        out.put32(sourceIP, at: ip + 12)
        out.put32(destinationIP, at: ip + 16)
        let c = out.withUnsafeBytes { InternetChecksum.finish(InternetChecksum.sum($0, ip..<(ip + 20))) }
        out.put16(c, at: ip + 10)
        let udp = 34
        out.put16(sourcePort(hash: innerHash), at: udp)
        out.put16(destinationPort, at: udp + 2)
        out.put16(UInt16(truncatingIfNeeded: 8 + 8 + innerLength), at: udp + 4)
        out[42] = 0x08
        out.put32(vni << 8, at: 46)
    }

    /// The inner frame of a VXLAN frame parsed with tunnel metadata (nil when `key` has none).
    @inlinable
    public static func decapsulate(_ frame: [UInt8], key: FlowKey) -> [UInt8]? {
        guard key.hasTunnel, key.innerOffset <= frame.count else { return nil }
        return Array(frame[key.innerOffset...])
    }

    /// Removes the outer headers of a VXLAN frame parsed with tunnel metadata, in place: the
    /// frame becomes its inner Ethernet frame and `key` describes it without tunnel metadata.
    /// - Returns: false when `key` has no tunnel metadata.
    @inlinable
    public static func decapsulate(inPlace frame: inout [UInt8], key: inout FlowKey) -> Bool {
        let shift = key.innerOffset
        guard key.hasTunnel, shift > 0, shift <= frame.count else { return false }
        frame.withUnsafeMutableBytes { p in p.baseAddress!.copyMemory(from: p.baseAddress! + shift, byteCount: p.count - shift) }
        frame.removeLast(shift)
        key.innerOffset = 0
        if key.networkOffset >= 0 { key.networkOffset -= shift }
        if key.transportOffset >= 0 { key.transportOffset -= shift }
        key.outerNetworkOffset = -1
        key.outerTransportOffset = -1
        key.hasTunnel = false
        return true
    }
}
