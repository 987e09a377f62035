import EswitchModel
import RteFlow

/// Turns IR rules into rte_flow rules for the eswitch of one node: pure, the same rules and device
/// map always giving the same plan.
///
/// The mapping:
/// - every rule is a `transfer` rule (it lives in the embedded switch) created on the device
///   map's proxy port; chain -> group, priority -> priority;
/// - the rule's ingress is its first item: REPRESENTED_PORT of the VM port's representor (frames
///   the VF sent) or of the uplink (frames from the wire). Groups are shared by all ingresses in
///   rte_flow, so every rule names its own (TC puts rules on each ingress device instead);
/// - tunnel metadata becomes outer items ETH / IPV4|IPV6 (destination: the local VTEP unless the
///   rule names one) / UDP / VXLAN, and the other fields match the inner frame after them;
/// - output to a VM port -> REPRESENTED_PORT of its representor; to the tunnel or outside ->
///   REPRESENTED_PORT of the uplink; trap and slow path -> PORT_REPRESENTOR of the ingress's own
///   ethdev: the frame lands in that representor's (or the uplink port's) Rx queues, which the
///   slow path polls — the rte_flow form of TC's "no hardware rule: the representor sees it";
/// - police -> METER with the meter id the device map gives the rule's port (the rte_mtr meter is
///   created separately; ``RteFlowPlan/meters`` says with which rate and burst);
/// - VLAN push -> OF_PUSH_VLAN 0x8100 + OF_SET_VLAN_VID; TTL and hop limit -> DEC_TTL;
/// - COUNT first in every rule when ``counting`` is on (rte_flow counts nothing by default, TC
///   always does).
/// What cannot be expressed is placed with its reasons:
/// - split — hardware matches the rule's frames (exactly, or wider when a ct_state match is left
///   out) at the rule's group and priority and traps them to the slow path, which runs the
///   actions: connection tracking (no rte_flow form in DPDK 22.11, see ``Self/conntrackReason``),
///   output to a port without a representor, a police without a meter id, an encapsulation
///   without a next-hop MAC. The trap keeps the group's order: the rules below it in hardware
///   (default drops) do not see frames that were this rule's;
/// - software — no hardware rule at all when the pattern itself cannot be written, above all for
///   rules on the ingress of a port without a representor (its frames never reach the eswitch).
public struct RteFlowBackend: Sendable {
    public var devices: RteFlowDeviceMap
    /// Put a COUNT action in every rule, so that hits can be read back with rte_flow_query.
    public var counting: Bool

    public init(devices: RteFlowDeviceMap, counting: Bool = true) {
        self.devices = devices
        self.counting = counting
    }

    /// The rte_flow form of one rule: the rule itself, a trap in its place, or none — with every
    /// reason when it is not the rule itself.
    public func translate(_ rule: Rule) -> RteFlowTranslation {
        translate(rule, meters: [:])
    }

    /// The rte_flow form of a rule set (in the given order) with the meters it needs. A meter id
    /// serves one rate: a later rule that needs the same id with another rate is split (its
    /// frames are policed by the slow path).
    public func plan(_ rules: [Rule]) -> RteFlowPlan {
        var meters: [RteFlowMeterID: RteFlowMeter] = [:]
        var translations: [RteFlowTranslation] = []
        translations.reserveCapacity(rules.count)
        for rule in rules {
            let translation = translate(rule, meters: meters)
            if let meter = translation.meter { meters[meter.id] = meter }
            translations.append(translation)
        }
        return RteFlowPlan(translations: translations, meters: meters.values.sorted { $0.id < $1.id }, port: devices.proxyPort)
    }

    /// One rule, given the meters earlier rules already defined.
    func translate(_ rule: Rule, meters: [RteFlowMeterID: RteFlowMeter]) -> RteFlowTranslation {
        var translator = RuleTranslator(rule: rule, devices: devices, definedMeters: meters)
        let pattern = translator.pattern()
        let actions = translator.actions(counting: counting, pattern: pattern)
        let attributes = RteFlowAttributes(group: rule.chain, priority: UInt32(rule.priority), transfer: true)
        if translator.problems.isEmpty {
            let flow = RteFlowRule(port: devices.proxyPort, attributes: attributes, pattern: pattern.items, actions: actions)
            return RteFlowTranslation(rule: rule, placement: .hardware(flow), meter: translator.meter)
        }
        guard !translator.patternBroken, let trapPort = translator.slowPathPort() else {
            return RteFlowTranslation(rule: rule, placement: .software(translator.problems))
        }
        // Split: the same match (or a wider one) at the same place sends the frames to the slow
        // path, which runs the actions. Without it, a lower-priority hardware rule of the group
        // (a default drop, say) would take the frames this rule should have handled.
        let trap = RteFlowRule(port: devices.proxyPort, attributes: attributes, pattern: pattern.items,
                               actions: (counting ? [.count] : []) + [.portRepresentor(trapPort)])
        return RteFlowTranslation(rule: rule, placement: .split(trap, translator.problems))
    }

    /// Why connection tracking stays in software with this backend.
    public static let conntrackReason =
        "DPDK 22.11 rte_flow has no zone-based connection tracking: its CONNTRACK action is an indirect object holding one TCP connection's state, set up by the application (rte_flow.h, RTE_FLOW_ACTION_TYPE_CONNTRACK); zones, commit of new connections, non-TCP traffic and NAT have no rte_flow form"

    /// Why a ct_state match is not written.
    public static let connectionStateReason =
        "the CONNTRACK item matches the state of a CONNTRACK action's connection object, and zone-based tracking has no rte_flow form in DPDK 22.11"
}
