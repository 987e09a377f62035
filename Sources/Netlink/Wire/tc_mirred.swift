// Constants from /usr/include/linux/tc_act/tc_mirred.h, explicit values.

/// Mirred attributes (enum TCA_MIRRED_*).
public enum TCA_MIRRED {
    public static let tm: UInt16 = 1
    public static let parms: UInt16 = 2
    public static let pad: UInt16 = 3
}

/// `tc_mirred.eaction` values: what mirred does and in which direction.
public enum TCA_MIRRED_EACTION {
    public static let egressRedirect: Int32 = 1
    public static let egressMirror: Int32 = 2
    public static let ingressRedirect: Int32 = 3
    public static let ingressMirror: Int32 = 4
}

/// sizeof(struct tc_mirred): tc_gen + eaction + ifindex.
public let tcMirredLength = 28
