/// A 16-bit Ethernet protocol id (ETH_P_*), as in a filter's protocol, TCA_FLOWER_KEY_ETH_TYPE and
/// the VLAN inner ethtype. JSON uses iproute2's names (`ip`, `ipv6`, `arp`, `802.1Q`, `all`...) and a
/// number for ids without a name.
public struct EtherType: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The host-order value (0x0800 for IPv4).
    public var rawValue: UInt16

    @inlinable public init(rawValue: UInt16) { self.rawValue = rawValue }
    @inlinable public init(_ value: UInt16) { rawValue = value }

    public static let all = EtherType(ETH_P.all)
    public static let ipv4 = EtherType(ETH_P.ip)
    public static let arp = EtherType(ETH_P.arp)
    public static let rarp = EtherType(ETH_P.rarp)
    public static let vlan8021Q = EtherType(ETH_P.p8021Q)
    public static let vlan8021AD = EtherType(ETH_P.p8021AD)
    public static let ipv6 = EtherType(ETH_P.ipv6)
    public static let mplsUnicast = EtherType(ETH_P.mplsUC)
    public static let mplsMulticast = EtherType(ETH_P.mplsMC)
    public static let lldp = EtherType(ETH_P.lldp)

    /// iproute2's names (lib/ll_proto.c words), first name wins when printing.
    static let names: [(String, UInt16)] = [
        ("ip", ETH_P.ip), ("ipv6", ETH_P.ipv6), ("arp", ETH_P.arp), ("rarp", ETH_P.rarp),
        ("802.1Q", ETH_P.p8021Q), ("802.1ad", ETH_P.p8021AD), ("all", ETH_P.all),
        ("mpls_uc", ETH_P.mplsUC), ("mpls_mc", ETH_P.mplsMC), ("teb", ETH_P.teb),
        ("ppp_disc", ETH_P.pppDisc), ("ppp_ses", ETH_P.pppSes), ("802_3", ETH_P.p802_3),
        ("LLDP", ETH_P.lldp),
    ]
    /// Another spelling tc accepts.
    static let aliases: [(String, UInt16)] = [("ipv4", ETH_P.ip)]

    /// The iproute2 name, or nil when the id has none.
    public var name: String? { Self.names.first { $0.1 == rawValue }?.0 }

    /// The name, or `0x` and four hex digits.
    public var description: String {
        if let name { return name }
        let hex = String(rawValue, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Parses a name (`ip`, `802.1Q`..., any case as tc does), or a number in decimal or `0x` hex.
    public init?(_ text: String) {
        let lower = text.lowercased()
        if let v = (Self.names + Self.aliases).first(where: { $0.0.lowercased() == lower })?.1 {
            rawValue = v
        } else if text.hasPrefix("0x"), let v = UInt16(text.dropFirst(2), radix: 16) {
            rawValue = v
        } else if let v = UInt16(text) {
            rawValue = v
        } else {
            return nil
        }
    }

    public static func < (a: EtherType, b: EtherType) -> Bool { a.rawValue < b.rawValue }
}

extension EtherType: Codable {
    /// JSON: the iproute2 name, or a number when there is none; both forms are accepted.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(UInt16.self) {
            rawValue = n
            return
        }
        let text = try c.decode(String.self)
        guard let v = EtherType(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown protocol '\(text)'; known: \(Self.names.map(\.0).joined(separator: ", ")) or a number"))
        }
        self = v
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let name { try c.encode(name) } else { try c.encode(rawValue) }
    }
}
