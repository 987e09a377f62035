import EswitchModel

extension VDPAMessage {
    /// The management device handle, when its device name is present.
    public var managementDevice: VDPAManagementDevice? {
        var bus: String?, device: String?
        for attribute in attributes {
            switch attribute {
            case .managementBusName(let b) where bus == nil: bus = b
            case .managementDeviceName(let d) where device == nil: device = d
            default: break
            }
        }
        guard let device else { return nil }
        return VDPAManagementDevice(bus: bus, device: device)
    }

    /// VDPA_ATTR_DEV_NAME.
    public var name: String? {
        for case .name(let v) in attributes { return v }
        return nil
    }
    /// VDPA_ATTR_DEV_ID: the virtio device id.
    public var deviceID: UInt32? {
        for case .deviceID(let v) in attributes { return v }
        return nil
    }
    /// VDPA_ATTR_DEV_VENDOR_ID.
    public var vendorID: UInt32? {
        for case .vendorID(let v) in attributes { return v }
        return nil
    }
    /// VDPA_ATTR_DEV_MAX_VQS.
    public var maxVirtqueues: UInt32? {
        for case .maxVirtqueues(let v) in attributes { return v }
        return nil
    }
    /// VDPA_ATTR_DEV_MAX_VQ_SIZE.
    public var maxVirtqueueSize: UInt16? {
        for case .maxVirtqueueSize(let v) in attributes { return v }
        return nil
    }
    /// VDPA_ATTR_DEV_NET_CFG_MACADDR.
    public var macAddress: MACAddress? {
        for case .macAddress(let v) in attributes { return v }
        return nil
    }
    /// VDPA_ATTR_DEV_NET_CFG_MTU.
    public var mtu: UInt16? {
        for case .mtu(let v) in attributes { return v }
        return nil
    }
    /// VDPA_ATTR_DEV_NET_CFG_MAX_VQP.
    public var maxVirtqueuePairs: UInt16? {
        for case .maxVirtqueuePairs(let v) in attributes { return v }
        return nil
    }
    /// VDPA_ATTR_MGMTDEV_SUPPORTED_CLASSES.
    public var supportedClasses: UInt64? {
        for case .supportedClasses(let v) in attributes { return v }
        return nil
    }
    /// VDPA_ATTR_DEV_MGMTDEV_MAX_VQS.
    public var managementMaxVirtqueues: UInt32? {
        for case .managementMaxVirtqueues(let v) in attributes { return v }
        return nil
    }
    /// VDPA_ATTR_DEV_SUPPORTED_FEATURES.
    public var managementSupportedFeatures: UInt64? {
        for case .managementSupportedFeatures(let v) in attributes { return v }
        return nil
    }
}
