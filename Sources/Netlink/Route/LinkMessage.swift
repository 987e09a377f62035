import EswitchModel

/// A link request or answer (RTM_NEWLINK / RTM_DELLINK / RTM_GETLINK / RTM_SETLINK):
/// `struct ifinfomsg` followed by IFLA_* attributes in wire order.
///
/// Requests are easiest to build with the constructors in `LinkMessage+Requests.swift`
/// (``dumpRequest(extMask:)``, ``setUp(_:)``, ``createVXLAN(name:vni:local:group:underlay:ttl:tos:portRange:udpChecksum:learning:port:)``,
/// ``setVF(pf:vf:mac:vlan:qos:vlanProtocol:txRate:linkState:spoofCheck:queryRSS:trust:nodeGUID:portGUID:rate:)``...);
/// answers are read through the typed accessors (``name``, ``mtu``, ``vxlanID``, ``vfs``...).
public struct LinkMessage: NetlinkBody {
    /// `ifi_family`: AF_UNSPEC for most requests, AF_PACKET for `ip link show` dumps.
    public var family: UInt8
    /// `ifi_type`: the ARPHRD_* hardware type (0 in requests).
    public var linkType: LinkType
    /// `ifi_index`: the link (0 when a request names it by IFLA_IFNAME, or creates it).
    public var ifindex: IfIndex
    /// `ifi_flags`: IFF_* flags (the new values, for the bits in ``change``).
    public var flags: LinkFlags
    /// `ifi_change`: which IFF_* bits a request changes.
    public var change: LinkFlags
    /// Attributes in wire order; unknown ones are kept as bytes.
    public var attributes: [LinkAttribute]

    public init(family: UInt8 = AddressFamily.unspec, linkType: LinkType = LinkType(rawValue: 0), ifindex: IfIndex = IfIndex(0),
                flags: LinkFlags = [], change: LinkFlags = [], attributes: [LinkAttribute] = []) {
        self.family = family
        self.linkType = linkType
        self.ifindex = ifindex
        self.flags = flags
        self.change = change
        self.attributes = attributes
    }

    public init(decoding body: ArraySlice<UInt8>) throws(NetlinkDecodingError) {
        try self.init(decoding: body, depth: 0)
    }

    /// Decodes a body; `depth` counts the veth peers above this one (see ``VethAttribute``).
    init(decoding body: ArraySlice<UInt8>, depth: Int) throws(NetlinkDecodingError) {
        try body.require(IFLA_STRUCT_SIZE.ifinfomsg, for: "ifinfomsg")
        let s = body.startIndex
        // __ifi_pad is always zero; refusing anything else keeps decode -> encode the identity.
        guard body[s + 1] == 0 else {
            throw NetlinkDecodingError(offset: s + 1, "ifinfomsg padding byte is \(body[s + 1]), expected 0")
        }
        family = body[s]
        linkType = LinkType(rawValue: body.readLE(UInt16.self, at: s + 2))
        ifindex = IfIndex(body.readLE(UInt32.self, at: s + 4))
        flags = LinkFlags(rawValue: body.readLE(UInt32.self, at: s + 8))
        change = LinkFlags(rawValue: body.readLE(UInt32.self, at: s + 12))
        var reader = AttributeReader(body[(s + IFLA_STRUCT_SIZE.ifinfomsg)...])
        var out: [LinkAttribute] = []
        while let attribute = try reader.next() { out.append(try LinkAttribute(decoding: attribute, depth: depth)) }
        attributes = out
    }

    public func encode(into writer: inout NetlinkWriter) {
        writer.append(family)
        writer.append(UInt8(0))
        writer.append(linkType.rawValue)
        writer.append(ifindex.rawValue)
        writer.append(flags.rawValue)
        writer.append(change.rawValue)
        for attribute in attributes { attribute.encode(into: &writer) }
    }
}
