/// Decides from a valid state's tables whether an edit keeps the intent valid, looking only at
/// the edited entries and what shares an identity, a MAC or an address with them: the checks of
/// `IntentValidator` that can involve an edited entry, as look-ups instead of a walk over the
/// intent.
///
/// It answers for edits of one entry (a node, a port, a remote endpoint, a floating IP or a
/// security group; a removed port with the removal of its floating IPs): true when the edited
/// intent is valid. False means "not shown valid": something is wrong, or the edit is of a kind
/// it does not decide (several entries at once, or an entry tied to a remote endpoint that
/// announces a listed port, whose consistency spans the port's node and VTEP); the caller then
/// validates the edited document in full. The state being valid, only the edited entries can be
/// at fault, so no other check is needed.
struct IntentEditCheck {
    let state: ValidatedNetworkState
    private var tables: ValidatedNetworkStateTables { state.tables }
    private var local: LocalNode { state.state.node }

    init(_ state: ValidatedNetworkState) { self.state = state }

    func isValid(_ edit: IntentEdit) -> Bool {
        let touched = [!edit.nodes.isEmpty, !edit.ports.isEmpty, !edit.remoteEndpoints.isEmpty, !edit.securityGroups.isEmpty].filter { $0 }.count
        if touched == 0 {
            // Floating IPs alone: one set, or removals.
            if edit.floatingIPs.allSatisfy({ $0.new == nil }) { return true }
            guard edit.floatingIPs.count == 1, let change = edit.floatingIPs.first else { return false }
            return isValid(floatingIP: change)
        }
        guard touched == 1 else { return false }
        if let change = edit.nodes.first { return edit.nodes.count == 1 && edit.floatingIPs.isEmpty && isValid(node: change) }
        if let change = edit.remoteEndpoints.first { return edit.remoteEndpoints.count == 1 && edit.floatingIPs.isEmpty && isValid(endpoint: change) }
        if let change = edit.securityGroups.first { return edit.securityGroups.count == 1 && edit.floatingIPs.isEmpty && isValid(group: change) }
        guard edit.ports.count == 1, let change = edit.ports.first else { return false }
        return isValid(port: change, floatingIPs: edit.floatingIPs)
    }

    // MARK: Nodes

    private func isValid(node change: IntentEdit.Change<RemoteNode>) -> Bool {
        guard isCurrent(change.old, tables.remoteNode[(change.new ?? change.old)!.name]) else { return false }
        // Remote endpoints that announce a listed port must use the VTEP of its node.
        guard tables.shadowedMACs.isEmpty else { return false }
        guard let node = change.new else {
            // Removing a node others still name is caught by the full check.
            return tables.portsOfNode[change.old!.name, default: []].isEmpty && !state.state.snat.contains { $0.gatewayNode == change.old!.name }
        }
        guard node.name.problem == nil, node.name != local.name, node.vtep.nonUnicastKind == nil,
              node.vtep != local.vtep, node.vtep.family == local.vtep.family else { return false }
        return !tables.remoteNode.values.contains { $0.name != node.name && $0.vtep == node.vtep }
    }

    // MARK: Ports

    private func isValid(port change: IntentEdit.Change<Port>, floatingIPs: [IntentEdit.Change<FloatingIP>]) -> Bool {
        let id = (change.new ?? change.old)!.id
        let current = tables.port[id]
        guard isCurrent(change.old, current) else { return false }
        if let current, tables.shadowedMACs.contains(ScopedMAC(network: current.network, mac: current.mac)) { return false }
        // Floating IPs may only be removed with the port, and then all of them.
        let mapped = tables.floatingIPsOfPort[id] ?? []
        guard let port = change.new else {
            return floatingIPs.count == mapped.count && floatingIPs.allSatisfy { f in f.new == nil && f.old.map { mapped.contains($0) } == true }
        }
        guard floatingIPs.isEmpty else { return false }
        guard port.id.problem == nil, port.vm.problem == nil,
              let networkIndex = tables.network[port.network],
              port.node == local.name || tables.remoteNode[port.node] != nil,
              !port.mac.isZero, !port.mac.isMulticast,
              port.node != local.name || port.binding != nil,
              port.vlan?.isValid ?? true else { return false }
        let network = state.state.networks[networkIndex].id
        let subnets = state.subnets(of: network)
        let endpoints = tables.endpointsOfNetwork[network] ?? []
        // The MAC: no other port, no gateway, no remote endpoint (one announcing this port is
        // checked in full).
        if let owner = tables.portOfMAC[ScopedMAC(network: network, mac: port.mac)], owner != id { return false }
        if subnets.contains(where: { $0.gatewayMAC == port.mac }) || endpoints.contains(where: { $0.mac == port.mac }) { return false }
        var own: Set<IPAddress> = []
        for fixed in port.fixedIPs {
            guard let s = tables.subnet[fixed.subnet] else { return false }
            let subnet = state.state.subnets[s]
            guard subnet.network == network, subnet.cidr.contains(fixed.ip), reservedAddressKind(fixed.ip, in: subnet.cidr) == nil,
                  own.insert(fixed.ip).inserted, isFreeIP(fixed.ip, in: network, subnets: subnets, endpoints: endpoints, port: id) else { return false }
        }
        var groups: Set<SecurityGroupID> = []
        for group in port.securityGroups {
            guard tables.securityGroup[group] != nil, groups.insert(group).inserted else { return false }
        }
        if let policy = port.qosPolicy, tables.qosPolicy[policy] == nil { return false }
        // Floating IPs keep pointing at addresses the port has.
        return mapped.allSatisfy { own.contains($0.fixedIP) }
    }

