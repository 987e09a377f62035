/// DEVLINK_ATTR_PORT_TYPE / DEVLINK_ATTR_PORT_DESIRED_TYPE (u16): the kind of device behind a
/// port (Ethernet netdev, InfiniBand device).
public struct DevlinkPortType: NamedEnumeration {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let notSet = DevlinkPortType(rawValue: DEVLINK_PORT_TYPE.notset)
    public static let auto = DevlinkPortType(rawValue: DEVLINK_PORT_TYPE.auto)
    public static let eth = DevlinkPortType(rawValue: DEVLINK_PORT_TYPE.eth)
    public static let ib = DevlinkPortType(rawValue: DEVLINK_PORT_TYPE.ib)

    public static let names: [(String, UInt16)] = [
        ("notset", DEVLINK_PORT_TYPE.notset), ("auto", DEVLINK_PORT_TYPE.auto),
        ("eth", DEVLINK_PORT_TYPE.eth), ("ib", DEVLINK_PORT_TYPE.ib),
    ]
}
