/// DEVLINK_ATTR_ESWITCH_INLINE_MODE (u8): how much of each packet's headers the driver must copy
/// into the transmit descriptor (some NICs need L3/L4 headers inline to match eswitch rules).
public struct DevlinkInlineMode: NamedEnumeration {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let none = DevlinkInlineMode(rawValue: DEVLINK_ESWITCH_INLINE_MODE.none)
    public static let link = DevlinkInlineMode(rawValue: DEVLINK_ESWITCH_INLINE_MODE.link)
    public static let network = DevlinkInlineMode(rawValue: DEVLINK_ESWITCH_INLINE_MODE.network)
    public static let transport = DevlinkInlineMode(rawValue: DEVLINK_ESWITCH_INLINE_MODE.transport)

    public static let names: [(String, UInt8)] = [
        ("none", DEVLINK_ESWITCH_INLINE_MODE.none), ("link", DEVLINK_ESWITCH_INLINE_MODE.link),
        ("network", DEVLINK_ESWITCH_INLINE_MODE.network), ("transport", DEVLINK_ESWITCH_INLINE_MODE.transport),
    ]
}
