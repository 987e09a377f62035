/// A command of the generic-netlink controller (nlctrl): CTRL_CMD_*.
public struct ControlCommand: NamedEnumeration {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// CTRL_CMD_NEWFAMILY: the reply to GETFAMILY, and the notification of a new family.
    public static let newFamily = ControlCommand(rawValue: CTRL_CMD.newFamily)
    public static let delFamily = ControlCommand(rawValue: CTRL_CMD.delFamily)
    /// CTRL_CMD_GETFAMILY: resolve a family by name (or dump them all).
    public static let getFamily = ControlCommand(rawValue: CTRL_CMD.getFamily)
    public static let newOps = ControlCommand(rawValue: CTRL_CMD.newOps)
    public static let delOps = ControlCommand(rawValue: CTRL_CMD.delOps)
    public static let getOps = ControlCommand(rawValue: CTRL_CMD.getOps)
    public static let newMcastGroup = ControlCommand(rawValue: CTRL_CMD.newMcastGrp)
    public static let delMcastGroup = ControlCommand(rawValue: CTRL_CMD.delMcastGrp)
    public static let getMcastGroup = ControlCommand(rawValue: CTRL_CMD.getMcastGrp)
    public static let getPolicy = ControlCommand(rawValue: CTRL_CMD.getPolicy)

    public static let names: [(String, UInt8)] = [
        ("newfamily", CTRL_CMD.newFamily), ("delfamily", CTRL_CMD.delFamily), ("getfamily", CTRL_CMD.getFamily),
        ("newops", CTRL_CMD.newOps), ("delops", CTRL_CMD.delOps), ("getops", CTRL_CMD.getOps),
        ("newmcast_grp", CTRL_CMD.newMcastGrp), ("delmcast_grp", CTRL_CMD.delMcastGrp),
        ("getmcast_grp", CTRL_CMD.getMcastGrp), ("getpolicy", CTRL_CMD.getPolicy),
    ]
}
