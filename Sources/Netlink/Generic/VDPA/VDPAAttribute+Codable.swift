import EswitchModel

// JSON keys follow the `vdpa` command line and `vdpa -j` output where they have a word (name, mac,
// mtu, max_vqp, supported_classes, max_supported_vqs, dev_features, vendor_id, max_vqs,
// max_vq_size, negotiated_features, qidx) and the header name otherwise. The management device
// handle, one word "mgmtdev" for vdpa, is two attributes here: mgmtdev_bus_name, mgmtdev_dev_name.

extension VDPAAttribute: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "mgmtdev_bus_name": self = .managementBusName(try c.decode(String.self, forKey: key))
        case "mgmtdev_dev_name": self = .managementDeviceName(try c.decode(String.self, forKey: key))
        case "supported_classes": self = .supportedClasses(try c.decode(UInt64.self, forKey: key))
        case "name": self = .name(try c.decode(String.self, forKey: key))
        case "device_id": self = .deviceID(try c.decode(UInt32.self, forKey: key))
        case "vendor_id": self = .vendorID(try c.decode(UInt32.self, forKey: key))
        case "max_vqs": self = .maxVirtqueues(try c.decode(UInt32.self, forKey: key))
        case "max_vq_size": self = .maxVirtqueueSize(try c.decode(UInt16.self, forKey: key))
        case "min_vq_size": self = .minVirtqueueSize(try c.decode(UInt16.self, forKey: key))
        case "mac": self = .macAddress(try c.decode(MACAddress.self, forKey: key))
        case "max_vqp": self = .maxVirtqueuePairs(try c.decode(UInt16.self, forKey: key))
        case "mtu": self = .mtu(try c.decode(UInt16.self, forKey: key))
        case "negotiated_features": self = .negotiatedFeatures(try c.decode(UInt64.self, forKey: key))
        case "max_supported_vqs": self = .managementMaxVirtqueues(try c.decode(UInt32.self, forKey: key))
        case "dev_features": self = .managementSupportedFeatures(try c.decode(UInt64.self, forKey: key))
        case "qidx": self = .queueIndex(try c.decode(UInt32.self, forKey: key))
        case "device_features": self = .deviceFeatures(try c.decode(UInt64.self, forKey: key))
        case "supported_features": self = .deviceSupportedFeatures(try c.decode(UInt64.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "vdpa")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .managementBusName(let s): try c.encode(s, for: "mgmtdev_bus_name")
        case .managementDeviceName(let s): try c.encode(s, for: "mgmtdev_dev_name")
        case .supportedClasses(let v): try c.encode(v, for: "supported_classes")
        case .name(let s): try c.encode(s, for: "name")
        case .deviceID(let v): try c.encode(v, for: "device_id")
        case .vendorID(let v): try c.encode(v, for: "vendor_id")
        case .maxVirtqueues(let v): try c.encode(v, for: "max_vqs")
        case .maxVirtqueueSize(let v): try c.encode(v, for: "max_vq_size")
        case .minVirtqueueSize(let v): try c.encode(v, for: "min_vq_size")
        case .macAddress(let mac): try c.encode(mac, for: "mac")
        case .maxVirtqueuePairs(let v): try c.encode(v, for: "max_vqp")
        case .mtu(let v): try c.encode(v, for: "mtu")
        case .negotiatedFeatures(let v): try c.encode(v, for: "negotiated_features")
        case .managementMaxVirtqueues(let v): try c.encode(v, for: "max_supported_vqs")
        case .managementSupportedFeatures(let v): try c.encode(v, for: "dev_features")
        case .queueIndex(let v): try c.encode(v, for: "qidx")
        case .deviceFeatures(let v): try c.encode(v, for: "device_features")
        case .deviceSupportedFeatures(let v): try c.encode(v, for: "supported_features")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}
