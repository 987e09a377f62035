extension NetworkState {
    /// The same intent with every list in one canonical order, so that two states that mean the
    /// same thing are equal and diffs between states are stable.
    ///
    /// Order: nodes by name, networks/subnets/ports/routers/security groups/QoS policies by id,
    /// remote endpoints by (network, MAC), floating IPs by external IP, SNAT rules by (network,
    /// router); inside them fixed IPs by (subnet, IP), security group references by id, router
    /// interfaces by subnet, rules by every field. None of these orders carries meaning.
    public func canonicalized() -> NetworkState {
        var copy = self
        copy.nodes.sort { $0.name < $1.name }
        copy.networks.sort { $0.id < $1.id }
        copy.subnets.sort { $0.id < $1.id }
        copy.ports.sort { $0.id < $1.id }
        for i in copy.ports.indices {
            copy.ports[i].fixedIPs.sort { $0.subnet != $1.subnet ? $0.subnet < $1.subnet : IPAddress.intentOrder($0.ip, $1.ip) }
            copy.ports[i].securityGroups.sort()
        }
        copy.remoteEndpoints.sort { ($0.network, $0.mac) < ($1.network, $1.mac) }
        for i in copy.remoteEndpoints.indices { copy.remoteEndpoints[i].ips.sort(by: IPAddress.intentOrder) }
        copy.routers.sort { $0.id < $1.id }
        for i in copy.routers.indices { copy.routers[i].interfaces.sort { $0.subnet < $1.subnet } }
        copy.floatingIPs.sort { IPAddress.intentOrder($0.externalIP, $1.externalIP) }
        copy.snat.sort { $0.network != $1.network ? absentFirst($0.network, $1.network) : absentFirst($0.router, $1.router) }
        copy.securityGroups.sort { $0.id < $1.id }
        for i in copy.securityGroups.indices { copy.securityGroups[i].rules.sort() }
        copy.qosPolicies.sort { $0.id < $1.id }
        return copy
    }
}
