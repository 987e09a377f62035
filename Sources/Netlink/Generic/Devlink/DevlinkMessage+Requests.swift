// Requests as iproute2 6.1's devlink builds them (same attributes, same order). The caller picks
// the netlink flags: NLM_F_REQUEST|NLM_F_ACK, plus NLM_F_DUMP for the dump forms.

extension DevlinkMessage {
    /// DEVLINK_CMD_GET for one device, or (nil, sent with NLM_F_DUMP) for all: `devlink dev show`.
    public static func device(_ handle: DevlinkHandle? = nil) -> DevlinkMessage {
        DevlinkMessage(.get, handle?.attributes ?? [])
    }

    /// DEVLINK_CMD_PORT_GET for every port (sent with NLM_F_DUMP), or those of one device:
    /// `devlink port show`.
    public static func ports(of handle: DevlinkHandle? = nil) -> DevlinkMessage {
        DevlinkMessage(.portGet, handle?.attributes ?? [])
    }

    /// DEVLINK_CMD_PORT_GET for one port: `devlink port show pci/0000:03:00.0/1`.
    public static func port(_ handle: DevlinkHandle, index: UInt32) -> DevlinkMessage {
        DevlinkMessage(.portGet, handle.attributes + [.portIndex(index)])
    }

    /// DEVLINK_CMD_ESWITCH_GET: `devlink dev eswitch show pci/0000:03:00.0`.
    public static func eswitchGet(_ handle: DevlinkHandle) -> DevlinkMessage {
        DevlinkMessage(.eswitchGet, handle.attributes)
    }

    /// DEVLINK_CMD_ESWITCH_SET with the given settings (nil ones are left out):
    /// `devlink dev eswitch set pci/0000:03:00.0 mode switchdev inline-mode ... encap-mode ...`.
    public static func eswitchSet(
        _ handle: DevlinkHandle, mode: DevlinkEswitchMode? = nil,
        inlineMode: DevlinkInlineMode? = nil, encapMode: DevlinkEncapMode? = nil
    ) -> DevlinkMessage {
        var attributes = handle.attributes
        if let mode { attributes.append(.eswitchMode(mode)) }
        if let inlineMode { attributes.append(.inlineMode(inlineMode)) }
        if let encapMode { attributes.append(.encapMode(encapMode)) }
        return DevlinkMessage(.eswitchSet, attributes)
    }

    /// DEVLINK_CMD_INFO_GET: `devlink dev info pci/0000:03:00.0` (nil + NLM_F_DUMP for all).
    public static func info(_ handle: DevlinkHandle? = nil) -> DevlinkMessage {
        DevlinkMessage(.infoGet, handle?.attributes ?? [])
    }
}
