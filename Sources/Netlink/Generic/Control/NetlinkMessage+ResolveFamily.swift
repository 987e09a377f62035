extension NetlinkMessage {
    /// The CTRL_CMD_GETFAMILY request that resolves a family's id by name, as iproute2 6.1 (devlink,
    /// vdpa) sends it: type GENL_ID_CTRL, NLM_F_REQUEST|NLM_F_ACK, genlmsghdr version 1, then
    /// CTRL_ATTR_FAMILY_NAME with its NUL. The kernel ignores the version in requests (its own is
    /// 2); 1 is what libmnl-based tools send. The reply is a CTRL_CMD_NEWFAMILY ``ControlMessage``.
    public static func resolveFamily(_ name: String, sequence: UInt32 = 0, portID: UInt32 = 0) -> NetlinkMessage {
        NetlinkMessage(
            type: GENL.idCtrl, flags: [.request, .ack], sequence: sequence, portID: portID,
            body: .generic(GenericMessage(version: 1, .control(.getFamily(name)))))
    }

    /// ``resolveFamily(_:sequence:portID:)`` for a known family.
    public static func resolveFamily(_ family: GenericFamily, sequence: UInt32 = 0, portID: UInt32 = 0) -> NetlinkMessage {
        resolveFamily(family.rawValue, sequence: sequence, portID: portID)
    }
}
