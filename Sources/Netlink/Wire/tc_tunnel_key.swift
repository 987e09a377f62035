// Constants from /usr/include/linux/tc_act/tc_tunnel_key.h, explicit values.

/// Tunnel-key attributes (enum TCA_TUNNEL_KEY_*).
public enum TCA_TUNNEL_KEY {
    public static let tm: UInt16 = 1
    public static let parms: UInt16 = 2
    public static let encIPv4Src: UInt16 = 3
    public static let encIPv4Dst: UInt16 = 4
    public static let encIPv6Src: UInt16 = 5
    public static let encIPv6Dst: UInt16 = 6
    /// The header says be64, but the kernel's policy and iproute2 use a be32.
    public static let encKeyID: UInt16 = 7
    public static let pad: UInt16 = 8
    public static let encDstPort: UInt16 = 9
    public static let noCsum: UInt16 = 10
    public static let encOpts: UInt16 = 11
    public static let encTOS: UInt16 = 12
    public static let encTTL: UInt16 = 13
}

/// `tc_tunnel_key.t_action` values (TCA_TUNNEL_KEY_ACT_*).
public enum TCA_TUNNEL_KEY_ACT {
    public static let set: Int32 = 1
    public static let release: Int32 = 2
}

/// Tunnel option classes inside TCA_TUNNEL_KEY_ENC_OPTS (enum TCA_TUNNEL_KEY_ENC_OPTS_*).
public enum TCA_TUNNEL_KEY_ENC_OPTS {
    public static let geneve: UInt16 = 1
    public static let vxlan: UInt16 = 2
    public static let erspan: UInt16 = 3
}

/// sizeof(struct tc_tunnel_key): tc_gen + t_action.
public let tcTunnelKeyLength = 24
