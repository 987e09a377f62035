import EswitchModel
import RteFlow

/// Translates one IR rule, collecting every problem instead of stopping at the first.
struct RuleTranslator {
    let rule: Rule
    let devices: RteFlowDeviceMap
    var problems: [RteFlowProblem] = []
    /// True when the pattern cannot be written at all (as opposed to written wider than the
    /// rule's match, which a trap tolerates).
    var patternBroken = false
    /// The meter the rule's METER action needs.
    var meter: RteFlowMeter?

    /// Meters earlier rules of the plan defined: an id keeps its first rate.
    let definedMeters: [RteFlowMeterID: RteFlowMeter]

    init(rule: Rule, devices: RteFlowDeviceMap, definedMeters: [RteFlowMeterID: RteFlowMeter] = [:]) {
        self.rule = rule
        self.devices = devices
        self.definedMeters = definedMeters
    }

    mutating func problem(_ subject: String, _ reason: String) {
        problems.append(RteFlowProblem(rule: rule.id, subject: subject, reason: reason))
    }

    /// A problem that leaves no pattern to match in hardware.
    mutating func patternProblem(_ subject: String, _ reason: String) {
        patternBroken = true
        problem(subject, reason)
    }

    /// The ethdev of the rule's ingress (nil, with a problem, for a port without a representor).
    mutating func ingressPort() -> RteFlowPortID? {
        switch rule.ingress {
        case .uplink:
            return devices.uplinkPort
        case .port(let id):
            guard let port = devices.representors[id] else {
                patternProblem("ingress port \(id)", Self.noRepresentor)
                return nil
            }
            return port
        }
    }

    static let noRepresentor =
        "no representor ethdev in the device map (a software-bound port, or not on this eswitch): its traffic takes the slow path"
}
