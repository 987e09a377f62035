// Constants from /usr/include/linux/tc_act/tc_vlan.h and the VLAN ethertypes from
// /usr/include/linux/if_ether.h, explicit values.

/// VLAN action attributes (enum TCA_VLAN_*).
public enum TCA_VLAN {
    public static let tm: UInt16 = 1
    public static let parms: UInt16 = 2
    public static let pushVLANID: UInt16 = 3
    public static let pushVLANProtocol: UInt16 = 4
    public static let pad: UInt16 = 5
    public static let pushVLANPriority: UInt16 = 6
    public static let pushEthDst: UInt16 = 7
    public static let pushEthSrc: UInt16 = 8
}

/// `tc_vlan.v_action` values (TCA_VLAN_ACT_*).
public enum TCA_VLAN_ACT {
    public static let pop: Int32 = 1
    public static let push: Int32 = 2
    public static let modify: Int32 = 3
    public static let popEth: Int32 = 4
    public static let pushEth: Int32 = 5
}

/// VLAN tag protocols (linux/if_ether.h ETH_P_8021Q, ETH_P_8021AD).
public enum ETH_P_VLAN {
    public static let q8021: UInt16 = 0x8100
    public static let ad8021: UInt16 = 0x88A8
}

/// sizeof(struct tc_vlan): tc_gen + v_action.
public let tcVLANLength = 24
