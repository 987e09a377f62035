/// One attribute of IFLA_LINKINFO (IFLA_INFO_*): the link kind, then its kind-specific data.
public enum LinkInfoAttribute: Hashable, Sendable {
    /// IFLA_INFO_KIND written without a NUL, as iproute2 sends it (`ip link add ... type vxlan`).
    case kind(String)
    /// IFLA_INFO_KIND written with its NUL, as the kernel reports it.
    case terminatedKind(String)
    /// IFLA_INFO_DATA of a kind eswitch types ("vxlan", "veth"): the bytes carry no kind, so the
    /// data is read with the kind attribute before it and must follow a matching one.
    case data(LinkInfoData)
    /// IFLA_INFO_SLAVE_KIND: the kind of the master this link is enslaved to (e.g. "bridge").
    case slaveKind(String)
    /// Anything else (data of other kinds, slave data, xstats), kept verbatim.
    case unknown(RawAttribute)
}

/// IFLA_INFO_DATA, typed by the link kind that precedes it in IFLA_LINKINFO.
public enum LinkInfoData: Hashable, Sendable {
    /// Kind "vxlan": IFLA_VXLAN_* attributes.
    case vxlan([VXLANAttribute])
    /// Kind "veth": VETH_INFO_* attributes (the peer, when creating a pair).
    case veth([VethAttribute])

    /// The link kind this data belongs to.
    public var kind: String {
        switch self {
        case .vxlan: return LinkInfo.Kind.vxlan
        case .veth: return LinkInfo.Kind.veth
        }
    }
}

/// IFLA_LINKINFO: the kind of a virtual link and its configuration, attributes in wire order.
/// JSON: a list of one-key objects, e.g. [{"info_kind": "vxlan"}, {"info_data": [{"id": 100}]}].
public struct LinkInfo: Hashable, Sendable {
    /// Link kinds whose IFLA_INFO_DATA is typed.
    public enum Kind {
        public static let vxlan = "vxlan"
        public static let veth = "veth"
    }

    public var attributes: [LinkInfoAttribute]

    public init(_ attributes: [LinkInfoAttribute]) { self.attributes = attributes }

    /// IFLA_INFO_KIND in either form.
    public var kind: String? {
        for attribute in attributes {
            switch attribute {
            case .kind(let k), .terminatedKind(let k): return k
            default: continue
            }
        }
        return nil
    }

    /// IFLA_INFO_DATA, when typed.
    public var data: LinkInfoData? {
        for case .data(let d) in attributes { return d }
        return nil
    }

    /// IFLA_INFO_SLAVE_KIND.
    public var slaveKind: String? {
        for case .slaveKind(let k) in attributes { return k }
        return nil
    }
}

extension LinkInfo {
    /// Decodes IFLA_LINKINFO, or nil when the nest is not canonical (kept raw by the caller).
    /// `depth` counts the veth peers above this link; it bounds the recursion.
    static func decode(_ a: NetlinkAttribute, depth: Int) throws(NetlinkDecodingError) -> LinkInfo? {
        guard var reader = LinkWire.canonicalNest(a) else { return nil }
        var out: [LinkInfoAttribute] = []
        var kind: String?
        while let child = try reader.next() {
            switch child.rawType {
            case IFLA_INFO.kind:
                if let k = LinkWire.bareString(child) {
                    kind = k
                    out.append(.kind(k))
                } else if let k = LinkWire.terminatedString(child) {
                    kind = k
                    out.append(.terminatedKind(k))
                } else {
                    out.append(.unknown(RawAttribute(child)))
                }
            case IFLA_INFO.data:
                if let data = try LinkInfoData(decoding: child, kind: kind, depth: depth) {
                    out.append(.data(data))
                } else {
                    out.append(.unknown(RawAttribute(child)))
                }
            case IFLA_INFO.slaveKind:
                if let k = LinkWire.terminatedString(child) {
                    out.append(.slaveKind(k))
                } else {
                    out.append(.unknown(RawAttribute(child)))
                }
            default:
                out.append(.unknown(RawAttribute(child)))
            }
        }
        return LinkInfo(out)
    }

    func encode(into w: inout NetlinkWriter) {
        let n = w.beginNested(IFLA.linkinfo)
        for attribute in attributes {
            switch attribute {
            case .kind(let k): w.attribute(IFLA_INFO.kind, unterminatedString: k)
            case .terminatedKind(let k): w.attribute(IFLA_INFO.kind, string: k)
            case .data(let data): data.encode(into: &w)
            case .slaveKind(let k): w.attribute(IFLA_INFO.slaveKind, string: k)
            case .unknown(let raw): raw.encode(into: &w)
            }
        }
        w.endNested(n)
    }
}

extension LinkInfoData {
    /// Types IFLA_INFO_DATA for a known kind; nil for other kinds or a non-canonical nest.
    init?(decoding a: NetlinkAttribute, kind: String?, depth: Int) throws(NetlinkDecodingError) {
        guard let kind, var reader = LinkWire.canonicalNest(a) else { return nil }
        switch kind {
        case LinkInfo.Kind.vxlan:
            var out: [VXLANAttribute] = []
            while let child = try reader.next() { out.append(VXLANAttribute(decoding: child)) }
            self = .vxlan(out)
        case LinkInfo.Kind.veth:
            var out: [VethAttribute] = []
            while let child = try reader.next() { out.append(try VethAttribute(decoding: child, depth: depth)) }
            self = .veth(out)
        default:
            return nil
        }
    }

    func encode(into w: inout NetlinkWriter) {
        let n = w.beginNested(IFLA_INFO.data)
        switch self {
        case .vxlan(let attributes): for a in attributes { a.encode(into: &w) }
        case .veth(let attributes): for a in attributes { a.encode(into: &w) }
        }
        w.endNested(n)
    }
}
