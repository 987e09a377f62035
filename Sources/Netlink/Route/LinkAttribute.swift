import EswitchModel

/// One IFLA_* attribute of a link message. Known attributes of an unexpected size or shape are
/// kept in `unknown`, so decode -> encode is the identity on any input.
public enum LinkAttribute: Hashable, Sendable {
    /// IFLA_IFNAME: the device name (NUL-terminated on the wire).
    case ifname(String)
    /// IFLA_ADDRESS: the link-layer address (6-byte Ethernet addresses are typed).
    case address(MACAddress)
    /// IFLA_BROADCAST: the link-layer broadcast address.
    case broadcast(MACAddress)
    /// IFLA_MTU.
    case mtu(UInt32)
    /// IFLA_LINK: the lower device (a veth's peer, a VF representor's uplink...).
    case link(IfIndex)
    /// IFLA_QDISC: the root qdisc's kind.
    case qdisc(String)
    /// IFLA_MASTER: the bridge or bond this link is enslaved to (0 releases it).
    case master(IfIndex)
    /// IFLA_TXQLEN: transmit queue length.
    case txqlen(UInt32)
    /// IFLA_OPERSTATE.
    case operstate(LinkOperState)
    /// IFLA_LINKMODE.
    case linkmode(LinkMode)
    /// IFLA_LINKINFO: kind and kind-specific configuration.
    case linkInfo(LinkInfo)
    /// IFLA_NET_NS_PID: move the link to the namespace of this process.
    case netNsPid(UInt32)
    /// IFLA_IFALIAS: the interface alias.
    case ifalias(String)
    /// IFLA_NUM_VF: number of VFs of an SR-IOV PF.
    case numVF(UInt32)
    /// IFLA_VFINFO_LIST: per-VF configuration (in requests) and state (in answers).
    case vfInfoList([VFInfoListEntry])
    /// IFLA_STATS64: the 64-bit counters.
    case stats64(LinkStatistics64)
    /// IFLA_GROUP: the device group.
    case group(UInt32)
    /// IFLA_NET_NS_FD: move the link to the namespace of this file descriptor.
    case netNsFd(UInt32)
    /// IFLA_EXT_MASK: what a get/dump should include (RTEXT_FILTER_*).
    case extMask(LinkExtMask)
    /// IFLA_PROMISCUITY: promiscuous-mode reference count.
    case promiscuity(UInt32)
    /// IFLA_NUM_TX_QUEUES.
    case numTxQueues(UInt32)
    /// IFLA_NUM_RX_QUEUES.
    case numRxQueues(UInt32)
    /// IFLA_CARRIER: physical carrier.
    case carrier(Bool)
    /// IFLA_PHYS_PORT_ID: the physical port's identifier (opaque bytes).
    case physPortID([UInt8])
    /// IFLA_CARRIER_CHANGES.
    case carrierChanges(UInt32)
    /// IFLA_PHYS_SWITCH_ID: the switch (eswitch) the port belongs to (opaque bytes; the PF and
    /// its representors share it).
    case physSwitchID([UInt8])
    /// IFLA_LINK_NETNSID: namespace id of IFLA_LINK's device.
    case linkNetnsid(Int32)
    /// IFLA_PHYS_PORT_NAME: the port's name on its switch ("p0", "pf0vf1", ...).
    case physPortName(String)
    /// IFLA_PROTO_DOWN: protocol-forced down.
    case protoDown(Bool)
    /// IFLA_GSO_MAX_SEGS.
    case gsoMaxSegs(UInt32)
    /// IFLA_GSO_MAX_SIZE.
    case gsoMaxSize(UInt32)
    /// IFLA_CARRIER_UP_COUNT.
    case carrierUpCount(UInt32)
    /// IFLA_CARRIER_DOWN_COUNT.
    case carrierDownCount(UInt32)
    /// IFLA_MIN_MTU.
    case minMTU(UInt32)
    /// IFLA_MAX_MTU.
    case maxMTU(UInt32)
    /// IFLA_PROP_LIST (always NLA_F_NESTED) holding IFLA_ALT_IFNAME entries: alternative names.
    case altNames([String])
    /// IFLA_ALT_IFNAME at top level: look a link up by an alternative name.
    case altIfname(String)
    /// IFLA_PERM_ADDRESS: the permanent hardware address.
    case permAddress(MACAddress)
    /// IFLA_PARENT_DEV_NAME: the parent device's sysfs name (a PCI address for a PF).
    case parentDevName(String)
    /// IFLA_PARENT_DEV_BUS_NAME: the parent device's bus ("pci").
    case parentDevBusName(String)
    /// IFLA_GRO_MAX_SIZE.
    case groMaxSize(UInt32)
    /// IFLA_TSO_MAX_SIZE.
    case tsoMaxSize(UInt32)
    /// IFLA_TSO_MAX_SEGS.
    case tsoMaxSegs(UInt32)
    /// IFLA_ALLMULTI: all-multicast reference count.
    case allmulti(UInt32)
    /// Anything else (stats, AF_SPEC, XDP, newer attributes...), kept verbatim.
    case unknown(RawAttribute)
}

