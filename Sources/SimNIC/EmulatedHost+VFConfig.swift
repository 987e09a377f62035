import EswitchModel
import Netlink
import Platform

extension EmulatedHost {
    /// Applies one IFLA_VF_INFO of `ip link set dev PF vf N ...` to the PF whose netdev is
    /// `ifindex`, in the order the kernel's do_setvfinfo (net/core/rtnetlink.c) handles the
    /// attributes; the first refusal stops, what came before it stays applied (as in the kernel).
    ///
    /// Checks: a device that is not an SR-IOV PF has no ndo_set_vf_* (EOPNOTSUPP); a VF number
    /// the PF does not have is EINVAL (mlx5 and ice both); a multicast MAC is EINVAL; VLAN above
    /// 4095 or QoS above 7 is EINVAL (rtnetlink); a TPID other than 802.1Q is EPROTONOSUPPORT (mlx5
    /// mlx5e_set_vf_vlan, ice without double VLAN mode); rates need the profile's VF rate limiting
    /// (EOPNOTSUPP) and min <= max (EINVAL); link state must be auto/enable/disable (EINVAL);
    /// RSS query and InfiniBand GUIDs have no handler in these drivers (EOPNOTSUPP).
    public mutating func configureVF(onPF ifindex: IfIndex, _ info: VFInfo) throws(SimNICError) {
        guard let link = links[ifindex] else { throw SimNICError(.noSuchDevice) }
        guard case .physicalFunction(let number) = link.role, let p = physicalFunctions.firstIndex(where: { $0.number == number }),
              profile.sriov != nil else {
            throw SimNICError(.notSupported)
        }
        guard info.vf.rawValue < UInt32(physicalFunctions[p].vfs.count) else { throw SimNICError(.invalidArgument) }
        let v = Int(info.vf.rawValue)
        var config = physicalFunctions[p].vfs[v].config
        defer {
            physicalFunctions[p].vfs[v].config = config
            events.append(.linkChanged(ifindex))
        }
        if let mac = info.mac {
            guard !mac.isMulticast else { throw SimNICError(.invalidArgument) }
            config.mac = mac
            if let netdev = physicalFunctions[p].vfs[v].netdev, !mac.isZero {
                links[netdev]?.mac = mac
                events.append(.linkChanged(netdev))
            }
        }
        for case .vlan(let vlan) in info.attributes {
            guard vlan.vlan <= 4095, vlan.qos <= 7 else { throw SimNICError(.invalidArgument) }
            config.vlan = vlan.vlan
            config.qos = vlan.qos
            config.vlanProtocol = .dot1Q
        }
        for case .vlanList(let entries) in info.attributes {
            for case .info(let entry) in entries {
                guard entry.vlan <= 4095, entry.qos <= 7 else { throw SimNICError(.invalidArgument) }
                guard entry.vlanProtocol == .dot1Q || entry.vlanProtocol == .dot1ad else { throw SimNICError(.protocolNotSupported) }
                guard entry.vlanProtocol == .dot1Q else { throw SimNICError(.protocolNotSupported) }
                config.vlan = entry.vlan
                config.qos = entry.qos
                config.vlanProtocol = entry.vlanProtocol
            }
        }
        if let txRate = info.txRate {
            guard profile.sriov?.vfRateLimit == true else { throw SimNICError(.notSupported) }
            guard txRate == 0 || config.minTxRate <= txRate else { throw SimNICError(.invalidArgument) }
            config.maxTxRate = txRate
        }
        if let rate = info.rate {
            guard profile.sriov?.vfRateLimit == true else { throw SimNICError(.notSupported) }
            guard rate.maxTx == 0 || rate.minTx <= rate.maxTx else { throw SimNICError(.invalidArgument) }
            config.minTxRate = rate.minTx
            config.maxTxRate = rate.maxTx
        }
        for case .spoofCheck(let setting) in info.attributes { config.spoofCheck = setting.rawValue != 0 }
        if let state = info.linkState {
            guard state == .auto || state == .enable || state == .disable else { throw SimNICError(.invalidArgument) }
            config.linkState = state
            if let netdev = physicalFunctions[p].vfs[v].netdev {
                let uplink = links[ifindex]?.carrier ?? true
                links[netdev]?.carrier = state == .enable || (state == .auto && uplink)
                events.append(.linkChanged(netdev))
            }
        }
        if info.attributes.contains(where: { if case .rssQuery = $0 { true } else { false } }) { throw SimNICError(.notSupported) }
        for case .trust(let setting) in info.attributes { config.trust = setting.rawValue != 0 }
        if info.attributes.contains(where: {
            switch $0 {
            case .ibNodeGUID, .ibPortGUID: return true
            default: return false
            }
        }) { throw SimNICError(.notSupported) }
    }
}
