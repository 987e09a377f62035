import Packet

/// The header fields and pipeline metadata one classification looks at, packed into 16 words so
/// that masking, hashing and comparing are a few integer operations per word.
///
/// Layout (bit offsets within each word, most significant first):
/// - `meta`: ingress (32) | chain (16) | connection state (8) | IP protocol (8)
/// - `ethernetDestination`: EtherType after VLAN tags (16) | destination MAC (48)
/// - `ethernetSource`: VLAN tag (16: 0x1000 present flag | 12-bit id) | source MAC (48)
/// - `ipv4`: source (32) | destination (32)
/// - `transport`: source port (16) | destination port (16) | ICMP type (8) | code (8) | tunnel UDP destination port (16)
/// - `tunnel`: tunnel present (8) | VNI (24) | tunnel IPv4 source (32)
/// - `tunnelIPv4Destination`: tunnel IPv4 destination (32) | 0
/// - then IPv6 source, IPv6 destination, tunnel IPv6 source and destination, two words each.
///
/// Fields a frame does not have are zero (ports of an ICMP packet, IPv4 addresses of an IPv6
/// packet), so a rule asking for them only matches the value zero, as in TC flower.
public struct ClassifierKey: Sendable {
    /// The number of 64-bit words in a key.
    public static let wordCount = 16

    @usableFromInline
    var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                  UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    /// An all-zero key.
    @inlinable public init() {}

    /// Word `index` (0..<16).
    @inlinable
    public subscript(index: Int) -> UInt64 {
        get {
            precondition(index >= 0 && index < Self.wordCount, "classifier key word out of range")
            return withUnsafeBytes(of: storage) { $0.load(fromByteOffset: index &* 8, as: UInt64.self) }
        }
        set {
            precondition(index >= 0 && index < Self.wordCount, "classifier key word out of range")
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: newValue, toByteOffset: index &* 8, as: UInt64.self) }
        }
    }

    /// Calls `body` with the 16 words in memory.
    @inlinable
    public func withWords<R>(_ body: (UnsafePointer<UInt64>) throws -> R) rethrows -> R {
        try withUnsafeBytes(of: storage) { try body($0.baseAddress!.assumingMemoryBound(to: UInt64.self)) }
    }

    /// True when every word equals `other`'s.
    @inlinable
    public func isEqual(to other: ClassifierKey) -> Bool {
        withWords { a in other.withWords { b in
            var difference: UInt64 = 0
            for i in 0..<Self.wordCount { difference |= a[i] ^ b[i] }
            return difference == 0
        } }
    }
}

/// Indices of the words of a ``ClassifierKey``.
public enum KeyWord {
    public static let meta = 0
    public static let ethernetDestination = 1
    public static let ethernetSource = 2
    public static let ipv4 = 3
    public static let transport = 4
    public static let tunnel = 5
    public static let tunnelIPv4Destination = 6
    public static let ipv6SourceHigh = 7
    public static let ipv6SourceLow = 8
    public static let ipv6DestinationHigh = 9
    public static let ipv6DestinationLow = 10
    public static let tunnelIPv6SourceHigh = 11
    public static let tunnelIPv6SourceLow = 12
    public static let tunnelIPv6DestinationHigh = 13
    public static let tunnelIPv6DestinationLow = 14

    /// The `meta` word: where the frame is in the pipeline and its connection state.
    @inlinable
    public static func meta(ingress: UInt32, chain: UInt16, connectionState: UInt8, ipProtocol: UInt8) -> UInt64 {
        UInt64(ingress) << 32 | UInt64(chain) << 16 | UInt64(connectionState) << 8 | UInt64(ipProtocol)
    }

    /// The present flag of the VLAN tag field (a tagged frame with VLAN id 0 differs from an untagged one).
    public static let vlanPresent: UInt64 = 0x1000
    /// The present flag of the tunnel field.
    public static let tunnelPresent: UInt64 = 0x01
}

extension ClassifierKey {
    /// The key of a parsed frame at `ingress`, in `chain`, with connection state bits `connectionState`.
    @inlinable
    public init(_ flow: FlowKey, ingress: UInt32, chain: UInt16, connectionState: UInt8) {
        self.init()
        let ip = flow.isIPv4 || flow.isIPv6
        self[KeyWord.meta] = KeyWord.meta(ingress: ingress, chain: chain, connectionState: connectionState, ipProtocol: ip ? flow.ipProto : 0)
        self[KeyWord.ethernetDestination] = UInt64(flow.networkType) << 48 | flow.dstMAC
        let vlan: UInt64 = flow.vlanCount > 0 ? KeyWord.vlanPresent | UInt64(flow.vlanID & 0x0FFF) : 0
        self[KeyWord.ethernetSource] = vlan << 48 | flow.srcMAC
        if flow.isIPv4 { self[KeyWord.ipv4] = UInt64(flow.srcIPv4) << 32 | UInt64(flow.dstIPv4) }
        var transport: UInt64 = 0
        if flow.transportOffset >= 0 {
            switch flow.ipProto {
            case 6, 17, 132: transport = UInt64(flow.srcPort) << 48 | UInt64(flow.dstPort) << 32
            case 1, 58: transport = UInt64(flow.icmpType) << 24 | UInt64(flow.icmpCode) << 16
            default: break
            }
        }
        if flow.hasTunnel {
            transport |= UInt64(flow.encDstPort)
            if flow.encIsIPv6 {
                self[KeyWord.tunnel] = KeyWord.tunnelPresent << 56 | UInt64(flow.encKeyID & 0xFF_FFFF) << 32
                self[KeyWord.tunnelIPv6SourceHigh] = flow.encSrcIPv6High
                self[KeyWord.tunnelIPv6SourceLow] = flow.encSrcIPv6Low
                self[KeyWord.tunnelIPv6DestinationHigh] = flow.encDstIPv6High
                self[KeyWord.tunnelIPv6DestinationLow] = flow.encDstIPv6Low
            } else {
                self[KeyWord.tunnel] = KeyWord.tunnelPresent << 56 | UInt64(flow.encKeyID & 0xFF_FFFF) << 32 | UInt64(flow.encSrcIPv4)
                self[KeyWord.tunnelIPv4Destination] = UInt64(flow.encDstIPv4) << 32
            }
        }
        self[KeyWord.transport] = transport
        if flow.isIPv6 {
            self[KeyWord.ipv6SourceHigh] = flow.srcIPv6High
            self[KeyWord.ipv6SourceLow] = flow.srcIPv6Low
            self[KeyWord.ipv6DestinationHigh] = flow.dstIPv6High
            self[KeyWord.ipv6DestinationLow] = flow.dstIPv6Low
        }
    }

    /// The same key in another chain with another connection state (the header words stay).
    @inlinable
    public mutating func setPipelinePosition(chain: UInt16, connectionState: UInt8) {
        let meta = self[KeyWord.meta]
        self[KeyWord.meta] = (meta & 0xFFFF_FFFF_0000_00FF) | UInt64(chain) << 16 | UInt64(connectionState) << 8
    }
}

extension ClassifierKey: Hashable {
    @inlinable
    public static func == (a: ClassifierKey, b: ClassifierKey) -> Bool { a.isEqual(to: b) }

    public func hash(into hasher: inout Hasher) {
        withWords { w in for i in 0..<Self.wordCount { hasher.combine(w[i]) } }
    }
}
