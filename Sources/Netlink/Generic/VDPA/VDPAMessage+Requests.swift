import EswitchModel

// Requests as iproute2 6.1's vdpa builds them (same attributes, same order). The caller picks the
// netlink flags: NLM_F_REQUEST|NLM_F_ACK, plus NLM_F_DUMP for the dump forms.

extension VDPAMessage {
    /// VDPA_CMD_MGMTDEV_GET for one management device, or (nil, sent with NLM_F_DUMP) for all:
    /// `vdpa mgmtdev show`.
    public static func managementDevices(_ device: VDPAManagementDevice? = nil) -> VDPAMessage {
        VDPAMessage(.managementDeviceGet, device?.attributes ?? [])
    }

    /// VDPA_CMD_DEV_NEW: `vdpa dev add name NAME mgmtdev MGMTDEV [mac MAC] [mtu MTU] [max_vqp N]`.
    public static func add(
        name: String, on device: VDPAManagementDevice,
        mac: MACAddress? = nil, mtu: UInt16? = nil, maxVirtqueuePairs: UInt16? = nil
    ) -> VDPAMessage {
        var attributes = device.attributes
        attributes.append(.name(name))
        if let mac { attributes.append(.macAddress(mac)) }
        if let mtu { attributes.append(.mtu(mtu)) }
        if let maxVirtqueuePairs { attributes.append(.maxVirtqueuePairs(maxVirtqueuePairs)) }
        return VDPAMessage(.deviceNew, attributes)
    }

    /// VDPA_CMD_DEV_DEL: `vdpa dev del NAME`.
    public static func delete(name: String) -> VDPAMessage {
        VDPAMessage(.deviceDelete, [.name(name)])
    }

    /// VDPA_CMD_DEV_GET for one device, or (nil, sent with NLM_F_DUMP) for all: `vdpa dev show`.
    public static func devices(_ name: String? = nil) -> VDPAMessage {
        VDPAMessage(.deviceGet, name.map { [.name($0)] } ?? [])
    }

    /// VDPA_CMD_DEV_CONFIG_GET: `vdpa dev config show NAME` (nil + NLM_F_DUMP for all).
    public static func config(_ name: String? = nil) -> VDPAMessage {
        VDPAMessage(.deviceConfigGet, name.map { [.name($0)] } ?? [])
    }
}
