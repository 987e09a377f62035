import EswitchModel
import RteFlow
import RteFlowBackend
import TCBackend

/// Device numbers for offline output (`compile --format netlink|testpmd`), where no host was
/// probed: the numbering an emulated host uses, so the output is stable and replayable. The
/// daemon fills the same maps from the real host instead.
/// - TC: uplink ifindex 2, VXLAN device 3, representors 10, 11, ... in port-id order.
/// - rte_flow: uplink port 0, representors 1, 2, ...; meter n for the n-th policed port.
/// - Next-hop MACs (unknown offline) are derived from the address: 02:00 + its last 4 bytes.
enum OfflineDevices {
    /// Local ports that have a VF (or a VF-backed vDPA device), in id order.
    static func hardwarePorts(_ state: ValidatedNetworkState) -> [Port] {
        state.localPorts.filter { $0.binding == .vf || $0.binding == .vdpa }.sorted { $0.id < $1.id }
    }

    static func placeholderMAC(for address: IPAddress) -> MACAddress {
        let bytes = address.bytes.suffix(4)
        return MACAddress(bytes: [0x02, 0x00] + bytes)!
    }

    static func tc(_ state: ValidatedNetworkState) -> TCDeviceMap {
        var ports: [PortID: IfIndex] = [:]
        for (index, port) in hardwarePorts(state).enumerated() { ports[port.id] = IfIndex(UInt32(10 + index)) }
        return TCDeviceMap(ports: ports, uplink: IfIndex(2), tunnel: IfIndex(3),
                           externalNextHop: placeholderMAC(for: state.node.vtep), uplinkMAC: nil)
    }

    static func rteFlow(_ state: ValidatedNetworkState) -> RteFlowDeviceMap {
        var representors: [PortID: RteFlowPortID] = [:]
        var meters: [PortID: RteFlowMeterID] = [:]
        for (index, port) in hardwarePorts(state).enumerated() {
            representors[port.id] = RteFlowPortID(UInt16(1 + index))
            if port.qosPolicy != nil { meters[port.id] = RteFlowMeterID(UInt32(meters.count + 1)) }
        }
        var nextHops: [IPAddress: MACAddress] = [:]
        for node in state.state.nodes { nextHops[node.vtep] = placeholderMAC(for: node.vtep) }
        for endpoint in state.state.remoteEndpoints { nextHops[endpoint.vtep] = placeholderMAC(for: endpoint.vtep) }
        return RteFlowDeviceMap(uplinkPort: RteFlowPortID(0), representors: representors, meters: meters,
                                underlay: RteFlowUnderlay(localVTEP: state.node.vtep, uplinkMAC: placeholderMAC(for: state.node.vtep), nextHops: nextHops))
    }
}

extension Array {
    /// The elements for which `belongs` is true, and the others, each in order.
    func partitioned(_ belongs: (Element) -> Bool) -> ([Element], [Element]) {
        var yes: [Element] = [], no: [Element] = []
        for element in self { if belongs(element) { yes.append(element) } else { no.append(element) } }
        return (yes, no)
    }
}
