import EswitchModel

/// One VDPA_ATTR_* attribute. Known attributes of an unexpected size, the 64-bit alignment pad
/// (VDPA_ATTR_PAD) and anything newer are kept verbatim as `unknown`.
public enum VDPAAttribute: Hashable, Sendable {
    /// VDPA_ATTR_MGMTDEV_BUS_NAME: bus of the management device ("pci"); absent for virtual ones.
    case managementBusName(String)
    /// VDPA_ATTR_MGMTDEV_DEV_NAME: the management device ("0000:03:00.2", "vdpasim_net").
    case managementDeviceName(String)
    /// VDPA_ATTR_MGMTDEV_SUPPORTED_CLASSES (u64): bit N set = virtio device id N can be created.
    case supportedClasses(UInt64)
    /// VDPA_ATTR_DEV_NAME: the vDPA device ("vdpa0").
    case name(String)
    /// VDPA_ATTR_DEV_ID (u32): the virtio device id (1 = net).
    case deviceID(UInt32)
    /// VDPA_ATTR_DEV_VENDOR_ID (u32).
    case vendorID(UInt32)
    /// VDPA_ATTR_DEV_MAX_VQS (u32).
    case maxVirtqueues(UInt32)
    /// VDPA_ATTR_DEV_MAX_VQ_SIZE (u16).
    case maxVirtqueueSize(UInt16)
    /// VDPA_ATTR_DEV_MIN_VQ_SIZE (u16).
    case minVirtqueueSize(UInt16)
    /// VDPA_ATTR_DEV_NET_CFG_MACADDR (6 bytes): the guest's MAC.
    case macAddress(MACAddress)
    /// VDPA_ATTR_DEV_NET_CFG_MAX_VQP (u16): queue pairs offered to the guest.
    case maxVirtqueuePairs(UInt16)
    /// VDPA_ATTR_DEV_NET_CFG_MTU (u16).
    case mtu(UInt16)
    /// VDPA_ATTR_DEV_NEGOTIATED_FEATURES (u64): virtio features the driver accepted.
    case negotiatedFeatures(UInt64)
    /// VDPA_ATTR_DEV_MGMTDEV_MAX_VQS (u32): most queues a device on this management device can have.
    case managementMaxVirtqueues(UInt32)
    /// VDPA_ATTR_DEV_SUPPORTED_FEATURES (u64): virtio features the management device supports.
    case managementSupportedFeatures(UInt64)
    /// VDPA_ATTR_DEV_QUEUE_INDEX (u32).
    case queueIndex(UInt32)
    /// VDPA_ATTR_DEV_FEATURES (u64): virtio features to offer, when creating a device.
    case deviceFeatures(UInt64)
    /// VDPA_ATTR_VDPA_DEV_SUPPORTED_FEATURES (u64): virtio features the device supports.
    case deviceSupportedFeatures(UInt64)
    /// Anything else, kept verbatim.
    case unknown(RawAttribute)
}

extension VDPAAttribute {
    /// Decodes one attribute; a known type with an unexpected size or shape is kept as `unknown`.
    public init(decoding a: NetlinkAttribute) {
        self = Self.typed(a) ?? .unknown(RawAttribute(a))
    }

    // Matches the full type field: an attribute with NLA_F_* flag bits is kept raw.
    static func typed(_ a: NetlinkAttribute) -> VDPAAttribute? {
        switch a.rawType {
        case VDPA_ATTR.mgmtdevBusName: return a.exactString.map(Self.managementBusName)
        case VDPA_ATTR.mgmtdevDevName: return a.exactString.map(Self.managementDeviceName)
        case VDPA_ATTR.mgmtdevSupportedClasses: return a.exactU64.map(Self.supportedClasses)
        case VDPA_ATTR.devName: return a.exactString.map(Self.name)
        case VDPA_ATTR.devId: return a.exactU32.map(Self.deviceID)
        case VDPA_ATTR.devVendorId: return a.exactU32.map(Self.vendorID)
        case VDPA_ATTR.devMaxVqs: return a.exactU32.map(Self.maxVirtqueues)
        case VDPA_ATTR.devMaxVqSize: return a.exactU16.map(Self.maxVirtqueueSize)
        case VDPA_ATTR.devMinVqSize: return a.exactU16.map(Self.minVirtqueueSize)
        case VDPA_ATTR.devNetCfgMacaddr: return MACAddress(bytes: a.payload).map(Self.macAddress)
        case VDPA_ATTR.devNetCfgMaxVqp: return a.exactU16.map(Self.maxVirtqueuePairs)
        case VDPA_ATTR.devNetCfgMtu: return a.exactU16.map(Self.mtu)
        case VDPA_ATTR.devNegotiatedFeatures: return a.exactU64.map(Self.negotiatedFeatures)
        case VDPA_ATTR.devMgmtdevMaxVqs: return a.exactU32.map(Self.managementMaxVirtqueues)
        case VDPA_ATTR.devSupportedFeatures: return a.exactU64.map(Self.managementSupportedFeatures)
        case VDPA_ATTR.devQueueIndex: return a.exactU32.map(Self.queueIndex)
        case VDPA_ATTR.devFeatures: return a.exactU64.map(Self.deviceFeatures)
        case VDPA_ATTR.vdpaDevSupportedFeatures: return a.exactU64.map(Self.deviceSupportedFeatures)
        default: return nil
        }
    }

    /// Appends the attribute (strings NUL-terminated, as iproute2 writes them).
    public func encode(into w: inout NetlinkWriter) {
        switch self {
        case .managementBusName(let s): w.attribute(VDPA_ATTR.mgmtdevBusName, string: s)
        case .managementDeviceName(let s): w.attribute(VDPA_ATTR.mgmtdevDevName, string: s)
        case .supportedClasses(let v): w.attribute(VDPA_ATTR.mgmtdevSupportedClasses, u64: v)
        case .name(let s): w.attribute(VDPA_ATTR.devName, string: s)
        case .deviceID(let v): w.attribute(VDPA_ATTR.devId, u32: v)
        case .vendorID(let v): w.attribute(VDPA_ATTR.devVendorId, u32: v)
        case .maxVirtqueues(let v): w.attribute(VDPA_ATTR.devMaxVqs, u32: v)
        case .maxVirtqueueSize(let v): w.attribute(VDPA_ATTR.devMaxVqSize, u16: v)
        case .minVirtqueueSize(let v): w.attribute(VDPA_ATTR.devMinVqSize, u16: v)
        case .macAddress(let mac): w.attribute(VDPA_ATTR.devNetCfgMacaddr, bytes: mac.array)
        case .maxVirtqueuePairs(let v): w.attribute(VDPA_ATTR.devNetCfgMaxVqp, u16: v)
        case .mtu(let v): w.attribute(VDPA_ATTR.devNetCfgMtu, u16: v)
        case .negotiatedFeatures(let v): w.attribute(VDPA_ATTR.devNegotiatedFeatures, u64: v)
        case .managementMaxVirtqueues(let v): w.attribute(VDPA_ATTR.devMgmtdevMaxVqs, u32: v)
        case .managementSupportedFeatures(let v): w.attribute(VDPA_ATTR.devSupportedFeatures, u64: v)
        case .queueIndex(let v): w.attribute(VDPA_ATTR.devQueueIndex, u32: v)
        case .deviceFeatures(let v): w.attribute(VDPA_ATTR.devFeatures, u64: v)
        case .deviceSupportedFeatures(let v): w.attribute(VDPA_ATTR.vdpaDevSupportedFeatures, u64: v)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}
