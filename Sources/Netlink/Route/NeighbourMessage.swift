import EswitchModel

/// A neighbour or FDB entry request/answer (RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH):
/// `struct ndmsg` followed by NDA_* attributes in wire order.
///
/// FDB entries towards a remote VTEP use family `AF_BRIDGE`, the VXLAN device's ifindex, the MAC in
/// ``NeighbourAttribute/linkLayerAddress(_:)``, the VTEP in ``NeighbourAttribute/destination(_:)``
/// and the VNI in ``NeighbourAttribute/vni(_:)``.
public struct NeighbourMessage: NetlinkBody {
    /// `ndm_family` (AF_INET, AF_INET6, AF_BRIDGE...).
    public var family: UInt8
    /// `ndm_ifindex`: the device the entry belongs to.
    public var ifindex: IfIndex
    /// `ndm_state`.
    public var state: NeighbourState
    /// `ndm_flags`.
    public var flags: NeighbourFlags
    /// `ndm_type` (RTN_*; 0 for requests).
    public var type: UInt8
    /// Attributes in wire order; unknown ones are kept as bytes.
    public var attributes: [NeighbourAttribute]

    public init(family: UInt8, ifindex: IfIndex, state: NeighbourState = [], flags: NeighbourFlags = [], type: UInt8 = 0, attributes: [NeighbourAttribute] = []) {
        self.family = family
        self.ifindex = ifindex
        self.state = state
        self.flags = flags
        self.type = type
        self.attributes = attributes
    }

    /// sizeof(struct ndmsg).
    static let headerLength = 12

    public init(decoding body: ArraySlice<UInt8>) throws(NetlinkDecodingError) {
        try body.require(Self.headerLength, for: "ndmsg")
        let s = body.startIndex
        family = body[s]
        ifindex = IfIndex(body.readLE(UInt32.self, at: s + 4))
        state = NeighbourState(rawValue: body.readLE(UInt16.self, at: s + 8))
        flags = NeighbourFlags(rawValue: body[s + 10])
        type = body[s + 11]
        attributes = try Self.decodeAttributes(body[(s + Self.headerLength)...], NeighbourAttribute.init(decoding:))
    }

    public func encode(into writer: inout NetlinkWriter) {
        writer.append(family)
        writer.appendZeros(3)
        writer.append(ifindex.rawValue)
        writer.append(state.rawValue)
        writer.append(flags.rawValue)
        writer.append(type)
        for attribute in attributes { attribute.encode(into: &writer) }
    }
}

extension NeighbourMessage {
    /// NDA_DST, if present.
    public var destination: IPAddress? {
        for case .destination(let ip) in attributes { return ip }
        return nil
    }
    /// NDA_LLADDR, if present.
    public var linkLayerAddress: MACAddress? {
        for case .linkLayerAddress(let mac) in attributes { return mac }
        return nil
    }
    /// NDA_VNI, if present.
    public var vni: UInt32? {
        for case .vni(let vni) in attributes { return vni }
        return nil
    }
}
