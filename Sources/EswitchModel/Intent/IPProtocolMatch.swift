/// The IP protocol a security group rule matches: one protocol number, or any.
///
/// Written as `any`, `tcp`, `udp`, `icmp`, `icmpv6`, `sctp`, or a number 0...255; numbers with a
/// name are the same value (`6` equals `tcp`). Numbers are IANA "Assigned Internet Protocol Numbers".
public struct IPProtocolMatch: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The protocol number (IPv4 protocol / IPv6 next header), nil for any protocol.
    public var number: UInt8?

    public init(number: UInt8?) { self.number = number }

    public static let any = IPProtocolMatch(number: nil)
    public static let icmp = IPProtocolMatch(number: 1)
    public static let tcp = IPProtocolMatch(number: 6)
    public static let udp = IPProtocolMatch(number: 17)
    public static let dccp = IPProtocolMatch(number: 33)
    public static let icmpv6 = IPProtocolMatch(number: 58)
    public static let sctp = IPProtocolMatch(number: 132)
    public static let udplite = IPProtocolMatch(number: 136)

    static let names: [(String, IPProtocolMatch)] = [
        ("any", .any), ("tcp", .tcp), ("udp", .udp), ("icmp", .icmp), ("icmpv6", .icmpv6), ("sctp", .sctp),
    ]

    /// Parses a protocol name or number; nil when neither.
    public init?(_ text: String) {
        if let named = IPProtocolMatch.names.first(where: { $0.0 == text }) {
            self = named.1
        } else if !text.isEmpty, text.count <= 3, text.allSatisfy({ $0.isASCII && $0.isNumber }), let n = UInt8(text) {
            self.init(number: n)
        } else {
            return nil
        }
    }

    /// True for protocols with 16-bit source and destination ports (TCP, UDP, DCCP, SCTP, UDP-Lite).
    public var hasPorts: Bool { [.tcp, .udp, .dccp, .sctp, .udplite].contains(self) }

    /// True for ICMP (IPv4) and ICMPv6, whose rules may match a type and code.
    public var isICMP: Bool { self == .icmp || self == .icmpv6 }

    /// The name when there is one, else the number, else `any`.
    public var description: String {
        if let named = IPProtocolMatch.names.first(where: { $0.1 == self }) { return named.0 }
        return number.map(String.init) ?? "any"
    }

    /// `any` first, then by number.
    public static func < (a: IPProtocolMatch, b: IPProtocolMatch) -> Bool {
        switch (a.number, b.number) {
        case (nil, nil): return false
        case (nil, _): return true
        case (_, nil): return false
        case (let x?, let y?): return x < y
        }
    }
}

extension IPProtocolMatch: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(UInt8.self) {
            self.init(number: number)
            return
        }
        let text = try container.decode(String.self)
        guard let value = IPProtocolMatch(text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "invalid protocol '\(text)' (expected any, tcp, udp, icmp, icmpv6, sctp or a number 0...255)"))
        }
        self = value
    }

    /// Encodes a name when the protocol has one, else the number.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let number, !IPProtocolMatch.names.contains(where: { $0.1 == self }) {
            try container.encode(number)
        } else {
            try container.encode(description)
        }
    }
}
