import EswitchModel

/// One attribute of a VF inside IFLA_VF_INFO (IFLA_VF_*). On the wire most of them are structs
/// that start with the VF number; here the number lives once in ``VFInfo/vf`` and is written into
/// every struct on encode.
public enum VFAttribute: Hashable, Sendable {
    /// IFLA_VF_MAC: the VF's MAC (struct ifla_vf_mac; the 32-byte field holds 6 bytes).
    case mac(MACAddress)
    /// IFLA_VF_VLAN: port VLAN and priority, 802.1Q (struct ifla_vf_vlan).
    case vlan(VFVLAN)
    /// IFLA_VF_VLAN_LIST: port VLAN with its TPID (entries of struct ifla_vf_vlan_info).
    case vlanList([VFVLANListEntry])
    /// IFLA_VF_TX_RATE: legacy maximum transmit rate in Mbit/s (`vf N rate R`).
    case txRate(UInt32)
    /// IFLA_VF_SPOOFCHK: source MAC/VLAN anti-spoofing.
    case spoofCheck(VFSetting)
    /// IFLA_VF_LINK_STATE: auto / enable / disable.
    case linkState(VFLinkState)
    /// IFLA_VF_RATE: guaranteed and maximum transmit rate in Mbit/s.
    case rate(VFRate)
    /// IFLA_VF_RSS_QUERY_EN: may the VF query the PF's RSS table and key.
    case rssQuery(VFSetting)
    /// IFLA_VF_STATS: the VF's counters (kernel answers only).
    case stats([VFStatsAttribute])
    /// IFLA_VF_TRUST: trusted VFs may set promiscuous mode and change their MAC.
    case trust(VFSetting)
    /// IFLA_VF_IB_NODE_GUID: InfiniBand node GUID (struct ifla_vf_guid).
    case ibNodeGUID(UInt64)
    /// IFLA_VF_IB_PORT_GUID: InfiniBand port GUID (struct ifla_vf_guid).
    case ibPortGUID(UInt64)
    /// IFLA_VF_BROADCAST: the broadcast address (struct ifla_vf_broadcast, no VF number).
    case broadcast(MACAddress)
    /// Anything else (or a known attribute of another size), kept verbatim.
    case unknown(RawAttribute)
}

/// The VF number seen in the structs of one IFLA_VF_INFO: the first one, and whether another differed.
struct VFNumberCheck {
    var value: UInt32?
    var conflict = false

    mutating func see(_ v: UInt32) {
        if let seen = value {
            if seen != v { conflict = true }
        } else {
            value = v
        }
    }
}

extension VFAttribute {
    /// Decodes one IFLA_VF_* attribute, recording the VF number its struct carries in `vf`.
    init(decoding a: NetlinkAttribute, vf: inout VFNumberCheck) throws(NetlinkDecodingError) {
        let p = a.payload, s = p.startIndex
        switch a.rawType {
        case IFLA_VF.mac where p.count == IFLA_STRUCT_SIZE.vfMac && LinkWire.zeroTail(p, from: 10):
            vf.see(p.readLE(UInt32.self, at: s))
            self = .mac(MACAddress(p[s + 4], p[s + 5], p[s + 6], p[s + 7], p[s + 8], p[s + 9]))
        case IFLA_VF.vlan where p.count == IFLA_STRUCT_SIZE.vfVlan:
            vf.see(p.readLE(UInt32.self, at: s))
            self = .vlan(VFVLAN(vlan: p.readLE(UInt32.self, at: s + 4), qos: p.readLE(UInt32.self, at: s + 8)))
        case IFLA_VF.vlanList:
            guard var reader = LinkWire.canonicalNest(a) else { self = .unknown(RawAttribute(a)); return }
            var entries: [VFVLANListEntry] = []
            while let child = try reader.next() {
                let c = child.payload, cs = c.startIndex
                if child.rawType == IFLA_VF_VLAN_INFO.info, c.count == IFLA_STRUCT_SIZE.vfVlanInfo, LinkWire.zeroTail(c, from: 14) {
                    vf.see(c.readLE(UInt32.self, at: cs))
                    entries.append(.info(VFVLANInfo(
                        vlan: c.readLE(UInt32.self, at: cs + 4), qos: c.readLE(UInt32.self, at: cs + 8),
                        vlanProtocol: VFVLANProtocol(rawValue: c.readBE(UInt16.self, at: cs + 12)))))
                } else {
                    entries.append(.unknown(RawAttribute(child)))
                }
            }
            self = .vlanList(entries)
        case IFLA_VF.txRate where p.count == IFLA_STRUCT_SIZE.vfSetting:
            vf.see(p.readLE(UInt32.self, at: s))
            self = .txRate(p.readLE(UInt32.self, at: s + 4))
        case IFLA_VF.spoofchk where p.count == IFLA_STRUCT_SIZE.vfSetting:
            vf.see(p.readLE(UInt32.self, at: s))
            self = .spoofCheck(VFSetting(rawValue: p.readLE(UInt32.self, at: s + 4)))
        case IFLA_VF.linkState where p.count == IFLA_STRUCT_SIZE.vfSetting:
            vf.see(p.readLE(UInt32.self, at: s))
            self = .linkState(VFLinkState(rawValue: p.readLE(UInt32.self, at: s + 4)))
        case IFLA_VF.rate where p.count == IFLA_STRUCT_SIZE.vfRate:
            vf.see(p.readLE(UInt32.self, at: s))
            self = .rate(VFRate(minTx: p.readLE(UInt32.self, at: s + 4), maxTx: p.readLE(UInt32.self, at: s + 8)))
        case IFLA_VF.rssQueryEn where p.count == IFLA_STRUCT_SIZE.vfSetting:
            vf.see(p.readLE(UInt32.self, at: s))
            self = .rssQuery(VFSetting(rawValue: p.readLE(UInt32.self, at: s + 4)))
        case IFLA_VF.stats:
            guard var reader = LinkWire.canonicalNest(a) else { self = .unknown(RawAttribute(a)); return }
            var counters: [VFStatsAttribute] = []
            while let child = try reader.next() { counters.append(VFStatsAttribute(decoding: child)) }
            self = .stats(counters)
        case IFLA_VF.trust where p.count == IFLA_STRUCT_SIZE.vfSetting:
            vf.see(p.readLE(UInt32.self, at: s))
            self = .trust(VFSetting(rawValue: p.readLE(UInt32.self, at: s + 4)))
        case IFLA_VF.ibNodeGUID where p.count == IFLA_STRUCT_SIZE.vfGuid && p.readLE(UInt32.self, at: s + 4) == 0:
            vf.see(p.readLE(UInt32.self, at: s))
            self = .ibNodeGUID(p.readLE(UInt64.self, at: s + 8))
        case IFLA_VF.ibPortGUID where p.count == IFLA_STRUCT_SIZE.vfGuid && p.readLE(UInt32.self, at: s + 4) == 0:
            vf.see(p.readLE(UInt32.self, at: s))
            self = .ibPortGUID(p.readLE(UInt64.self, at: s + 8))
        case IFLA_VF.broadcast where p.count == IFLA_STRUCT_SIZE.vfBroadcast && LinkWire.zeroTail(p, from: 6):
            self = .broadcast(MACAddress(p[s], p[s + 1], p[s + 2], p[s + 3], p[s + 4], p[s + 5]))
        default:
            self = .unknown(RawAttribute(a))
        }
    }

