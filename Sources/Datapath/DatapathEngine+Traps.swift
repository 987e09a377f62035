import EswitchModel
import Packet

extension DatapathEngine {
    /// What the slow path does with a trapped frame: answer it, flood it, route it after NAT, or
    /// (when it has nothing to add) carry on with the next rule of the chain.
    mutating func trap(_ reason: TrapReason, _ packet: inout PacketState, now: DatapathInstant) -> PipelineStep {
        switch reason {
        case .arp: return answerARP(&packet) ? .done : .continuePast
        case .neighbourDiscovery: return answerNeighbourSolicitation(&packet) ? .done : .continuePast
        case .flood:
            flood(&packet)
            return .done
        case .routeAfterNAT:
            return routeAfterNAT(&packet)
        }
    }

    /// An ARP request from a local port for an address its network knows: the reply, sent back
    /// to the port. Requests for unknown addresses, the sender's own address (duplicate address
    /// detection) and ARP replies are not answered.
    private mutating func answerARP(_ packet: inout PacketState) -> Bool {
        let flow = packet.flow
        guard case .port(let handle) = packet.ingress, flow.networkType == 0x0806, flow.arpOp == 1, flow.arpSIP != flow.arpTIP,
              let n = directory.network(ofPort: handle), let owner = directory.networks[n].ipv4[flow.arpTIP], owner.integer != flow.srcMAC,
              FrameEditor.makeARPReply(&work, key: flow, ownerMAC: owner.integer) else { return false }
        counters.arpReplies &+= 1
        deliverToPort(handle, tagged: flow.vlanCount > 0, input: packet.input)
        return true
    }

    /// A neighbour solicitation from a local port for an address its network knows: the
    /// advertisement, sent back to the port (with the router flag for gateway addresses).
    private mutating func answerNeighbourSolicitation(_ packet: inout PacketState) -> Bool {
        let flow = packet.flow
        guard case .port(let handle) = packet.ingress, flow.isIPv6, flow.ipProto == 58, flow.icmpType == NeighbourDiscovery.solicitationType,
              let n = directory.network(ofPort: handle) else { return false }
        let target = IPv6Address(high: flow.ndTargetHigh, low: flow.ndTargetLow)
        guard let owner = directory.networks[n].ipv6[target], owner.integer != flow.srcMAC,
              NeighbourDiscovery.makeAdvertisement(&work, solicitation: flow, ownerMAC: owner.integer,
                                                   router: directory.networks[n].gatewayIPv6.contains(target)) else { return false }
        counters.neighbourAdvertisements &+= 1
        deliverToPort(handle, tagged: false, input: packet.input)
        return true
    }

    /// Sends the working frame (a frame the slow path made or copied) to a local port, tagged
    /// with the port's VLAN when it has one and the frame is not tagged yet.
    private mutating func deliverToPort(_ handle: PortHandle, tagged: Bool, input: Int) {
        if !tagged, let vlan = directory.vlan(ofPort: handle), var key = work.withUnsafeBytes({ FlowKey.parse($0, vxlanPort: nil) }) {
            _ = FrameEditor.pushVLAN(&work, id: vlan, key: &key)
        }
        emit(.port(handle), input: input)
    }

    /// Floods the frame in its network: a copy to every other local port of the network, and
    /// one VXLAN copy to every remote VTEP hosting it (when it came from a local port; what came
    /// from the underlay is not sent back there).
    private mutating func flood(_ packet: inout PacketState) {
        let network: Int?
        var except: PortHandle?
        switch packet.ingress {
        case .port(let handle):
            network = directory.network(ofPort: handle)
            except = handle
        case .uplink:
            network = packet.decapsulatedFrom.flatMap { directory.network(vni: $0.vni) }
        }
        guard let n = network else { return drop(.noRule) }
        flood(in: n, except: except, toTunnels: packet.ingress != .uplink, packet: packet)
    }

    mutating func flood(in n: Int, except: PortHandle?, toTunnels: Bool, packet: PacketState) {
        counters.floods &+= 1
        original.removeAll(keepingCapacity: true)
        original.append(contentsOf: work)
        let tagged = packet.flow.vlanCount > 0
        for handle in directory.networks[n].localPorts where handle != except {
            work.removeAll(keepingCapacity: true)
            work.append(contentsOf: original)
            deliverToPort(handle, tagged: tagged, input: packet.input)
        }
        if toTunnels, let vni = directory.networks[n].vni, let local = directory.localVTEP {
            for vtep in directory.networks[n].remoteVTEPs {
                work.removeAll(keepingCapacity: true)
                work.append(contentsOf: original)
                var copy = packet
                copy.tunnel = DatapathTunnel(vni: vni.rawValue, source: local, destination: vtep, port: FlowKey.vxlanPort, ttl: nil)
                outputTunnel(&copy)
            }
        }
        work.removeAll(keepingCapacity: true)
        work.append(contentsOf: original)
    }

    /// No rule of the chain took the frame. A broadcast or multicast frame from another node's
    /// VTEP floods to the local ports of its network; anything else is dropped.
    mutating func miss(_ packet: inout PacketState, now: DatapathInstant) {
        let flow = packet.flow
        guard packet.ingress == .uplink, flow.hasTunnel, flow.dstMAC & 0x0100_0000_0000 != 0, let n = directory.network(vni: flow.encKeyID) else {
            return drop(.noRule)
        }
        var decapsulated = packet
        guard VXLANEncapsulation.decapsulate(inPlace: &work, key: &decapsulated.flow) else { return drop(.noRule) }
        flood(in: n, except: nil, toTunnels: false, packet: decapsulated)
    }

    /// Replies whose translation conntrack undid: back to where the connection came from, as
    /// the router would (gateway MAC as source, TTL - 1): through the delivery filter of a local
    /// port, or VXLAN to the node it came from.
    private mutating func routeAfterNAT(_ packet: inout PacketState) -> PipelineStep {
        guard let origin = packet.origin, packet.flow.isIPv4 else {
            drop(.noRoute)
            return .done
        }
        let vm: MACAddress, gateway: MACAddress
        switch origin {
        case .port(_, let source, let via), .tunnel(_, _, let source, let via):
            vm = source
            gateway = via
        }
        _ = FrameEditor.setSourceMAC(&work, gateway.integer, key: packet.flow)
        _ = FrameEditor.setDestinationMAC(&work, vm.integer, key: packet.flow)
        packet.flow.srcMAC = gateway.integer
        packet.flow.dstMAC = vm.integer
        packet.keyDirty = true
        guard FrameEditor.decrementTTL(&work, key: packet.flow) else {
            drop(.ttlExpired)
            return .done
        }
        packet.flow.ipTTL &-= 1
        switch origin {
        case .port:
            // The delivery filter of the port, on the ingress the reply arrived on.
            return .goto(UInt16(RuleKind.ingressAllow.chain))
        case .tunnel(let vni, let vtep, _, _):
            guard let local = directory.localVTEP else {
                drop(.unsupportedAction)
                return .done
            }
            packet.tunnel = DatapathTunnel(vni: vni.rawValue, source: local, destination: vtep, port: FlowKey.vxlanPort, ttl: nil)
            outputTunnel(&packet)
            return .done
        }
    }
}
