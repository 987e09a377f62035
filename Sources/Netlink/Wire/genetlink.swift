// Constants from /usr/include/linux/genetlink.h, explicit values.

/// Generic netlink fixed ids and header size.
public enum GENL {
    /// GENL_ID_CTRL: the controller family's fixed id.
    public static let idCtrl: UInt16 = 0x10
    /// GENL_HDRLEN: sizeof(struct genlmsghdr).
    public static let headerLength = 4
}
