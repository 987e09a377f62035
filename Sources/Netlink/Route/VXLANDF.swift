/// IFLA_VXLAN_DF (enum ifla_vxlan_df): the DF bit of the outer IPv4 header: cleared (`unset`), set,
/// or copied from the inner packet (`inherit`). JSON uses iproute2's words, or the number.
public struct VXLANDF: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let unset = VXLANDF(rawValue: VXLAN_DF.unset)
    public static let set = VXLANDF(rawValue: VXLAN_DF.set)
    public static let inherit = VXLANDF(rawValue: VXLAN_DF.inherit)

    static let names: [(String, UInt64)] = [
        ("unset", UInt64(VXLAN_DF.unset)), ("set", UInt64(VXLAN_DF.set)), ("inherit", UInt64(VXLAN_DF.inherit)),
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