extension LinkAttribute {
    /// Decodes one attribute; `depth` counts the veth peers above this link.
    init(decoding a: NetlinkAttribute, depth: Int) throws(NetlinkDecodingError) {
        if let typed = try Self.typed(a, depth: depth) {
            self = typed
        } else {
            self = .unknown(RawAttribute(a))
        }
    }

    /// The typed attribute, or nil when the type is unknown or the payload has another shape.
    private static func typed(_ a: NetlinkAttribute, depth: Int) throws(NetlinkDecodingError) -> LinkAttribute? {
        switch a.rawType {
        case IFLA.ifname: return LinkWire.terminatedString(a).map { .ifname($0) }
        case IFLA.address: return LinkWire.mac(a).map { .address($0) }
        case IFLA.broadcast: return LinkWire.mac(a).map { .broadcast($0) }
        case IFLA.mtu: return LinkWire.u32(a).map { .mtu($0) }
        case IFLA.link: return LinkWire.u32(a).map { .link(IfIndex($0)) }
        case IFLA.qdisc: return LinkWire.terminatedString(a).map { .qdisc($0) }
        case IFLA.master: return LinkWire.u32(a).map { .master(IfIndex($0)) }
        case IFLA.txqlen: return LinkWire.u32(a).map { .txqlen($0) }
        case IFLA.operstate: return LinkWire.u8(a).map { .operstate(LinkOperState(rawValue: $0)) }
        case IFLA.linkmode: return LinkWire.u8(a).map { .linkmode(LinkMode(rawValue: $0)) }
        case IFLA.linkinfo: return try LinkInfo.decode(a, depth: depth).map { .linkInfo($0) }
        case IFLA.netNsPid: return LinkWire.u32(a).map { .netNsPid($0) }
        case IFLA.ifalias: return LinkWire.terminatedString(a).map { .ifalias($0) }
        case IFLA.numVF: return LinkWire.u32(a).map { .numVF($0) }
        case IFLA.vfinfoList: return try VFInfoListEntry.decodeList(a).map { .vfInfoList($0) }
        case IFLA.stats64: return LinkStatistics64(payload: a.payload).map { .stats64($0) }
        case IFLA.group: return LinkWire.u32(a).map { .group($0) }
        case IFLA.netNsFd: return LinkWire.u32(a).map { .netNsFd($0) }
        case IFLA.extMask: return LinkWire.u32(a).map { .extMask(LinkExtMask(rawValue: $0)) }
        case IFLA.promiscuity: return LinkWire.u32(a).map { .promiscuity($0) }
        case IFLA.numTxQueues: return LinkWire.u32(a).map { .numTxQueues($0) }
        case IFLA.numRxQueues: return LinkWire.u32(a).map { .numRxQueues($0) }
        case IFLA.carrier: return LinkWire.bool(a).map { .carrier($0) }
        case IFLA.physPortID: return .physPortID(Array(a.payload))
        case IFLA.carrierChanges: return LinkWire.u32(a).map { .carrierChanges($0) }
        case IFLA.physSwitchID: return .physSwitchID(Array(a.payload))
        case IFLA.linkNetnsid: return LinkWire.u32(a).map { .linkNetnsid(Int32(bitPattern: $0)) }
        case IFLA.physPortName: return LinkWire.terminatedString(a).map { .physPortName($0) }
        case IFLA.protoDown: return LinkWire.bool(a).map { .protoDown($0) }
        case IFLA.gsoMaxSegs: return LinkWire.u32(a).map { .gsoMaxSegs($0) }
        case IFLA.gsoMaxSize: return LinkWire.u32(a).map { .gsoMaxSize($0) }
        case IFLA.carrierUpCount: return LinkWire.u32(a).map { .carrierUpCount($0) }
        case IFLA.carrierDownCount: return LinkWire.u32(a).map { .carrierDownCount($0) }
        case IFLA.minMTU: return LinkWire.u32(a).map { .minMTU($0) }
        case IFLA.maxMTU: return LinkWire.u32(a).map { .maxMTU($0) }
        case IFLA.propList | NLA.fNested: return try altNames(a).map { .altNames($0) }
        case IFLA.altIfname: return LinkWire.terminatedString(a).map { .altIfname($0) }
        case IFLA.permAddress: return LinkWire.mac(a).map { .permAddress($0) }
        case IFLA.parentDevName: return LinkWire.terminatedString(a).map { .parentDevName($0) }
        case IFLA.parentDevBusName: return LinkWire.terminatedString(a).map { .parentDevBusName($0) }
        case IFLA.groMaxSize: return LinkWire.u32(a).map { .groMaxSize($0) }
        case IFLA.tsoMaxSize: return LinkWire.u32(a).map { .tsoMaxSize($0) }
        case IFLA.tsoMaxSegs: return LinkWire.u32(a).map { .tsoMaxSegs($0) }
        case IFLA.allmulti: return LinkWire.u32(a).map { .allmulti($0) }
        default: return nil
        }
    }

