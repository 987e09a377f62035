extension NetworkState {
    /// The same intent with every list in one canonical order, so that two states that mean the
    /// same thing are equal and diffs between states are stable.
    ///
    /// Order: nodes by name, networks/subnets/ports/routers/security groups/QoS policies by id,
    /// remote endpoints by (network, MAC), floating IPs by external IP, SNAT rules by (network,
    /// router); inside them fixed IPs by (subnet, IP), security group references by id, router
    /// interfaces by subnet, rules by every field. None of these orders carries meaning.
    ///
    /// Lists already in order are left as they are (not copied), so a state made by editing a
    /// canonical state shares the storage of every list it did not touch with it: comparing the
    /// two (as incremental compilation does) then costs nothing for those lists.
    public func canonicalized() -> NetworkState {
        var copy = self
        copy.nodes.sortIfNeeded(by: Self.nodeOrder)
        copy.networks.sortIfNeeded { $0.id < $1.id }
        copy.subnets.sortIfNeeded { $0.id < $1.id }
        copy.ports.sortIfNeeded(by: Self.portOrder)
        for i in copy.ports.indices where !copy.ports[i].isCanonical { copy.ports[i].canonicalize() }
        copy.remoteEndpoints.sortIfNeeded(by: Self.endpointOrder)
        for i in copy.remoteEndpoints.indices where !copy.remoteEndpoints[i].isCanonical { copy.remoteEndpoints[i].canonicalize() }
        copy.routers.sortIfNeeded { $0.id < $1.id }
        for i in copy.routers.indices where !copy.routers[i].interfaces.isSorted(by: { $0.subnet < $1.subnet }) {
            copy.routers[i].interfaces.sort { $0.subnet < $1.subnet }
        }
        copy.floatingIPs.sortIfNeeded(by: Self.floatingIPOrder)
        copy.snat.sortIfNeeded { $0.network != $1.network ? absentFirst($0.network, $1.network) : absentFirst($0.router, $1.router) }
        copy.securityGroups.sortIfNeeded(by: Self.securityGroupOrder)
        for i in copy.securityGroups.indices where !copy.securityGroups[i].isCanonical { copy.securityGroups[i].canonicalize() }
        copy.qosPolicies.sortIfNeeded { $0.id < $1.id }
        return copy
    }

    // The canonical orders of the sections an edit changes (see `ValidatedNetworkState.apply`).
    static func nodeOrder(_ a: RemoteNode, _ b: RemoteNode) -> Bool { a.name < b.name }
    static func portOrder(_ a: Port, _ b: Port) -> Bool { a.id < b.id }
    static func endpointOrder(_ a: RemoteEndpoint, _ b: RemoteEndpoint) -> Bool { (a.network, a.mac) < (b.network, b.mac) }
    static func floatingIPOrder(_ a: FloatingIP, _ b: FloatingIP) -> Bool { IPAddress.intentOrder(a.externalIP, b.externalIP) }
    static func securityGroupOrder(_ a: SecurityGroup, _ b: SecurityGroup) -> Bool { a.id < b.id }
}

extension Port {
    static func fixedIPOrder(_ a: FixedIP, _ b: FixedIP) -> Bool { a.subnet != b.subnet ? a.subnet < b.subnet : IPAddress.intentOrder(a.ip, b.ip) }
    var isCanonical: Bool { fixedIPs.isSorted(by: Self.fixedIPOrder) && securityGroups.isSorted(by: <) }
    /// Fixed IPs by (subnet, IP), security groups by id.
    mutating func canonicalize() {
        fixedIPs.sortIfNeeded(by: Self.fixedIPOrder)
        securityGroups.sortIfNeeded(by: <)
    }
}

extension RemoteEndpoint {
    var isCanonical: Bool { ips.isSorted(by: IPAddress.intentOrder) }
    mutating func canonicalize() { ips.sortIfNeeded(by: IPAddress.intentOrder) }
}

extension SecurityGroup {
    var isCanonical: Bool { rules.isSorted(by: <) }
    mutating func canonicalize() { rules.sortIfNeeded(by: <) }
}

extension Array {
    /// True when no element is ordered before its predecessor.
    func isSorted(by areInIncreasingOrder: (Element, Element) -> Bool) -> Bool {
        var i = startIndex
        while i + 1 < endIndex {
            if areInIncreasingOrder(self[i + 1], self[i]) { return false }
            i += 1
        }
        return true
    }

    /// Sorts only when out of order: sorting copies a shared array, checking does not.
    mutating func sortIfNeeded(by areInIncreasingOrder: (Element, Element) -> Bool) {
        if !isSorted(by: areInIncreasingOrder) { sort(by: areInIncreasingOrder) }
    }
}
