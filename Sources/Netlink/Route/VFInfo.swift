import EswitchModel

/// One VF's configuration and state (IFLA_VF_INFO inside IFLA_VFINFO_LIST): its number and its
/// attributes in wire order. The number travels inside the attributes' structs, so an entry needs
/// at least one of them (anything but `stats`, `broadcast` and `unknown`) to be read back typed.
/// JSON: {"vf": 1, "attrs": [{"address": "02:00:00:00:00:09"}, ...]}.
public struct VFInfo: Hashable, Sendable {
    /// The VF number written into every struct of the entry.
    public var vf: VFIndex
    /// The IFLA_VF_* attributes, in wire order.
    public var attributes: [VFAttribute]

    public init(vf: VFIndex, attributes: [VFAttribute]) {
        self.vf = vf
        self.attributes = attributes
    }

    /// Appends the IFLA_VF_INFO nest.
    func encode(into w: inout NetlinkWriter) {
        let n = w.beginNested(IFLA_VF_INFO.info)
        for attribute in attributes { attribute.encode(into: &w, vf: vf.rawValue) }
        w.endNested(n)
    }
}

/// One entry of IFLA_VFINFO_LIST: a VF, or an entry kept verbatim because it is not an
/// IFLA_VF_INFO, carries no VF number, or carries two different ones (typing it would change its
/// bytes). JSON: the VF's object, or {"unknown": {...}}.
public enum VFInfoListEntry: Hashable, Sendable {
    case info(VFInfo)
    case unknown(RawAttribute)
}

extension VFInfoListEntry {
    /// Decodes the entries of IFLA_VFINFO_LIST, or nil when the nest is not canonical.
    static func decodeList(_ a: NetlinkAttribute) throws(NetlinkDecodingError) -> [VFInfoListEntry]? {
        guard var reader = LinkWire.canonicalNest(a) else { return nil }
        var out: [VFInfoListEntry] = []
        while let child = try reader.next() { out.append(try VFInfoListEntry(decoding: child)) }
        return out
    }

    init(decoding a: NetlinkAttribute) throws(NetlinkDecodingError) {
        guard a.rawType == IFLA_VF_INFO.info, var reader = LinkWire.canonicalNest(a) else {
            self = .unknown(RawAttribute(a)); return
        }
        var check = VFNumberCheck()
        var attributes: [VFAttribute] = []
        while let child = try reader.next() { attributes.append(try VFAttribute(decoding: child, vf: &check)) }
        guard let vf = check.value, !check.conflict else { self = .unknown(RawAttribute(a)); return }
        self = .info(VFInfo(vf: VFIndex(vf), attributes: attributes))
    }

    func encode(into w: inout NetlinkWriter) {
        switch self {
        case .info(let info): info.encode(into: &w)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}

extension VFInfo: Codable {
    enum CodingKeys: String, CodingKey { case vf, attributes = "attrs" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        vf = try c.decode(VFIndex.self, forKey: .vf)
        attributes = try c.decodeIfPresent([VFAttribute].self, forKey: .attributes) ?? []
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(vf, forKey: .vf)
        try c.encode(attributes, forKey: .attributes)
    }
}

extension VFInfoListEntry: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        if c.contains(JSONKey("unknown")) {
            self = .unknown(try c.decode(RawAttribute.self, forKey: JSONKey("unknown")))
        } else {
            self = .info(try VFInfo(from: decoder))
        }
    }
    public func encode(to encoder: Encoder) throws {
        switch self {
        case .info(let info): try info.encode(to: encoder)
        case .unknown(let raw):
            var c = encoder.container(keyedBy: JSONKey.self)
            try c.encode(raw, for: "unknown")
        }
    }
}