    /// No gateway, other port or remote endpoint of the network has the address.
    private func isFreeIP(_ ip: IPAddress, in network: NetworkID, subnets: [Subnet], endpoints: [RemoteEndpoint], port: PortID?) -> Bool {
        if let owner = tables.portOfIP[ScopedIP(network: network, ip: ip)], owner != port { return false }
        return !subnets.contains { $0.gatewayIP == ip } && !endpoints.contains { $0.ips.contains(ip) }
    }

    // MARK: Remote endpoints

    private func isValid(endpoint change: IntentEdit.Change<RemoteEndpoint>) -> Bool {
        let key = (change.new ?? change.old)!
        let endpoints = tables.endpointsOfNetwork[key.network] ?? []
        let current = endpoints.first { $0.mac == key.mac }
        guard isCurrent(change.old, current) else { return false }
        let mac = ScopedMAC(network: key.network, mac: key.mac)
        // An endpoint announcing a listed port is tied to the port's node and addresses.
        if tables.portOfMAC[mac] != nil { return false }
        guard let endpoint = change.new else { return true }
        guard tables.network[endpoint.network] != nil,
              endpoint.vtep.nonUnicastKind == nil, endpoint.vtep != local.vtep, endpoint.vtep.family == local.vtep.family,
              !endpoint.mac.isZero, !endpoint.mac.isMulticast else { return false }
        let subnets = state.subnets(of: endpoint.network)
        if subnets.contains(where: { $0.gatewayMAC == endpoint.mac }) { return false }
        let others = endpoints.filter { $0.mac != endpoint.mac }
        var own: Set<IPAddress> = []
        for ip in endpoint.ips {
            guard subnets.contains(where: { $0.cidr.contains(ip) }), own.insert(ip).inserted,
                  isFreeIP(ip, in: endpoint.network, subnets: subnets, endpoints: others, port: nil) else { return false }
        }
        return true
    }

    // MARK: Floating IPs

    private func isValid(floatingIP change: IntentEdit.Change<FloatingIP>) -> Bool {
        guard let floating = change.new else { return true }
        let i = state.state.floatingIPs.lowerBound { IPAddress.intentOrder($0.externalIP, floating.externalIP) }
        let current = i < state.state.floatingIPs.count && state.state.floatingIPs[i].externalIP == floating.externalIP ? state.state.floatingIPs[i] : nil
        guard isCurrent(change.old, current) else { return false }
        guard floating.externalIP.nonUnicastKind == nil, !tables.snatExternalIPs.contains(floating.externalIP),
              let port = tables.port[floating.port], port.fixedIPs.contains(where: { $0.ip == floating.fixedIP }),
              floating.fixedIP.family == floating.externalIP.family else { return false }
        // One floating IP per fixed IP.
        return !(tables.floatingIPsOfPort[floating.port] ?? []).contains { $0.fixedIP == floating.fixedIP && $0.externalIP != floating.externalIP }
    }

    // MARK: Security groups

    private func isValid(group change: IntentEdit.Change<SecurityGroup>) -> Bool {
        let id = (change.new ?? change.old)!.id
        guard isCurrent(change.old, tables.securityGroup[id]) else { return false }
        guard let group = change.new else {
            // Removing a group ports still list is caught by the full check.
            return (tables.portsOfGroup[id] ?? []).isEmpty
        }
        guard group.id.problem == nil else { return false }
        var rules: Set<SecurityGroupRule> = []
        rules.reserveCapacity(group.rules.count)
        var validator = IntentValidator(state: state.state)
        for rule in group.rules {
            guard rules.insert(rule).inserted else { return false }
            validator.checkRule(rule, at: "")
            if !validator.problems.isEmpty { return false }
        }
        return true
    }

    /// Whether the entry an edit was made from is the one the state has.
    private func isCurrent<Entry: Equatable>(_ old: Entry?, _ current: Entry?) -> Bool { old == current }
}
