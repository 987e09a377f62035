import EswitchModel

/// Compiles a validated network intent into the rules this node's eswitch needs: a pure function,
/// the same intent always giving the same rules in the same order.
///
/// Pipeline per local port (rules on the port's ingress):
/// - chain 0: admit frames with the port's source MAC (policed by its QoS policy), drop the rest;
/// - chain 1: egress security groups (allow rules, then drop) — or allow everything;
/// - chain 2: forwarding: ARP/ND to the slow path, L2 in the network (local delivery or VXLAN
///   encap), L3 through the gateway MAC, floating IP and SNAT out, flooding to the slow path;
/// - chain 3: delivery to a local destination through its ingress security groups (default deny).
/// On the uplink: VXLAN decap to local ports, floating IPs in, and SNAT on the gateway node, each
/// then through chain 3 of the destination.
public struct Compiler: Sendable {
    public init() {}

    /// Every rule for the node, sorted by id.
    public func compile(_ state: ValidatedNetworkState) -> [Rule] {
        let context = CompileContext(state)
        var rules: [Rule] = []
        rules.reserveCapacity(context.localPorts.count * 32)
        for port in context.localPorts {
            rules.append(contentsOf: PortPipeline(port: port, context: context).rules())
        }
        rules.append(contentsOf: UplinkRules(context: context).rules())
        rules.sort { $0.id < $1.id }
        return rules
    }

    /// The rules whose pipeline belongs to `ports` (as `compile` would produce them): the unit of
    /// incremental recompilation.
    public func compile(_ state: ValidatedNetworkState, ports: Set<PortID>, includeNodeRules: Bool) -> [Rule] {
        let context = CompileContext(state)
        var rules: [Rule] = []
        for port in context.localPorts where ports.contains(port.id) {
            rules.append(contentsOf: PortPipeline(port: port, context: context).rules())
        }
        rules.append(contentsOf: UplinkRules(context: context).rules(for: ports))
        if includeNodeRules { rules.append(contentsOf: UplinkRules(context: context).nodeRules()) }
        rules.sort { $0.id < $1.id }
        return rules
    }
}
