import EswitchCompiler
import EswitchModel
import TCBackend

/// The filters the node should have now: the compiled rules whose devices exist, each at its
/// effective placement (the compiler's, or software when the NIC refused it), planned by the TC
/// backend; and for every other rule, why it has no filter. Pure.
struct DesiredRules: Sendable {
    /// The TC filters, handles kept from the previous plan.
    var plan: TCPlan
    /// Rules without filters, and why (port not plugged, software port, no tunnel device, a rule
    /// the backend cannot express).
    var inactive: [RuleID: String]
    /// Each rule's effective placement.
    var placements: [RuleID: Placement]

    static let empty = DesiredRules(plan: TCPlan(filters: []), inactive: [:], placements: [:])

    /// - Parameters:
    ///   - placed: the compiler's rules with their placement for the NIC's profile.
    ///   - devices: the devices present now (plugged ports' representors, uplink, tunnel).
    ///   - absence: why a port has no device (not plugged, software binding...).
    ///   - fallbacks: rules the NIC refused, kept in software.
    ///   - previous: the plan installed now, whose handles are kept.
    static func build(placed: Plan, devices: TCDeviceMap, absence: (PortID) -> String, fallbacks: [RuleID: RuleFallback],
                      qdisc: TCQdiscKind, previous: TCPlan?) -> DesiredRules {
        var placements: [RuleID: Placement] = [:]
        placements.reserveCapacity(placed.rules.count)
        var inactive: [RuleID: String] = [:]
        var active: [Rule] = []
        active.reserveCapacity(placed.rules.count)
        for entry in placed.rules {
            let rule = entry.rule
            if let fallback = fallbacks[rule.id] {
                placements[rule.id] = Placement(location: .software, reason: "\(placed.profileName) refused it: \(fallback.reason)")
            } else {
                placements[rule.id] = entry.placement
            }
            if let missing = missingDevice(of: rule, in: devices) {
                inactive[rule.id] = missing.port.map(absence) ?? missing.reason
            } else {
                active.append(rule)
            }
        }
        let effective = placements
        let backend = TCBackend(devices: devices, qdisc: qdisc) { id in
            switch effective[id]?.location {
            case .hardware?: return .hardware
            case .split?: return .split
            default: return .software
            }
        }
        let plan = backend.plan(active, previous: previous)
        for problem in plan.problems { inactive[problem.rule] = problem.message }
        return DesiredRules(plan: plan, inactive: inactive, placements: placements)
    }

    /// The first device a rule needs that is missing: its port's (ingress, owner, outputs), or the
    /// uplink / tunnel device.
    static func missingDevice(of rule: Rule, in devices: TCDeviceMap) -> (port: PortID?, reason: String)? {
        var ports: [PortID] = []
        if case .port(let p) = rule.ingress { ports.append(p) }
        if let owner = rule.owner { ports.append(owner) }
        for case .output(.port(let p)) in rule.actions { ports.append(p) }
        for port in ports where devices.ports[port] == nil { return (port, "") }
        if case .uplink = rule.ingress, devices.uplink == nil, devices.tunnel == nil {
            return (nil, "no uplink or tunnel device on this node")
        }
        return nil
    }
}
