/// One entry of CTRL_ATTR_OPS: a command the family implements and what it supports.
///
/// The kernel writes each entry as a nest whose type is its 1-based position; `index` keeps that
/// type field as received so that decode -> encode is byte-identical.
public struct ControlOperation: Hashable, Sendable, Codable {
    /// The entry's full attribute type field (1, 2, ... as the kernel numbers them).
    public var index: UInt16
    /// CTRL_ATTR_OP_* in wire order.
    public var attributes: [ControlOperationAttribute]

    public init(index: UInt16, attributes: [ControlOperationAttribute]) {
        self.index = index
        self.attributes = attributes
    }

    /// An entry as the kernel writes it: the command, then its flags.
    public init(index: UInt16, id: UInt32, flags: GenericOperationFlags) {
        self.init(index: index, attributes: [.id(id), .flags(flags)])
    }

    /// CTRL_ATTR_OP_ID: the family's command number.
    public var id: UInt32? {
        for case .id(let id) in attributes { return id }
        return nil
    }

    /// CTRL_ATTR_OP_FLAGS.
    public var flags: GenericOperationFlags? {
        for case .flags(let flags) in attributes { return flags }
        return nil
    }

    func encode(into w: inout NetlinkWriter) {
        let start = w.beginAttribute(index)
        for attribute in attributes { attribute.encode(into: &w) }
        w.endNested(start)
    }

    enum CodingKeys: String, CodingKey { case index, attributes = "attrs" }
}

/// One CTRL_ATTR_OP_* attribute of a ``ControlOperation``.
public enum ControlOperationAttribute: Hashable, Sendable {
    /// CTRL_ATTR_OP_ID (u32).
    case id(UInt32)
    /// CTRL_ATTR_OP_FLAGS (u32).
    case flags(GenericOperationFlags)
    /// Anything else, kept verbatim.
    case unknown(RawAttribute)

    init(decoding a: NetlinkAttribute) {
        switch a.rawType {
        case CTRL_ATTR_OP.id: if let v = a.exactU32 { self = .id(v); return }
        case CTRL_ATTR_OP.flags: if let v = a.exactU32 { self = .flags(GenericOperationFlags(rawValue: v)); return }
        default: break
        }
        self = .unknown(RawAttribute(a))
    }

    func encode(into w: inout NetlinkWriter) {
        switch self {
        case .id(let v): w.attribute(CTRL_ATTR_OP.id, u32: v)
        case .flags(let f): w.attribute(CTRL_ATTR_OP.flags, u32: f.rawValue)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}

extension ControlOperationAttribute: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "id": self = .id(try c.decode(UInt32.self, forKey: key))
        case "flags": self = .flags(try c.decode(GenericOperationFlags.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "ctrl op")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .id(let v): try c.encode(v, for: "id")
        case .flags(let f): try c.encode(f, for: "flags")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}
