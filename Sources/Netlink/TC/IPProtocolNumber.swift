/// An IP protocol number (IPPROTO_*), as matched by TCA_FLOWER_KEY_IP_PROTO. JSON uses tc's words
/// (`tcp`, `udp`, `icmp`, `icmpv6`, `sctp`) and a number for the others.
public struct IPProtocolNumber: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: UInt8

    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }
    @inlinable public init(_ value: UInt8) { rawValue = value }

    public static let icmp = IPProtocolNumber(IPPROTO.icmp)
    public static let tcp = IPProtocolNumber(IPPROTO.tcp)
    public static let udp = IPProtocolNumber(IPPROTO.udp)
    public static let icmpv6 = IPProtocolNumber(IPPROTO.icmpv6)
    public static let sctp = IPProtocolNumber(IPPROTO.sctp)

    static let names: [(String, UInt8)] = [
        ("tcp", IPPROTO.tcp), ("udp", IPPROTO.udp), ("icmp", IPPROTO.icmp), ("icmpv6", IPPROTO.icmpv6), ("sctp", IPPROTO.sctp),
    ]

    /// tc's word for the protocol, or nil.
    public var name: String? { Self.names.first { $0.1 == rawValue }?.0 }

    public var description: String { name ?? String(rawValue) }

    /// Parses a word or a decimal number.
    public init?(_ text: String) {
        if let v = Self.names.first(where: { $0.0 == text })?.1 {
            rawValue = v
        } else if let v = UInt8(text) {
            rawValue = v
        } else {
            return nil
        }
    }

    public static func < (a: IPProtocolNumber, b: IPProtocolNumber) -> Bool { a.rawValue < b.rawValue }
}

extension IPProtocolNumber: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(UInt8.self) {
            rawValue = n
            return
        }
        let text = try c.decode(String.self)
        guard let v = IPProtocolNumber(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown ip_proto '\(text)'; known: tcp, udp, icmp, icmpv6, sctp or a number 0-255"))
        }
        self = v
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let name { try c.encode(name) } else { try c.encode(rawValue) }
    }
}
