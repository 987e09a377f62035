/// The generic-netlink families eswitch speaks. Their ids are assigned by the kernel at run time
/// (resolved with CTRL_CMD_GETFAMILY), except the controller's.
public enum GenericFamily: String, Hashable, Sendable, Codable, CaseIterable {
    /// "nlctrl", id 0x10.
    case control = "nlctrl"
    case devlink = "devlink"
    case vdpa = "vdpa"
}
