import EswitchModel

/// One typical edit of the intent, as a control plane delivers it: a port added, removed or moved,
/// a remote endpoint learnt or withdrawn, a security group rule added or removed, and so on.
public enum IntentChange: Hashable, Sendable {
    /// Adds a port, or replaces the port with the same id (new MAC, addresses, groups, node...).
    case setPort(Port)
    /// Removes a port and the floating IPs mapped to it (they cannot outlive it).
    case removePort(PortID)
    /// Moves a port to another node (live migration); `binding` is needed when it lands here.
    case movePort(PortID, to: NodeName, binding: PortBinding?)
    /// Adds a remote endpoint, or replaces the one with the same network and MAC (a new VTEP).
    case setRemoteEndpoint(RemoteEndpoint)
    /// Withdraws a remote endpoint.
    case removeRemoteEndpoint(network: NetworkID, mac: MACAddress)
    /// Adds a security group, or replaces the one with the same id.
    case setSecurityGroup(SecurityGroup)
    /// Adds a rule to a security group.
    case addSecurityGroupRule(SecurityGroupID, SecurityGroupRule)
    /// Removes a rule (equal in every field) from a security group.
    case removeSecurityGroupRule(SecurityGroupID, SecurityGroupRule)
    /// Adds a floating IP, or remaps the one with the same external IP.
    case setFloatingIP(FloatingIP)
    /// Removes the floating IP with this external address.
    case removeFloatingIP(IPAddress)
    /// Adds another node, or changes its VTEP.
    case setRemoteNode(RemoteNode)
}

/// Why a change could not be applied. The held state and rules are left as they were.
public enum IntentChangeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The change names something the intent does not have.
    case notFound(String)
    /// The changed intent is invalid; every problem, with its path.
    case invalid([ValidationProblem])

    public var description: String {
        switch self {
        case .notFound(let what): return "not found: \(what)"
        case .invalid(let problems): return problems.map { "\($0)" }.joined(separator: "\n")
        }
    }
}

extension IntentChange {
    /// `state` with the change made (still to be validated).
    public func applied(to state: NetworkState) throws(IntentChangeError) -> NetworkState {
        var s = state
        switch self {
        case .setPort(let port):
            if let i = s.ports.firstIndex(where: { $0.id == port.id }) { s.ports[i] = port } else { s.ports.append(port) }
        case .removePort(let id):
            guard let i = s.ports.firstIndex(where: { $0.id == id }) else { throw .notFound("port '\(id)'") }
            s.ports.remove(at: i)
            s.floatingIPs.removeAll { $0.port == id }
        case .movePort(let id, let node, let binding):
            guard let i = s.ports.firstIndex(where: { $0.id == id }) else { throw .notFound("port '\(id)'") }
            s.ports[i].node = node
            s.ports[i].binding = binding
        case .setRemoteEndpoint(let endpoint):
            if let i = s.remoteEndpoints.firstIndex(where: { $0.network == endpoint.network && $0.mac == endpoint.mac }) {
                s.remoteEndpoints[i] = endpoint
            } else {
                s.remoteEndpoints.append(endpoint)
            }
        case .removeRemoteEndpoint(let network, let mac):
            guard let i = s.remoteEndpoints.firstIndex(where: { $0.network == network && $0.mac == mac }) else {
                throw .notFound("remote endpoint \(mac) on network '\(network)'")
            }
            s.remoteEndpoints.remove(at: i)
        case .setSecurityGroup(let group):
            if let i = s.securityGroups.firstIndex(where: { $0.id == group.id }) { s.securityGroups[i] = group } else { s.securityGroups.append(group) }
        case .addSecurityGroupRule(let id, let rule):
            guard let i = s.securityGroups.firstIndex(where: { $0.id == id }) else { throw .notFound("security group '\(id)'") }
            s.securityGroups[i].rules.append(rule)
        case .removeSecurityGroupRule(let id, let rule):
            guard let i = s.securityGroups.firstIndex(where: { $0.id == id }) else { throw .notFound("security group '\(id)'") }
            guard let k = s.securityGroups[i].rules.firstIndex(of: rule) else { throw .notFound("rule in security group '\(id)'") }
            s.securityGroups[i].rules.remove(at: k)
        case .setFloatingIP(let floating):
            if let i = s.floatingIPs.firstIndex(where: { $0.externalIP == floating.externalIP }) { s.floatingIPs[i] = floating } else { s.floatingIPs.append(floating) }
        case .removeFloatingIP(let ip):
            guard let i = s.floatingIPs.firstIndex(where: { $0.externalIP == ip }) else { throw .notFound("floating IP \(ip)") }
            s.floatingIPs.remove(at: i)
        case .setRemoteNode(let node):
            if let i = s.nodes.firstIndex(where: { $0.name == node.name }) { s.nodes[i] = node } else { s.nodes.append(node) }
        }
        return s
    }
}

extension IncrementalCompiler {
    /// Makes one change to the held intent and returns the rule delta; on any error nothing
    /// changes. The change is checked against the held intent's tables and made in place (see
    /// `apply(_: IntentEdit)`).
    /// - Throws: `IntentChangeError.notFound` when the change names something the intent lacks,
    ///   `.invalid` with every problem of the changed intent (as `NetworkState.validate()` lists
    ///   them for `change.applied(to: state.state)`).
    public mutating func apply(_ change: IntentChange) throws(IntentChangeError) -> RuleDelta {
        try apply(try change.edit(of: state))
    }
}
