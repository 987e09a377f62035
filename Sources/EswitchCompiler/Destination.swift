import EswitchModel

/// A MAC/IP reachable on a network, and where it lives: a port on this node, or behind a VTEP.
struct Destination: Hashable, Sendable {
    enum Location: Hashable, Sendable {
        case local(PortID)
        case remote(vtep: IPAddress)
    }

    let network: NetworkID
    let mac: MACAddress
    let ips: [IPAddress]
    let location: Location
}

extension ValidatedNetworkState {
    /// Every destination on `network`: local ports (bound to a VF or vDPA device, or software),
    /// ports of other nodes (at their node's VTEP) and remote endpoints, sorted by MAC.
    func destinations(on network: NetworkID) -> [Destination] {
        var out: [Destination] = []
        for port in ports(of: network) {
            let ips = port.fixedIPs.map(\.ip)
            if port.node == node.name {
                out.append(Destination(network: network, mac: port.mac, ips: ips, location: .local(port.id)))
            } else if let vtep = vtep(of: port.node) {
                out.append(Destination(network: network, mac: port.mac, ips: ips, location: .remote(vtep: vtep)))
            }
        }
        for endpoint in remoteEndpoints(of: network) where !out.contains(where: { $0.mac == endpoint.mac }) {
            out.append(Destination(network: network, mac: endpoint.mac, ips: endpoint.ips, location: .remote(vtep: endpoint.vtep)))
        }
        return out.sorted { $0.mac < $1.mac }
    }
}
