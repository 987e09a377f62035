/// IFLA_LINKMODE (IF_LINK_MODE_*): whether the link may go dormant. JSON uses iproute2's words.
public struct LinkMode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let `default` = LinkMode(rawValue: IF_LINK_MODE.default)
    public static let dormant = LinkMode(rawValue: IF_LINK_MODE.dormant)
    public static let testing = LinkMode(rawValue: IF_LINK_MODE.testing)

    static let names: [(String, UInt64)] = [
        ("DEFAULT", UInt64(IF_LINK_MODE.default)), ("DORMANT", UInt64(IF_LINK_MODE.dormant)),
        ("TESTING", UInt64(IF_LINK_MODE.testing)),
    ]

    public var description: String {
        Self.names.first(where: { $0.1 == UInt64(rawValue) })?.0 ?? String(rawValue)
    }
    public init(from decoder: Decoder) throws {
        rawValue = UInt8(try LinkJSON.decodeWord(decoder, Self.names, max: UInt64(UInt8.max)))
    }
    public func encode(to encoder: Encoder) throws {
        try LinkJSON.encodeWord(UInt64(rawValue), Self.names, to: encoder)
    }
}
