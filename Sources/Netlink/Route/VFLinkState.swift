/// struct ifla_vf_link_state's `link_state` (IFLA_VF_LINK_STATE_*): follow the uplink (`auto`),
/// always up (`enable`) or always down (`disable`). JSON uses iproute2's words, or the number.
public struct VFLinkState: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let auto = VFLinkState(rawValue: IFLA_VF_LINK_STATE.auto)
    public static let enable = VFLinkState(rawValue: IFLA_VF_LINK_STATE.enable)
    public static let disable = VFLinkState(rawValue: IFLA_VF_LINK_STATE.disable)

    static let names: [(String, UInt64)] = [
        ("auto", UInt64(IFLA_VF_LINK_STATE.auto)), ("enable", UInt64(IFLA_VF_LINK_STATE.enable)),
        ("disable", UInt64(IFLA_VF_LINK_STATE.disable)),
    ]

    public var description: String {
        Self.names.first(where: { $0.1 == UInt64(rawValue) })?.0 ?? String(rawValue)
    }
    public init(from decoder: Decoder) throws {
        rawValue = UInt32(try LinkJSON.decodeWord(decoder, Self.names, max: UInt64(UInt32.max)))
    }
    public func encode(to encoder: Encoder) throws {
        try LinkJSON.encodeWord(UInt64(rawValue), Self.names, to: encoder)
    }
}
