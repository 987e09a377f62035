import EswitchModel

/// A MAC/IP reachable on a network, and where it lives: a port on this node, or behind a VTEP.
struct Destination: Sendable {
    enum Location: Hashable, Sendable {
        case local(PortID)
        case remote(vtep: IPAddress)
    }

    let network: NetworkID
    let mac: MACAddress
    let ips: [IPAddress]
    let location: Location
    /// What an L2 rule to it does: go to the delivery filter (local), or encapsulate with the
    /// network's VNI to its VTEP (remote); shared by every port of the network. Nil when remote
    /// and the network has no VNI.
    let l2Actions: [FlowAction]?
}

extension ValidatedNetworkState {
    /// Every destination on `network`: local ports (bound to a VF or vDPA device, or software),
    /// ports of other nodes (at their node's VTEP) and remote endpoints, sorted by MAC.
    func destinations(on network: NetworkID) -> [Destination] {
        let vni = self.network(network)?.vni
        func remote(_ vtep: IPAddress) -> [FlowAction]? {
            vni.map { [.encapsulate(TunnelEncapsulation(vni: $0, source: node.vtep, destination: vtep)), .output(.tunnel)] }
        }
        var tunnels: [IPAddress: [FlowAction]?] = [:]
        func l2Actions(_ vtep: IPAddress) -> [FlowAction]? {
            if let known = tunnels[vtep] { return known }
            let actions = remote(vtep)
            tunnels[vtep] = actions
            return actions
        }
        var out: [Destination] = []
        var macs: Set<MACAddress> = []
        for port in ports(of: network) {
            let ips = port.fixedIPs.map(\.ip)
            if port.node == node.name {
                out.append(Destination(network: network, mac: port.mac, ips: ips, location: .local(port.id), l2Actions: SharedActions.toDelivery))
            } else if let vtep = vtep(of: port.node) {
                out.append(Destination(network: network, mac: port.mac, ips: ips, location: .remote(vtep: vtep), l2Actions: l2Actions(vtep)))
            } else {
                continue
            }
            macs.insert(port.mac)
        }
        for endpoint in remoteEndpoints(of: network) where !macs.contains(endpoint.mac) {
            out.append(Destination(network: network, mac: endpoint.mac, ips: endpoint.ips, location: .remote(vtep: endpoint.vtep), l2Actions: l2Actions(endpoint.vtep)))
        }
        return out.sorted { $0.mac < $1.mac }
    }
}
