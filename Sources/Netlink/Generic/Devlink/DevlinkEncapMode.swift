/// DEVLINK_ATTR_ESWITCH_ENCAP_MODE (u8): whether the eswitch may offload tunnel encap/decap rules
/// (VXLAN tunnel_key actions need `basic`).
public struct DevlinkEncapMode: NamedEnumeration {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let none = DevlinkEncapMode(rawValue: DEVLINK_ESWITCH_ENCAP_MODE.none)
    public static let basic = DevlinkEncapMode(rawValue: DEVLINK_ESWITCH_ENCAP_MODE.basic)

    public static let names: [(String, UInt8)] = [
        ("none", DEVLINK_ESWITCH_ENCAP_MODE.none), ("basic", DEVLINK_ESWITCH_ENCAP_MODE.basic),
    ]
}
