// Constants from /usr/include/linux/genetlink.h, explicit values.

/// Generic netlink fixed ids, sizes and operation flags.
public enum GENL {
    /// GENL_ID_CTRL: the controller family's fixed id (NLMSG_MIN_TYPE).
    public static let idCtrl: UInt16 = 0x10
    /// GENL_MIN_ID: the lowest family id.
    public static let minID: UInt16 = 0x10
    /// GENL_MAX_ID: the highest family id.
    public static let maxID: UInt16 = 1023
    /// GENL_HDRLEN: sizeof(struct genlmsghdr).
    public static let headerLength = 4
    /// GENL_NAMSIZ: longest family name including the NUL.
    public static let nameSize = 16
    /// GENL_ADMIN_PERM: the operation needs CAP_NET_ADMIN.
    public static let adminPerm: UInt32 = 0x01
    /// GENL_CMD_CAP_DO: the operation has a do handler.
    public static let cmdCapDo: UInt32 = 0x02
    /// GENL_CMD_CAP_DUMP: the operation can dump.
    public static let cmdCapDump: UInt32 = 0x04
    /// GENL_CMD_CAP_HASPOL: the operation has an attribute policy.
    public static let cmdCapHasPol: UInt32 = 0x08
    /// GENL_UNS_ADMIN_PERM: the operation needs CAP_NET_ADMIN in the user namespace.
    public static let unsAdminPerm: UInt32 = 0x10
}

/// Controller commands (CTRL_CMD_*), the genlmsghdr `cmd` of family GENL_ID_CTRL.
public enum CTRL_CMD {
    public static let newFamily: UInt8 = 1
    public static let delFamily: UInt8 = 2
    public static let getFamily: UInt8 = 3
    public static let newOps: UInt8 = 4
    public static let delOps: UInt8 = 5
    public static let getOps: UInt8 = 6
    public static let newMcastGrp: UInt8 = 7
    public static let delMcastGrp: UInt8 = 8
    public static let getMcastGrp: UInt8 = 9
    public static let getPolicy: UInt8 = 10
}

/// Controller attributes (CTRL_ATTR_*).
public enum CTRL_ATTR {
    public static let familyId: UInt16 = 1
    public static let familyName: UInt16 = 2
    public static let version: UInt16 = 3
    public static let hdrSize: UInt16 = 4
    public static let maxAttr: UInt16 = 5
    public static let ops: UInt16 = 6
    public static let mcastGroups: UInt16 = 7
    public static let policy: UInt16 = 8
    public static let opPolicy: UInt16 = 9
    public static let op: UInt16 = 10
}

/// Attributes of one entry of CTRL_ATTR_OPS (CTRL_ATTR_OP_*).
public enum CTRL_ATTR_OP {
    public static let id: UInt16 = 1
    public static let flags: UInt16 = 2
}

/// Attributes of one entry of CTRL_ATTR_MCAST_GROUPS (CTRL_ATTR_MCAST_GRP_*).
public enum CTRL_ATTR_MCAST_GRP {
    public static let name: UInt16 = 1
    public static let id: UInt16 = 2
}

/// Attributes of CTRL_ATTR_OP_POLICY entries (CTRL_ATTR_POLICY_*).
public enum CTRL_ATTR_POLICY {
    public static let `do`: UInt16 = 1
    public static let dump: UInt16 = 2
}
