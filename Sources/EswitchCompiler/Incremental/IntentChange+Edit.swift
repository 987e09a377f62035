import EswitchModel

extension IntentChange {
    /// The change as entry edits of `state` (each with the entry it replaces), the form a
    /// `ValidatedNetworkState` checks against its tables and applies in place. Its document
    /// (`IntentEdit.applied(to:)`) is `applied(to: state.state)`.
    ///
    /// - Throws: `IntentChangeError.notFound` when the change names something the intent lacks.
    public func edit(of state: ValidatedNetworkState) throws(IntentChangeError) -> IntentEdit {
        switch self {
        case .setPort(let port):
            return IntentEdit(ports: [.init(old: state.port(port.id), new: port)])
        case .removePort(let id):
            guard let port = state.port(id) else { throw .notFound("port '\(id)'") }
            return IntentEdit(ports: [.init(old: port, new: nil)], floatingIPs: state.floatingIPs(of: id).map { .init(old: $0, new: nil) })
        case .movePort(let id, let node, let binding):
            guard let port = state.port(id) else { throw .notFound("port '\(id)'") }
            var moved = port
            moved.node = node
            moved.binding = binding
            return IntentEdit(ports: [.init(old: port, new: moved)])
        case .setRemoteEndpoint(let endpoint):
            let current = state.remoteEndpoints(of: endpoint.network).first { $0.mac == endpoint.mac }
            return IntentEdit(remoteEndpoints: [.init(old: current, new: endpoint)])
        case .removeRemoteEndpoint(let network, let mac):
            guard let current = state.remoteEndpoints(of: network).first(where: { $0.mac == mac }) else {
                throw .notFound("remote endpoint \(mac) on network '\(network)'")
            }
            return IntentEdit(remoteEndpoints: [.init(old: current, new: nil)])
        case .setSecurityGroup(let group):
            return IntentEdit(securityGroups: [.init(old: state.securityGroup(group.id), new: group)])
        case .addSecurityGroupRule(let id, let rule):
            guard let group = state.securityGroup(id) else { throw .notFound("security group '\(id)'") }
            var changed = group
            changed.rules.append(rule)
            return IntentEdit(securityGroups: [.init(old: group, new: changed)])
        case .removeSecurityGroupRule(let id, let rule):
            guard let group = state.securityGroup(id) else { throw .notFound("security group '\(id)'") }
            guard let k = group.rules.firstIndex(of: rule) else { throw .notFound("rule in security group '\(id)'") }
            var changed = group
            changed.rules.remove(at: k)
            return IntentEdit(securityGroups: [.init(old: group, new: changed)])
        case .setFloatingIP(let floating):
            let current = state.state.floatingIPs.first { $0.externalIP == floating.externalIP }
            return IntentEdit(floatingIPs: [.init(old: current, new: floating)])
        case .removeFloatingIP(let ip):
            guard let current = state.state.floatingIPs.first(where: { $0.externalIP == ip }) else { throw .notFound("floating IP \(ip)") }
            return IntentEdit(floatingIPs: [.init(old: current, new: nil)])
        case .setRemoteNode(let node):
            return IntentEdit(nodes: [.init(old: state.state.nodes.first { $0.name == node.name }, new: node)])
        }
    }
}
