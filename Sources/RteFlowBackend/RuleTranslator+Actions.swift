import EswitchModel
import RteFlow

extension RuleTranslator {
    /// The rule's actions in rte_flow form, COUNT first when counting.
    mutating func actions(counting: Bool, pattern: TranslatedPattern) -> [RteFlowAction] {
        var out: [RteFlowAction] = counting ? [.count] : []
        for action in rule.actions {
            switch action {
            case .output(.port(let id)):
                if let port = devices.representors[id] {
                    out.append(.representedPort(port))
                } else {
                    problem("action output port \(id)", Self.noRepresentor)
                }
            case .output(.tunnel), .output(.external):
                out.append(.representedPort(devices.uplinkPort))
            case .output(.slowPath), .trap:
                // The ingress's own ethdev (its representor, or the uplink's port): the slow path
                // reads it. A missing representor was reported with the pattern.
                if let port = slowPathPort() { out.append(.portRepresentor(port)) }
            case .drop:
                out.append(.drop)
            case .gotoChain(let chain):
                out.append(.jump(group: chain))
            case .setEthSource(let mac):
                out.append(.setMACSource(mac))
            case .setEthDestination(let mac):
                out.append(.setMACDestination(mac))
            case .decrementTTL, .decrementHopLimit:
                out.append(.decrementTTL)
            case .setIPv4Source(let ip):
                requireIPv4(pattern, "action set_ipv4_src \(ip)")
                out.append(.setIPv4Source(ip))
            case .setIPv4Destination(let ip):
                requireIPv4(pattern, "action set_ipv4_dst \(ip)")
                out.append(.setIPv4Destination(ip))
            case .encapsulate(let tunnel):
                if let encap = encapsulation(tunnel) { out.append(.vxlanEncap(encap)) }
            case .decapsulate:
                if !pattern.hasTunnel {
                    problem("action tunnel decap", "VXLAN_DECAP strips the outer headers the pattern matched, and this rule matches no tunnel")
                }
                out.append(.vxlanDecap)
            case .pushVLAN(let vid):
                if vid > RteFlowItemVLAN.vidMask { problem("action vlan push \(vid)", "a VLAN id has 12 bits (IEEE 802.1Q)") }
                out += [.ofPushVLAN(etherType: EtherType.vlan), .ofSetVLANVID(vid)]
            case .popVLAN:
                out.append(.ofPopVLAN)
            case .police(let rate, let burst):
                if let id = meterID() {
                    let wanted = RteFlowMeter(id: id, committedRateBytesPerSecond: rate / 8, committedBurstBytes: burst, policy: devices.meterPolicy)
                    if let existing = definedMeters[id], existing != wanted {
                        problem("action police", "meter \(id) already polices at \(existing.committedRateBytesPerSecond) B/s burst \(existing.committedBurstBytes) B; this rule needs \(wanted.committedRateBytesPerSecond) B/s burst \(wanted.committedBurstBytes) B")
                    } else {
                        meter = wanted
                        out.append(.meter(id))
                    }
                }
            case .conntrack(let zone, let commit, let snat):
                var subject = "action ct zone \(zone)"
                if commit { subject += " commit" }
                if let snat { subject += " nat src \(snat)" }
                problem(subject, RteFlowBackend.conntrackReason)
            case .conntrackRestoreNAT(let zone):
                problem("action ct zone \(zone) nat", RteFlowBackend.conntrackReason)
            }
        }
        return out
    }

    /// The ethdev the slow path reads the rule's ingress from.
    func slowPathPort() -> RteFlowPortID? {
        switch rule.ingress {
        case .uplink: return devices.uplinkPort
        case .port(let id): return devices.representors[id]
        }
    }

    private mutating func requireIPv4(_ pattern: TranslatedPattern, _ subject: String) {
        if pattern.family != .ipv4 {
            problem(subject, "SET_IPV4_SRC/DST need an IPV4 item in the pattern (rte_flow.h), and this rule matches no IPv4")
        }
    }

    private mutating func meterID() -> RteFlowMeterID? {
        guard let owner = rule.owner else {
            problem("action police", "the rule belongs to no port, and meters are assigned per port")
            return nil
        }
        guard let id = devices.meters[owner] else {
            problem("action police", "no meter id for port \(owner) in the device map (rte_mtr meters are created separately and referenced by id)")
            return nil
        }
        return id
    }

    private mutating func encapsulation(_ tunnel: TunnelEncapsulation) -> RteFlowVXLANEncap? {
        let subject = "action tunnel encap vni \(tunnel.vni) to \(tunnel.destination)"
        guard let addresses = RteFlowTunnelAddresses(source: tunnel.source, destination: tunnel.destination) else {
            problem(subject, "source \(tunnel.source) and destination are of different address families")
            return nil
        }
        guard let nextHop = devices.underlay.nextHops[tunnel.destination] else {
            problem(subject, "no underlay next-hop MAC for this VTEP in the device map (the outer Ethernet header needs one)")
            return nil
        }
        return RteFlowVXLANEncap(vni: tunnel.vni, ethSource: devices.underlay.uplinkMAC, ethDestination: nextHop, addresses: addresses,
                                 udpSource: 0, udpDestination: tunnel.destinationPort, tos: 0,
                                 ttl: tunnel.ttl ?? devices.underlay.encapsulationTTL)
    }
}
