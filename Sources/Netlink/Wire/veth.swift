// Constants from /usr/include/linux/veth.h (Linux UAPI), explicit values.

/// Attributes inside IFLA_INFO_DATA for kind "veth" (enum VETH_INFO_*).
public enum VETH_INFO {
    public static let peer: UInt16 = 1
}
