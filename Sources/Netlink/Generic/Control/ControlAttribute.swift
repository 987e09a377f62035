/// One CTRL_ATTR_* attribute of a controller (nlctrl) message.
public enum ControlAttribute: Hashable, Sendable {
    /// CTRL_ATTR_FAMILY_ID (u16): the id the kernel assigned, used as `nlmsg_type`.
    case familyID(UInt16)
    /// CTRL_ATTR_FAMILY_NAME (NUL-terminated string): "devlink", "vdpa"...
    case familyName(String)
    /// CTRL_ATTR_VERSION (u32): the family's version.
    case version(UInt32)
    /// CTRL_ATTR_HDRSIZE (u32): size of the family's fixed header after genlmsghdr.
    case headerSize(UInt32)
    /// CTRL_ATTR_MAXATTR (u32): the highest attribute type the family accepts.
    case maxAttribute(UInt32)
    /// CTRL_ATTR_OPS: the commands the family implements.
    case operations([ControlOperation])
    /// CTRL_ATTR_MCAST_GROUPS: the family's multicast groups.
    case multicastGroups([ControlMulticastGroup])
    /// CTRL_ATTR_OP (u32): one command, to ask GETPOLICY about.
    case operation(UInt32)
    /// Anything else (CTRL_ATTR_POLICY...), and known attributes of an unexpected shape, verbatim.
    case unknown(RawAttribute)
}

extension ControlAttribute {
    /// Decodes one attribute; a known type with an unexpected size or shape is kept as `unknown`.
    public init(decoding a: NetlinkAttribute) {
        switch a.rawType {
        case CTRL_ATTR.familyId: if let v = a.exactU16 { self = .familyID(v); return }
        case CTRL_ATTR.familyName: if let s = a.exactString { self = .familyName(s); return }
        case CTRL_ATTR.version: if let v = a.exactU32 { self = .version(v); return }
        case CTRL_ATTR.hdrSize: if let v = a.exactU32 { self = .headerSize(v); return }
        case CTRL_ATTR.maxAttr: if let v = a.exactU32 { self = .maxAttribute(v); return }
        case CTRL_ATTR.ops:
            let entries = a.exactNested { entry in
                entry.exactNested(ControlOperationAttribute.init(decoding:)).map { ControlOperation(index: entry.rawType, attributes: $0) }
            }
            if let entries { self = .operations(entries); return }
        case CTRL_ATTR.mcastGroups:
            let entries = a.exactNested { entry in
                entry.exactNested(ControlMulticastGroupAttribute.init(decoding:)).map { ControlMulticastGroup(index: entry.rawType, attributes: $0) }
            }
            if let entries { self = .multicastGroups(entries); return }
        case CTRL_ATTR.op: if let v = a.exactU32 { self = .operation(v); return }
        default: break
        }
        self = .unknown(RawAttribute(a))
    }

    /// Appends the attribute (nests without NLA_F_NESTED, as the kernel writes them).
    public func encode(into w: inout NetlinkWriter) {
        switch self {
        case .familyID(let v): w.attribute(CTRL_ATTR.familyId, u16: v)
        case .familyName(let s): w.attribute(CTRL_ATTR.familyName, string: s)
        case .version(let v): w.attribute(CTRL_ATTR.version, u32: v)
        case .headerSize(let v): w.attribute(CTRL_ATTR.hdrSize, u32: v)
        case .maxAttribute(let v): w.attribute(CTRL_ATTR.maxAttr, u32: v)
        case .operations(let entries):
            let start = w.beginAttribute(CTRL_ATTR.ops)
            for entry in entries { entry.encode(into: &w) }
            w.endNested(start)
        case .multicastGroups(let entries):
            let start = w.beginAttribute(CTRL_ATTR.mcastGroups)
            for entry in entries { entry.encode(into: &w) }
            w.endNested(start)
        case .operation(let v): w.attribute(CTRL_ATTR.op, u32: v)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}

extension ControlAttribute: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "family_id": self = .familyID(try c.decode(UInt16.self, forKey: key))
        case "family_name": self = .familyName(try c.decode(String.self, forKey: key))
        case "version": self = .version(try c.decode(UInt32.self, forKey: key))
        case "hdrsize": self = .headerSize(try c.decode(UInt32.self, forKey: key))
        case "maxattr": self = .maxAttribute(try c.decode(UInt32.self, forKey: key))
        case "ops": self = .operations(try c.decode([ControlOperation].self, forKey: key))
        case "mcast_groups": self = .multicastGroups(try c.decode([ControlMulticastGroup].self, forKey: key))
        case "op": self = .operation(try c.decode(UInt32.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "ctrl")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .familyID(let v): try c.encode(v, for: "family_id")
        case .familyName(let s): try c.encode(s, for: "family_name")
        case .version(let v): try c.encode(v, for: "version")
        case .headerSize(let v): try c.encode(v, for: "hdrsize")
        case .maxAttribute(let v): try c.encode(v, for: "maxattr")
        case .operations(let e): try c.encode(e, for: "ops")
        case .multicastGroups(let e): try c.encode(e, for: "mcast_groups")
        case .operation(let v): try c.encode(v, for: "op")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}
