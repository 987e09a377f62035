// Constants from /usr/include/linux/tc_act/tc_pedit.h, explicit values.

/// Pedit attributes (enum TCA_PEDIT_*).
public enum TCA_PEDIT {
    public static let tm: UInt16 = 1
    public static let parms: UInt16 = 2
    public static let pad: UInt16 = 3
    public static let parmsEx: UInt16 = 4
    public static let keysEx: UInt16 = 5
    public static let keyEx: UInt16 = 6
}

/// Attributes of one TCA_PEDIT_KEY_EX nest.
public enum TCA_PEDIT_KEY_EX {
    public static let htype: UInt16 = 1
    public static let cmd: UInt16 = 2
}

/// Header a pedit key's offset is relative to (enum pedit_header_type).
public enum TCA_PEDIT_KEY_EX_HDR_TYPE {
    public static let network: UInt16 = 0
    public static let eth: UInt16 = 1
    public static let ip4: UInt16 = 2
    public static let ip6: UInt16 = 3
    public static let tcp: UInt16 = 4
    public static let udp: UInt16 = 5
}

/// What a pedit key does with its value (enum pedit_cmd).
public enum TCA_PEDIT_KEY_EX_CMD {
    public static let set: UInt16 = 0
    public static let add: UInt16 = 1
}

/// sizeof(struct tc_pedit_sel) without keys: tc_gen + nkeys + flags, padded to 4.
public let tcPeditSelLength = 24
/// sizeof(struct tc_pedit_key).
public let tcPeditKeyLength = 24
