import EswitchModel
import Packet

extension DatapathEngine {
    /// Runs the actions of rule `slot` on the working frame.
    mutating func execute(_ slot: Int, _ packet: inout PacketState, now: DatapathInstant) -> PipelineStep {
        let start = actionStart[slot]
        for index in start..<(start + actionCount[slot]) {
            let action = actionPool[index]
            switch action {
            case .outputPort(let handle):
                emit(.port(handle), input: packet.input)
                return .done
            case .outputTunnel:
                outputTunnel(&packet)
                return .done
            case .outputExternal:
                outputExternal(&packet)
                return .done
            case .continuePast:
                return .continuePast
            case .trap(let reason):
                return trap(reason, &packet, now: now)
            case .drop:
                drop(.dropAction)
                return .done
            case .gotoChain(let chain):
                return .goto(chain)
            case .setEthSource(let mac):
                _ = FrameEditor.setSourceMAC(&work, mac, key: packet.flow)
                packet.flow.srcMAC = mac
                packet.keyDirty = true
            case .setEthDestination(let mac):
                _ = FrameEditor.setDestinationMAC(&work, mac, key: packet.flow)
                packet.flow.dstMAC = mac
                packet.keyDirty = true
            case .decrementTTL, .decrementHopLimit:
                let family = action == .decrementTTL ? packet.flow.isIPv4 : packet.flow.isIPv6
                guard family else {
                    drop(.badEdit)
                    return .done
                }
                // TTL 1 (or 0) must not be forwarded.
                guard FrameEditor.decrementTTL(&work, key: packet.flow) else {
                    drop(.ttlExpired)
                    return .done
                }
                packet.flow.ipTTL &-= 1
            case .setIPv4Source(let address), .setIPv4Destination(let address):
                let source = action == .setIPv4Source(address)
                guard FrameEditor.setIPv4Address(&work, source: source, address, key: packet.flow) else {
                    drop(.badEdit)
                    return .done
                }
                if source { packet.flow.srcIPv4 = address } else { packet.flow.dstIPv4 = address }
                packet.keyDirty = true
            case .encapsulate(let tunnel):
                packet.tunnel = tunnel
            case .decapsulate:
                let vni = packet.flow.encKeyID, vtep = packet.flow.encSrcIPv4
                guard VXLANEncapsulation.decapsulate(inPlace: &work, key: &packet.flow) else {
                    drop(.badEdit)
                    return .done
                }
                packet.decapsulatedFrom = (vni, vtep)
                packet.keyDirty = true
            case .pushVLAN(let id):
                _ = FrameEditor.pushVLAN(&work, id: id, key: &packet.flow)
                packet.keyDirty = true
            case .popVLAN:
                guard FrameEditor.popVLAN(&work, key: &packet.flow) else {
                    drop(.badEdit)
                    return .done
                }
                packet.keyDirty = true
            case .police(let bucket):
                guard policers[bucket].take(Double(work.count), now: now) else {
                    drop(.policed)
                    return .done
                }
            case .conntrack(let zone, let commit, let snat):
                guard track(&packet, zone: zone, commit: commit, snat: snat, now: now) else { return .done }
            case .unsupported:
                drop(.unsupportedAction)
                return .done
            }
        }
        // The actions ran out without sending or dropping the frame.
        drop(.noVerdict)
        return .done
    }

    /// VXLAN-encapsulates the working frame as the rule's `encapsulate` asked, towards the next
    /// hop of the remote VTEP, and sends it.
    mutating func outputTunnel(_ packet: inout PacketState) {
        guard let tunnel = packet.tunnel else { return drop(.badEdit) }
        guard let nextHop = tunnels.nextHops[tunnel.destination] else {
            unresolvedNextHops.insert(tunnel.destination)
            return drop(.unresolvedNextHop)
        }
        let encapsulation = VXLANEncapsulation(sourceMAC: tunnels.underlayMAC.integer, destinationMAC: nextHop.integer,
                                               sourceIP: tunnel.source.rawValue, destinationIP: tunnel.destination.rawValue, vni: tunnel.vni,
                                               destinationPort: tunnel.port, ttl: tunnel.ttl ?? configuration.tunnelTTL,
                                               sourcePortRange: configuration.vxlanSourcePorts)
        encapsulation.encapsulate(inPlace: &work, innerKey: packet.flow)
        emit(.tunnel(remote: tunnel.destination), input: packet.input)
    }

