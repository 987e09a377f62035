/// `ifi_type`: the ARPHRD_* hardware type of a link (ether for Ethernet ports, VFs and
/// representors). JSON uses iproute2's `link_type` words, or the number when there is none.
public struct LinkType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let ether = LinkType(rawValue: ARPHRD.ether)
    public static let infiniband = LinkType(rawValue: ARPHRD.infiniband)
    public static let loopback = LinkType(rawValue: ARPHRD.loopback)
    public static let none = LinkType(rawValue: ARPHRD.none)
    public static let void = LinkType(rawValue: ARPHRD.void)

    static let names: [(String, UInt64)] = [
        ("ether", UInt64(ARPHRD.ether)), ("infiniband", UInt64(ARPHRD.infiniband)), ("ipip", UInt64(ARPHRD.tunnel)),
        ("tunnel6", UInt64(ARPHRD.tunnel6)), ("loopback", UInt64(ARPHRD.loopback)), ("sit", UInt64(ARPHRD.sit)),
        ("gre", UInt64(ARPHRD.ipgre)), ("gre6", UInt64(ARPHRD.ip6gre)), ("netlink", UInt64(ARPHRD.netlink)),
        ("none", UInt64(ARPHRD.none)), ("void", UInt64(ARPHRD.void)), ("rawip", UInt64(ARPHRD.rawip)),
        ("can", UInt64(ARPHRD.can)), ("ieee802.11", UInt64(ARPHRD.ieee80211)), ("ppp", UInt64(ARPHRD.ppp)),
    ]

    public var description: String {
        Self.names.first(where: { $0.1 == UInt64(rawValue) })?.0 ?? String(rawValue)
    }
    public init(from decoder: Decoder) throws {
        rawValue = UInt16(try LinkJSON.decodeWord(decoder, Self.names, max: UInt64(UInt16.max)))
    }
    public func encode(to encoder: Encoder) throws {
        try LinkJSON.encodeWord(UInt64(rawValue), Self.names, to: encoder)
    }
}
