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
///
/// Cost: what pipelines share (a network's destinations, the routes into a subnet, a port's
/// delivery filter, a set of groups' egress rules) is computed once per compilation and stamped
/// onto each pipeline with shared action lists; ids carry typed topics, not strings.
public struct Compiler: Sendable {
    public init() {}

    /// Every rule for the node, sorted by id.
    public func compile(_ state: ValidatedNetworkState) -> [Rule] {
        let context = CompileContext(state)
        return assemble(context.localPorts, context: context, includeNodeRules: true)
    }

    /// The rules whose pipeline belongs to `ports` (as `compile` would produce them): the unit of
    /// incremental recompilation. Ports that are not on this node have none.
    public func compile(_ state: ValidatedNetworkState, ports: Set<PortID>, includeNodeRules: Bool) -> [Rule] {
        let context = CompileContext(state)
        // Only the requested ports are looked up: the cost follows their number, not the world's.
        let local = ports.sorted().compactMap { id in state.port(id).flatMap { $0.node == state.node.name ? $0 : nil } }
        return assemble(local, context: context, includeNodeRules: includeNodeRules)
    }

    /// The rules of `ports` (sorted by id) in id order: each port's pipeline (ingress `port P`
    /// sorts by P, before every uplink rule), then the uplink rules; all written in order.
    private func assemble(_ ports: [Port], context: CompileContext, includeNodeRules: Bool) -> [Rule] {
        var rules: [Rule] = []
        for (n, port) in ports.enumerated() {
            PortPipeline(port: port, context: context).rules(into: &rules)
            if n == 15 && ports.count > 64 {
                // Size the output from the first ports, their uplink rules included, so that it
                // is neither grown by doubling (copying every rule) nor left with so much spare
                // room that the copy below is needed.
                var uplink: [Rule] = []
                UplinkRules(context: context).rules(for: Array(ports[0...15]), includeNodeRules: false, into: &uplink)
                let perPort = Double(rules.count + uplink.count) / 16
                rules.reserveCapacity(Int(perPort * Double(ports.count) * 1.1) + 256)
            }
        }
        UplinkRules(context: context).rules(for: ports, includeNodeRules: includeNodeRules, into: &rules)
        if rules.capacity > rules.count + rules.count / 4 + 64 {
            var exact: [Rule] = []
            exact.reserveCapacity(rules.count)
            exact.append(contentsOf: rules)
            rules = exact
        }
        return rules
    }

    /// The rules of each of `ports` (local ports) on their own, each list in id order (its
    /// pipeline, then its uplink rules), and the node-wide rules if asked: what incremental
    /// compilation keeps per owner. `capacity` sizes each list (the previous count of a port's
    /// rules is a good guess; nil: as many as the port before); lists come out with no spare
    /// room beyond a quarter.
    func ownedRules(_ context: CompileContext, ports: [Port], includeNodeRules: Bool, capacity: (PortID) -> Int?) -> (ports: [(PortID, [Rule])], node: [Rule]) {
        let uplink = UplinkRules(context: context)
        var out: [(PortID, [Rule])] = []
        out.reserveCapacity(ports.count)
        var last = 64
        for port in ports {
            var rules: [Rule] = []
            rules.reserveCapacity(capacity(port.id) ?? last)
            PortPipeline(port: port, context: context).rules(into: &rules)
            uplink.portRules(port, into: &rules)
            assert(rules.isSortedByID, "rules of \(port.id) not in id order")
            if rules.capacity > rules.count + rules.count / 4 + 8 {
                var exact: [Rule] = []
                exact.reserveCapacity(rules.count)
                exact.append(contentsOf: rules)
                rules = exact
            }
            last = rules.count
            out.append((port.id, rules))
        }
        return (out, includeNodeRules ? uplink.nodeRules() : [])
    }
}