    /// Appends the attribute, writing `vf` into its struct.
    func encode(into w: inout NetlinkWriter, vf: UInt32) {
        switch self {
        case .mac(let mac):
            let s = w.beginAttribute(IFLA_VF.mac)
            w.append(vf); w.append(contentsOf: mac.array); w.appendZeros(IFLA_STRUCT_SIZE.vfMac - 10)
            w.endAttribute(s)
        case .vlan(let v):
            let s = w.beginAttribute(IFLA_VF.vlan)
            w.append(vf); w.append(v.vlan); w.append(v.qos)
            w.endAttribute(s)
        case .vlanList(let entries):
            let n = w.beginNested(IFLA_VF.vlanList)
            for entry in entries {
                switch entry {
                case .info(let info):
                    let s = w.beginAttribute(IFLA_VF_VLAN_INFO.info)
                    w.append(vf); w.append(info.vlan); w.append(info.qos); w.appendBigEndian(info.vlanProtocol.rawValue); w.appendZeros(2)
                    w.endAttribute(s)
                case .unknown(let raw): raw.encode(into: &w)
                }
            }
            w.endNested(n)
        case .txRate(let rate): Self.pair(&w, IFLA_VF.txRate, vf, rate)
        case .spoofCheck(let setting): Self.pair(&w, IFLA_VF.spoofchk, vf, setting.rawValue)
        case .linkState(let state): Self.pair(&w, IFLA_VF.linkState, vf, state.rawValue)
        case .rate(let rate):
            let s = w.beginAttribute(IFLA_VF.rate)
            w.append(vf); w.append(rate.minTx); w.append(rate.maxTx)
            w.endAttribute(s)
        case .rssQuery(let setting): Self.pair(&w, IFLA_VF.rssQueryEn, vf, setting.rawValue)
        case .stats(let counters):
            let n = w.beginNested(IFLA_VF.stats)
            for counter in counters { counter.encode(into: &w) }
            w.endNested(n)
        case .trust(let setting): Self.pair(&w, IFLA_VF.trust, vf, setting.rawValue)
        case .ibNodeGUID(let guid): Self.guid(&w, IFLA_VF.ibNodeGUID, vf, guid)
        case .ibPortGUID(let guid): Self.guid(&w, IFLA_VF.ibPortGUID, vf, guid)
        case .broadcast(let mac):
            let s = w.beginAttribute(IFLA_VF.broadcast)
            w.append(contentsOf: mac.array); w.appendZeros(IFLA_STRUCT_SIZE.vfBroadcast - 6)
            w.endAttribute(s)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }

    /// The struct { u32 vf; u32 value; } shared by several VF attributes.
    private static func pair(_ w: inout NetlinkWriter, _ type: UInt16, _ vf: UInt32, _ value: UInt32) {
        let s = w.beginAttribute(type)
        w.append(vf); w.append(value)
        w.endAttribute(s)
    }

    /// struct ifla_vf_guid: u32 vf, 4 bytes padding, u64 guid.
    private static func guid(_ w: inout NetlinkWriter, _ type: UInt16, _ vf: UInt32, _ guid: UInt64) {
        let s = w.beginAttribute(type)
        w.append(vf); w.appendZeros(4); w.append(guid)
        w.endAttribute(s)
    }
}
