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
        copy.nodes.sortIfNeeded { $0.name < $1.name }
        copy.networks.sortIfNeeded { $0.id < $1.id }
        copy.subnets.sortIfNeeded { $0.id < $1.id }
        copy.ports.sortIfNeeded { $0.id < $1.id }
        let fixedIPOrder: (FixedIP, FixedIP) -> Bool = { $0.subnet != $1.subnet ? $0.subnet < $1.subnet : IPAddress.intentOrder($0.ip, $1.ip) }
        for i in copy.ports.indices where !copy.ports[i].fixedIPs.isSorted(by: fixedIPOrder) || !copy.ports[i].securityGroups.isSorted(by: <) {
            copy.ports[i].fixedIPs.sortIfNeeded(by: fixedIPOrder)
            copy.ports[i].securityGroups.sortIfNeeded(by: <)
        }
        copy.remoteEndpoints.sortIfNeeded { ($0.network, $0.mac) < ($1.network, $1.mac) }
        for i in copy.remoteEndpoints.indices where !copy.remoteEndpoints[i].ips.isSorted(by: IPAddress.intentOrder) {
            copy.remoteEndpoints[i].ips.sort(by: IPAddress.intentOrder)
        }
        copy.routers.sortIfNeeded { $0.id < $1.id }
        for i in copy.routers.indices where !copy.routers[i].interfaces.isSorted(by: { $0.subnet < $1.subnet }) {
            copy.routers[i].interfaces.sort { $0.subnet < $1.subnet }
        }
        copy.floatingIPs.sortIfNeeded { IPAddress.intentOrder($0.externalIP, $1.externalIP) }
        copy.snat.sortIfNeeded { $0.network != $1.network ? absentFirst($0.network, $1.network) : absentFirst($0.router, $1.router) }
        copy.securityGroups.sortIfNeeded { $0.id < $1.id }
        for i in copy.securityGroups.indices where !copy.securityGroups[i].rules.isSorted(by: <) {
            copy.securityGroups[i].rules.sort()
        }
        copy.qosPolicies.sortIfNeeded { $0.id < $1.id }
        return copy
    }
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
