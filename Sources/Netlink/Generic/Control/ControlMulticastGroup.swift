/// One entry of CTRL_ATTR_MCAST_GROUPS: a multicast group of the family (name and id), which a
/// socket joins with NETLINK_ADD_MEMBERSHIP to receive the family's notifications.
///
/// The kernel writes each entry as a nest whose type is its 1-based position; `index` keeps that
/// type field as received so that decode -> encode is byte-identical.
public struct ControlMulticastGroup: Hashable, Sendable, Codable {
    /// The entry's full attribute type field (1, 2, ... as the kernel numbers them).
    public var index: UInt16
    /// CTRL_ATTR_MCAST_GRP_* in wire order.
    public var attributes: [ControlMulticastGroupAttribute]

    public init(index: UInt16, attributes: [ControlMulticastGroupAttribute]) {
        self.index = index
        self.attributes = attributes
    }

    /// An entry as the kernel writes it: the id, then the name.
    public init(index: UInt16, name: String, id: UInt32) {
        self.init(index: index, attributes: [.id(id), .name(name)])
    }

    /// CTRL_ATTR_MCAST_GRP_NAME.
    public var name: String? {
        for case .name(let name) in attributes { return name }
        return nil
    }

    /// CTRL_ATTR_MCAST_GRP_ID: the number to join.
    public var id: UInt32? {
        for case .id(let id) in attributes { return id }
        return nil
    }

    func encode(into w: inout NetlinkWriter) {
        let start = w.beginAttribute(index)
        for attribute in attributes { attribute.encode(into: &w) }
        w.endNested(start)
    }

    enum CodingKeys: String, CodingKey { case index, attributes = "attrs" }
}

/// One CTRL_ATTR_MCAST_GRP_* attribute of a ``ControlMulticastGroup``.
public enum ControlMulticastGroupAttribute: Hashable, Sendable {
    /// CTRL_ATTR_MCAST_GRP_NAME (NUL-terminated string).
    case name(String)
    /// CTRL_ATTR_MCAST_GRP_ID (u32).
    case id(UInt32)
    /// Anything else, kept verbatim.
    case unknown(RawAttribute)

    init(decoding a: NetlinkAttribute) {
        switch a.rawType {
        case CTRL_ATTR_MCAST_GRP.name: if let s = a.exactString { self = .name(s); return }
        case CTRL_ATTR_MCAST_GRP.id: if let v = a.exactU32 { self = .id(v); return }
        default: break
        }
        self = .unknown(RawAttribute(a))
    }

    func encode(into w: inout NetlinkWriter) {
        switch self {
        case .name(let s): w.attribute(CTRL_ATTR_MCAST_GRP.name, string: s)
        case .id(let v): w.attribute(CTRL_ATTR_MCAST_GRP.id, u32: v)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}

extension ControlMulticastGroupAttribute: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "name": self = .name(try c.decode(String.self, forKey: key))
        case "id": self = .id(try c.decode(UInt32.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "ctrl mcast group")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .name(let s): try c.encode(s, for: "name")
        case .id(let v): try c.encode(v, for: "id")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}