    /// Sends the working frame out of the cloud: to the external next hop, from the underlay MAC
    /// (as the TC backend rewrites the MACs before its redirect to the uplink).
    mutating func outputExternal(_ packet: inout PacketState) {
        guard let nextHop = tunnels.externalNextHop else { return drop(.noExternalNextHop) }
        _ = FrameEditor.setDestinationMAC(&work, nextHop.integer, key: packet.flow)
        _ = FrameEditor.setSourceMAC(&work, tunnels.underlayMAC.integer, key: packet.flow)
        emit(.external, input: packet.input)
    }

    /// Passes the frame through connection tracking and applies the connection's translation.
    /// - Returns: false when the frame was dropped.
    mutating func track(_ packet: inout PacketState, zone: UInt16, commit: Bool, snat: IPv4Address?, now: DatapathInstant) -> Bool {
        var origin: ConnectionOrigin?
        if commit {
            let source = MACAddress(integer: packet.flow.srcMAC), gateway = MACAddress(integer: packet.flow.dstMAC)
            if let from = packet.decapsulatedFrom {
                origin = .tunnel(vni: VNI(rawValue: from.vni), vtep: IPv4Address(rawValue: from.vtep), source: source, gateway: gateway)
            } else if case .port(let handle) = packet.ingress {
                origin = .port(handle, source: source, gateway: gateway)
            }
        }
        let verdict = conntrack.track(packet.flow, zone: zone, commit: commit, nat: snat.map { .source($0) }, origin: origin, now: now)
        if verdict.refused, snat != nil {
            // A new connection that needed a translation and could not be committed must not
            // leave untranslated.
            drop(.conntrackRefused)
            return false
        }
        packet.connection = verdict.state.rawValue
        packet.origin = verdict.origin
        if let target = verdict.rewrite { rewrite(&packet, to: target) }
        return true
    }

    /// Rewrites the frame's addresses and ports to `target` (its connection's translation).
    private mutating func rewrite(_ packet: inout PacketState, to target: ConnectionTuple) {
        guard packet.flow.isIPv4, !target.isIPv6 else { return }
        let source = UInt32(truncatingIfNeeded: target.sourceLow), destination = UInt32(truncatingIfNeeded: target.destinationLow)
        if source != packet.flow.srcIPv4 {
            _ = FrameEditor.setIPv4Address(&work, source: true, source, key: packet.flow)
            packet.flow.srcIPv4 = source
        }
        if destination != packet.flow.dstIPv4 {
            _ = FrameEditor.setIPv4Address(&work, source: false, destination, key: packet.flow)
            packet.flow.dstIPv4 = destination
        }
        if target.isICMP {
            if target.sourcePort != packet.flow.icmpIdentifier, FrameEditor.setICMPIdentifier(&work, target.sourcePort, key: packet.flow) {
                packet.flow.icmpIdentifier = target.sourcePort
            }
        } else {
            if target.sourcePort != packet.flow.srcPort, FrameEditor.setTransportPort(&work, source: true, target.sourcePort, key: packet.flow) {
                packet.flow.srcPort = target.sourcePort
            }
            if target.destinationPort != packet.flow.dstPort, FrameEditor.setTransportPort(&work, source: false, target.destinationPort, key: packet.flow) {
                packet.flow.dstPort = target.destinationPort
            }
        }
        packet.keyDirty = true
        counters.translations &+= 1
    }
}
