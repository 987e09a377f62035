/// A vdpa command (enum vdpa_command), the genlmsghdr `cmd` of family "vdpa". Values without a
/// name (from a newer kernel) are kept as numbers.
public struct VDPACommand: NamedEnumeration {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// VDPA_CMD_MGMTDEV_NEW: notification of a new management device.
    public static let managementDeviceNew = VDPACommand(rawValue: VDPA_CMD.mgmtdevNew)
    /// VDPA_CMD_MGMTDEV_GET: a management device (or, with NLM_F_DUMP, all): `vdpa mgmtdev show`.
    public static let managementDeviceGet = VDPACommand(rawValue: VDPA_CMD.mgmtdevGet)
    /// VDPA_CMD_DEV_NEW: create a vDPA device on a management device: `vdpa dev add`.
    public static let deviceNew = VDPACommand(rawValue: VDPA_CMD.devNew)
    /// VDPA_CMD_DEV_DEL: `vdpa dev del`.
    public static let deviceDelete = VDPACommand(rawValue: VDPA_CMD.devDel)
    /// VDPA_CMD_DEV_GET: a device (or, with NLM_F_DUMP, all): `vdpa dev show`.
    public static let deviceGet = VDPACommand(rawValue: VDPA_CMD.devGet)
    /// VDPA_CMD_DEV_CONFIG_GET: the device's virtio config: `vdpa dev config show`.
    public static let deviceConfigGet = VDPACommand(rawValue: VDPA_CMD.devConfigGet)
    /// VDPA_CMD_DEV_VSTATS_GET: vendor queue statistics: `vdpa dev vstats show`.
    public static let deviceVendorStatsGet = VDPACommand(rawValue: VDPA_CMD.devVstatsGet)

    /// Words are the header names in lower case ("mgmtdev_get", "dev_new"...).
    public static let names: [(String, UInt8)] = [
        ("mgmtdev_new", VDPA_CMD.mgmtdevNew), ("mgmtdev_get", VDPA_CMD.mgmtdevGet), ("dev_new", VDPA_CMD.devNew),
        ("dev_del", VDPA_CMD.devDel), ("dev_get", VDPA_CMD.devGet), ("dev_config_get", VDPA_CMD.devConfigGet),
        ("dev_vstats_get", VDPA_CMD.devVstatsGet),
    ]
}
