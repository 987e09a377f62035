/// IFLA_OPERSTATE: the RFC 2863 operational state (IF_OPER_*). JSON uses iproute2's words
/// ("UP", "DOWN", "LOWERLAYERDOWN", ...), or the number for a value without a name.
public struct LinkOperState: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let unknown = LinkOperState(rawValue: IF_OPER.unknown)
    public static let notPresent = LinkOperState(rawValue: IF_OPER.notpresent)
    public static let down = LinkOperState(rawValue: IF_OPER.down)
    public static let lowerLayerDown = LinkOperState(rawValue: IF_OPER.lowerlayerdown)
    public static let testing = LinkOperState(rawValue: IF_OPER.testing)
    public static let dormant = LinkOperState(rawValue: IF_OPER.dormant)
    public static let up = LinkOperState(rawValue: IF_OPER.up)

    static let names: [(String, UInt64)] = [
        ("UNKNOWN", UInt64(IF_OPER.unknown)), ("NOTPRESENT", UInt64(IF_OPER.notpresent)), ("DOWN", UInt64(IF_OPER.down)),
        ("LOWERLAYERDOWN", UInt64(IF_OPER.lowerlayerdown)), ("TESTING", UInt64(IF_OPER.testing)),
        ("DORMANT", UInt64(IF_OPER.dormant)), ("UP", UInt64(IF_OPER.up)),
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
