/// DEVLINK_ATTR_ESWITCH_MODE (u16): whether the NIC's embedded switch is in legacy (SR-IOV VEB)
/// mode or in switchdev mode, where every VF has a representor and rules can be offloaded.
public struct DevlinkEswitchMode: NamedEnumeration {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let legacy = DevlinkEswitchMode(rawValue: DEVLINK_ESWITCH_MODE.legacy)
    public static let switchdev = DevlinkEswitchMode(rawValue: DEVLINK_ESWITCH_MODE.switchdev)

    public static let names: [(String, UInt16)] = [
        ("legacy", DEVLINK_ESWITCH_MODE.legacy), ("switchdev", DEVLINK_ESWITCH_MODE.switchdev),
    ]
}
