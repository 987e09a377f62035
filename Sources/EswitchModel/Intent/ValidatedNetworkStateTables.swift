/// The look-ups of a `ValidatedNetworkState`, keyed the ways the compiler and edit checks ask.
///
/// Sections only a full validation changes (networks, subnets, routers, SNAT, QoS) are indexed by
/// position in the canonical state. Sections an edit changes are indexed by identity and hold the
/// entries themselves (or their ids), so that an edit updates its own entries in O(1) or, for the
/// per-network and per-node lists, in the length of that list.
struct ValidatedNetworkStateTables: Sendable {
    var network: [NetworkID: Int] = [:]
    var networkOfVNI: [VNI: Int] = [:]
    var subnet: [SubnetID: Int] = [:]
    var subnetsOfNetwork: [NetworkID: [Int]] = [:]
    var router: [RouterID: Int] = [:]
    var routerOfSubnet: [SubnetID: Int] = [:]
    var snatOfNetwork: [NetworkID: Int] = [:]
    /// External addresses of SNAT rules (floating IPs may not use them).
    var snatExternalIPs: Set<IPAddress> = []
    var qosPolicy: [QoSPolicyID: Int] = [:]

    var remoteNode: [NodeName: RemoteNode] = [:]
    var port: [PortID: Port] = [:]
    /// The ports of each network, by id (the compiler reads them for every pipeline).
    var portsOfNetwork: [NetworkID: [Port]] = [:]
    /// Port ids of each node, sorted.
    var portsOfNode: [NodeName: [PortID]] = [:]
    var portOfMAC: [ScopedMAC: PortID] = [:]
    /// The port that owns each fixed IP of a network.
    var portOfIP: [ScopedIP: PortID] = [:]
    /// Remote endpoints of each network, in canonical order (by MAC).
    var endpointsOfNetwork: [NetworkID: [RemoteEndpoint]] = [:]
    /// Floating IPs of each port, in canonical order (by external IP).
    var floatingIPsOfPort: [PortID: [FloatingIP]] = [:]
    var securityGroup: [SecurityGroupID: SecurityGroup] = [:]
    /// Port ids that list each security group, sorted.
    var portsOfGroup: [SecurityGroupID: [PortID]] = [:]
    /// Network and MAC of every remote endpoint that announces a port the intent lists (a control
    /// plane echoing a port of another node): such pairs tie the port's node and VTEP to the
    /// endpoint, so edits near them are checked in full.
    var shadowedMACs: Set<ScopedMAC> = []

    /// Builds the tables; the state is valid and canonical, so ids are unique and references resolve.
    init(_ state: NetworkState) {
        for (i, network) in state.networks.enumerated() {
            self.network[network.id] = i
            networkOfVNI[network.vni] = i
        }
        for (i, subnet) in state.subnets.enumerated() {
            self.subnet[subnet.id] = i
            subnetsOfNetwork[subnet.network, default: []].append(i)
        }
        for (r, router) in state.routers.enumerated() {
            self.router[router.id] = r
            for interface in router.interfaces { routerOfSubnet[interface.subnet] = r }
        }
        for (i, rule) in state.snat.enumerated() {
            snatExternalIPs.insert(rule.externalIP)
            if let network = rule.network { snatOfNetwork[network] = i }
            if let routerID = rule.router, let r = router[routerID] {
                for interface in state.routers[r].interfaces {
                    if let s = subnet[interface.subnet] { snatOfNetwork[state.subnets[s].network] = i }
                }
            }
        }
        for (i, policy) in state.qosPolicies.enumerated() { qosPolicy[policy.id] = i }

        for node in state.nodes { remoteNode[node.name] = node }
        port.reserveCapacity(state.ports.count)
        portOfMAC.reserveCapacity(state.ports.count)
        portOfIP.reserveCapacity(state.ports.count * 2)
        // Canonical order is by id: appending keeps every list sorted.
        for port in state.ports {
            self.port[port.id] = port
            portsOfNetwork[port.network, default: []].append(port)
            portsOfNode[port.node, default: []].append(port.id)
            portOfMAC[ScopedMAC(network: port.network, mac: port.mac)] = port.id
            for fixed in port.fixedIPs { portOfIP[ScopedIP(network: port.network, ip: fixed.ip)] = port.id }
            for group in port.securityGroups { portsOfGroup[group, default: []].append(port.id) }
        }
        for endpoint in state.remoteEndpoints {
            endpointsOfNetwork[endpoint.network, default: []].append(endpoint)
            let key = ScopedMAC(network: endpoint.network, mac: endpoint.mac)
            if portOfMAC[key] != nil { shadowedMACs.insert(key) }
        }
        for floating in state.floatingIPs { floatingIPsOfPort[floating.port, default: []].append(floating) }
        for group in state.securityGroups { securityGroup[group.id] = group }
    }
}

