// Action constants from /usr/include/linux/pkt_cls.h (the action half of that header: TCA_ACT_*,
// TC_ACT_* verdicts, TCA_ID_*), explicit values read from the header.

/// Attributes of one action nest (enum TCA_ACT_*).
public enum TCA_ACT {
    public static let kind: UInt16 = 1
    public static let options: UInt16 = 2
    public static let index: UInt16 = 3
    public static let stats: UInt16 = 4
    public static let pad: UInt16 = 5
    public static let cookie: UInt16 = 6
    public static let flags: UInt16 = 7
    public static let hwStats: UInt16 = 8
    public static let usedHWStats: UInt16 = 9
    public static let inHWCount: UInt16 = 10

    /// TC_COOKIE_MAX_SIZE: the longest cookie the kernel accepts, in bytes.
    public static let cookieMaxSize = 16
    /// TCA_ACT_MAX_PRIO: the most actions one list may hold.
    public static let maxPrio: UInt16 = 32
}

/// TCA_ACT_FLAGS bits (a struct nla_bitfield32).
public enum TCA_ACT_FLAGS {
    public static let noPercpuStats: UInt32 = 1 << 0
    public static let skipHW: UInt32 = 1 << 1
    public static let skipSW: UInt32 = 1 << 2
}

/// TCA_ACT_HW_STATS bits (a struct nla_bitfield32; no bit set means "disabled").
public enum TCA_ACT_HW_STATS {
    public static let immediate: UInt32 = 1 << 0
    public static let delayed: UInt32 = 1 << 1
}

/// Action verdicts (TC_ACT_*): what happens to the packet after the action.
public enum TC_ACT {
    public static let unspec: Int32 = -1
    public static let ok: Int32 = 0
    public static let reclassify: Int32 = 1
    public static let shot: Int32 = 2
    public static let pipe: Int32 = 3
    public static let stolen: Int32 = 4
    public static let queued: Int32 = 5
    public static let `repeat`: Int32 = 6
    public static let redirect: Int32 = 7
    public static let trap: Int32 = 8
    /// __TC_ACT_EXT_SHIFT: extended verdicts keep their opcode above this bit.
    public static let extShift: Int32 = 28
    /// TC_ACT_EXT_VAL_MASK: the operand (chain index, jump count) of an extended verdict.
    public static let extValueMask: Int32 = (1 << 28) - 1
    /// TC_ACT_JUMP = __TC_ACT_EXT(1).
    public static let jump: Int32 = 1 << 28
    /// TC_ACT_GOTO_CHAIN = __TC_ACT_EXT(2).
    public static let gotoChain: Int32 = 2 << 28
}

/// Action kind ids (enum tca_id, TCA_ID_*).
public enum TCA_ID {
    public static let unspec: UInt32 = 0
    public static let police: UInt32 = 1
    public static let gact: UInt32 = 5
    public static let ipt: UInt32 = 6
    public static let pedit: UInt32 = 7
    public static let mirred: UInt32 = 8
    public static let nat: UInt32 = 9
    public static let xt: UInt32 = 10
    public static let skbedit: UInt32 = 11
    public static let vlan: UInt32 = 12
    public static let bpf: UInt32 = 13
    public static let connmark: UInt32 = 14
    public static let skbmod: UInt32 = 15
    public static let csum: UInt32 = 16
    public static let tunnelKey: UInt32 = 17
    public static let simp: UInt32 = 22
    public static let ife: UInt32 = 25
    public static let sample: UInt32 = 26
}

/// sizeof of the `tc_gen` fields every action's parameter struct starts with (index, capab,
/// action, refcnt, bindcnt).
public let tcGenLength = 20

/// sizeof(struct tcf_t): the install/lastuse/expires/firstuse times actions report on dump.
public let tcfTimeLength = 32

/// sizeof(struct nla_bitfield32) from /usr/include/linux/netlink.h.
public let nlaBitfield32Length = 8
