import EswitchModel

/// One NDA_* attribute of a neighbour/FDB message.
public enum NeighbourAttribute: Hashable, Sendable {
    /// NDA_DST: the neighbour's IP, or for VXLAN FDB entries the remote VTEP.
    case destination(IPAddress)
    /// NDA_LLADDR: the MAC address.
    case linkLayerAddress(MACAddress)
    /// NDA_VLAN: VLAN id (host order u16).
    case vlan(UInt16)
    /// NDA_PORT: VXLAN destination UDP port (network order on the wire).
    case port(UInt16)
    /// NDA_VNI: VXLAN network identifier (host order u32).
    case vni(UInt32)
    /// NDA_IFINDEX: outgoing device of a VXLAN FDB entry.
    case ifindex(IfIndex)
    /// NDA_MASTER: the bridge the entry belongs to.
    case master(IfIndex)
    /// NDA_SRC_VNI: source VNI in collect-metadata mode.
    case sourceVNI(UInt32)
    /// Anything else, kept verbatim.
    case unknown(RawAttribute)
}

extension NeighbourAttribute {
    public init(decoding a: NetlinkAttribute) throws(NetlinkDecodingError) {
        switch a.type {
        case NDA.dst: self = .destination(try a.ip())
        case NDA.lladdr where a.payload.count == 6: self = .linkLayerAddress(try a.mac())
        case NDA.vlan: self = .vlan(try a.u16())
        case NDA.port: self = .port(try a.bigEndian16())
        case NDA.vni: self = .vni(try a.u32())
        case NDA.ifindex: self = .ifindex(IfIndex(try a.u32()))
        case NDA.master: self = .master(IfIndex(try a.u32()))
        case NDA.srcVni: self = .sourceVNI(try a.u32())
        default: self = .unknown(RawAttribute(a))  // includes non-Ethernet NDA_LLADDR lengths
        }
    }

    public func encode(into w: inout NetlinkWriter) {
        switch self {
        case .destination(let ip): w.attribute(NDA.dst, ip: ip)
        case .linkLayerAddress(let mac): w.attribute(NDA.lladdr, mac: mac)
        case .vlan(let v): w.attribute(NDA.vlan, u16: v)
        case .port(let p): w.attribute(NDA.port, bigEndian16: p)
        case .vni(let v): w.attribute(NDA.vni, u32: v)
        case .ifindex(let i): w.attribute(NDA.ifindex, u32: i.rawValue)
        case .master(let i): w.attribute(NDA.master, u32: i.rawValue)
        case .sourceVNI(let v): w.attribute(NDA.srcVni, u32: v)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}

extension NeighbourAttribute: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "dst": self = .destination(try c.decode(IPAddress.self, forKey: key))
        case "lladdr": self = .linkLayerAddress(try c.decode(MACAddress.self, forKey: key))
        case "vlan": self = .vlan(try c.decode(UInt16.self, forKey: key))
        case "port": self = .port(try c.decode(UInt16.self, forKey: key))
        case "vni": self = .vni(try c.decode(UInt32.self, forKey: key))
        case "ifindex": self = .ifindex(try c.decode(IfIndex.self, forKey: key))
        case "master": self = .master(try c.decode(IfIndex.self, forKey: key))
        case "src_vni": self = .sourceVNI(try c.decode(UInt32.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "neighbour")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .destination(let ip): try c.encode(ip, for: "dst")
        case .linkLayerAddress(let mac): try c.encode(mac, for: "lladdr")
        case .vlan(let v): try c.encode(v, for: "vlan")
        case .port(let p): try c.encode(p, for: "port")
        case .vni(let v): try c.encode(v, for: "vni")
        case .ifindex(let i): try c.encode(i, for: "ifindex")
        case .master(let i): try c.encode(i, for: "master")
        case .sourceVNI(let v): try c.encode(v, for: "src_vni")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}
