// Constants from /usr/include/linux/tc_act/tc_gact.h, explicit values.

/// Generic action attributes (enum TCA_GACT_*).
public enum TCA_GACT {
    public static let tm: UInt16 = 1
    public static let parms: UInt16 = 2
    public static let prob: UInt16 = 3
    public static let pad: UInt16 = 4
}

/// `tc_gact_p.ptype`: how the probabilistic verdict is drawn (PGACT_*).
public enum PGACT {
    public static let none: UInt16 = 0
    public static let netrand: UInt16 = 1
    public static let determ: UInt16 = 2
}

/// sizeof(struct tc_gact): tc_gen only.
public let tcGactLength = 20
/// sizeof(struct tc_gact_p).
public let tcGactProbLength = 8