extension ValidatedNetworkStateTables {
    mutating func remove(_ port: Port) {
        self.port[port.id] = nil
        if var list = portsOfNetwork.removeValue(forKey: port.network) {
            let i = list.lowerBound { $0.id < port.id }
            if i < list.count && list[i].id == port.id { list.remove(at: i) }
            if !list.isEmpty { portsOfNetwork[port.network] = list }
        }
        portsOfNode[port.node]?.removeSorted(port.id)
        for group in port.securityGroups { portsOfGroup[group]?.removeSorted(port.id) }
        let mac = ScopedMAC(network: port.network, mac: port.mac)
        if portOfMAC[mac] == port.id { portOfMAC[mac] = nil }
        for fixed in port.fixedIPs {
            let key = ScopedIP(network: port.network, ip: fixed.ip)
            if portOfIP[key] == port.id { portOfIP[key] = nil }
        }
        refreshShadow(mac)
    }

    mutating func insert(_ port: Port) {
        self.port[port.id] = port
        var list = portsOfNetwork.removeValue(forKey: port.network) ?? []
        list.insert(port, at: list.lowerBound { $0.id < port.id })
        portsOfNetwork[port.network] = list
        portsOfNode[port.node, default: []].insertSorted(port.id)
        for group in port.securityGroups { portsOfGroup[group, default: []].insertSorted(port.id) }
        let mac = ScopedMAC(network: port.network, mac: port.mac)
        portOfMAC[mac] = port.id
        for fixed in port.fixedIPs { portOfIP[ScopedIP(network: port.network, ip: fixed.ip)] = port.id }
        refreshShadow(mac)
    }

    /// Replaces (or inserts, or removes) the endpoint with this network and MAC.
    mutating func setEndpoint(_ endpoint: RemoteEndpoint?, network: NetworkID, mac: MACAddress) {
        var list = endpointsOfNetwork.removeValue(forKey: network) ?? []
        let i = list.firstIndex { !($0.mac < mac) } ?? list.count
        if i < list.count && list[i].mac == mac {
            if let endpoint { list[i] = endpoint } else { list.remove(at: i) }
        } else if let endpoint {
            list.insert(endpoint, at: i)
        }
        if !list.isEmpty { endpointsOfNetwork[network] = list }
        refreshShadow(ScopedMAC(network: network, mac: mac))
    }

    /// Replaces (or inserts, or removes) a port's floating IP with this external address.
    mutating func setFloatingIP(_ floating: FloatingIP?, port: PortID, externalIP: IPAddress) {
        var list = floatingIPsOfPort.removeValue(forKey: port) ?? []
        let i = list.firstIndex { !IPAddress.intentOrder($0.externalIP, externalIP) } ?? list.count
        if i < list.count && list[i].externalIP == externalIP {
            if let floating { list[i] = floating } else { list.remove(at: i) }
        } else if let floating {
            list.insert(floating, at: i)
        }
        if !list.isEmpty { floatingIPsOfPort[port] = list }
    }

    /// Whether an endpoint announces the port with this network and MAC.
    private mutating func refreshShadow(_ key: ScopedMAC) {
        let shadowed = portOfMAC[key] != nil && (endpointsOfNetwork[key.network] ?? []).contains { $0.mac == key.mac }
        if shadowed { shadowedMACs.insert(key) } else { shadowedMACs.remove(key) }
    }
}

extension Array where Element == PortID {
    /// Inserts an id into a sorted list, keeping it sorted.
    mutating func insertSorted(_ id: PortID) {
        insert(id, at: lowerBound { $0 < id })
    }

    /// Removes an id from a sorted list.
    mutating func removeSorted(_ id: PortID) {
        let i = lowerBound { $0 < id }
        if i < count && self[i] == id { remove(at: i) }
    }
}

extension Array {
    /// The first index whose element is not `before` the searched value (binary search over a list
    /// sorted so that `before` holds for a prefix).
    func lowerBound(_ before: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if before(self[mid]) { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
