import EswitchModel

/// A rule without its ingress and owner: what the compiler computes once and stamps onto every
/// pipeline that needs it (a destination's delivery filter, a group's egress rules), so that the
/// match is built once and the action list is shared (one allocation for all its rules).
struct RuleTemplate {
    let kind: RuleKind
    let topic: RuleTopic
    let match: FlowMatch
    let actions: [FlowAction]

    @inline(__always)
    func rule(on ingress: RuleIngress, owner: PortID?) -> Rule {
        Rule(id: RuleID(kind: kind, ingress: ingress, topic: topic), match: match, actions: actions, owner: owner)
    }
}

/// Action lists many rules share (one allocation each for the whole compilation).
enum SharedActions {
    static let drop: [FlowAction] = [.drop]
    static let toEgressFilter: [FlowAction] = [.gotoChain(RuleKind.egressAllow.chain)]
    static let toForwarding: [FlowAction] = [.gotoChain(RuleKind.l2Local.chain)]
    static let toDelivery: [FlowAction] = [.gotoChain(RuleKind.ingressAllow.chain)]
    static let trapARP: [FlowAction] = [.trap(.arp)]
    static let trapND: [FlowAction] = [.trap(.neighbourDiscovery)]
    static let trapFlood: [FlowAction] = [.trap(.flood)]
    static let decapToDelivery: [FlowAction] = [.decapsulate, .gotoChain(RuleKind.ingressAllow.chain)]
}