    /// IFLA_PROP_LIST when every child is a NUL-terminated IFLA_ALT_IFNAME.
    private static func altNames(_ a: NetlinkAttribute) throws(NetlinkDecodingError) -> [String]? {
        guard var reader = LinkWire.canonicalNest(a) else { return nil }
        var names: [String] = []
        while let child = try reader.next() {
            guard child.rawType == IFLA.altIfname, let name = LinkWire.terminatedString(child) else { return nil }
            names.append(name)
        }
        return names
    }

    /// Appends the attribute.
    func encode(into w: inout NetlinkWriter) {
        switch self {
        case .ifname(let s): w.attribute(IFLA.ifname, string: s)
        case .address(let mac): w.attribute(IFLA.address, bytes: mac.array)
        case .broadcast(let mac): w.attribute(IFLA.broadcast, bytes: mac.array)
        case .mtu(let v): w.attribute(IFLA.mtu, u32: v)
        case .link(let i): w.attribute(IFLA.link, u32: i.rawValue)
        case .qdisc(let s): w.attribute(IFLA.qdisc, string: s)
        case .master(let i): w.attribute(IFLA.master, u32: i.rawValue)
        case .txqlen(let v): w.attribute(IFLA.txqlen, u32: v)
        case .operstate(let s): w.attribute(IFLA.operstate, u8: s.rawValue)
        case .linkmode(let m): w.attribute(IFLA.linkmode, u8: m.rawValue)
        case .linkInfo(let info): info.encode(into: &w)
        case .netNsPid(let v): w.attribute(IFLA.netNsPid, u32: v)
        case .ifalias(let s): w.attribute(IFLA.ifalias, string: s)
        case .numVF(let v): w.attribute(IFLA.numVF, u32: v)
        case .vfInfoList(let entries):
            let n = w.beginNested(IFLA.vfinfoList)
            for entry in entries { entry.encode(into: &w) }
            w.endNested(n)
        case .stats64(let stats): stats.encode(into: &w)
        case .group(let v): w.attribute(IFLA.group, u32: v)
        case .netNsFd(let v): w.attribute(IFLA.netNsFd, u32: v)
        case .extMask(let m): w.attribute(IFLA.extMask, u32: m.rawValue)
        case .promiscuity(let v): w.attribute(IFLA.promiscuity, u32: v)
        case .numTxQueues(let v): w.attribute(IFLA.numTxQueues, u32: v)
        case .numRxQueues(let v): w.attribute(IFLA.numRxQueues, u32: v)
        case .carrier(let b): w.attribute(IFLA.carrier, u8: b ? 1 : 0)
        case .physPortID(let bytes): w.attribute(IFLA.physPortID, bytes: bytes)
        case .carrierChanges(let v): w.attribute(IFLA.carrierChanges, u32: v)
        case .physSwitchID(let bytes): w.attribute(IFLA.physSwitchID, bytes: bytes)
        case .linkNetnsid(let v): w.attribute(IFLA.linkNetnsid, u32: UInt32(bitPattern: v))
        case .physPortName(let s): w.attribute(IFLA.physPortName, string: s)
        case .protoDown(let b): w.attribute(IFLA.protoDown, u8: b ? 1 : 0)
        case .gsoMaxSegs(let v): w.attribute(IFLA.gsoMaxSegs, u32: v)
        case .gsoMaxSize(let v): w.attribute(IFLA.gsoMaxSize, u32: v)
        case .carrierUpCount(let v): w.attribute(IFLA.carrierUpCount, u32: v)
        case .carrierDownCount(let v): w.attribute(IFLA.carrierDownCount, u32: v)
        case .minMTU(let v): w.attribute(IFLA.minMTU, u32: v)
        case .maxMTU(let v): w.attribute(IFLA.maxMTU, u32: v)
        case .altNames(let names):
            let n = w.beginNested(IFLA.propList, flagged: true)
            for name in names { w.attribute(IFLA.altIfname, string: name) }
            w.endNested(n)
        case .altIfname(let s): w.attribute(IFLA.altIfname, string: s)
        case .permAddress(let mac): w.attribute(IFLA.permAddress, bytes: mac.array)
        case .parentDevName(let s): w.attribute(IFLA.parentDevName, string: s)
        case .parentDevBusName(let s): w.attribute(IFLA.parentDevBusName, string: s)
        case .groMaxSize(let v): w.attribute(IFLA.groMaxSize, u32: v)
        case .tsoMaxSize(let v): w.attribute(IFLA.tsoMaxSize, u32: v)
        case .tsoMaxSegs(let v): w.attribute(IFLA.tsoMaxSegs, u32: v)
        case .allmulti(let v): w.attribute(IFLA.allmulti, u32: v)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}
