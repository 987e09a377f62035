import EswitchModel
import RteFlow

/// A plan as dpdk-testpmd commands: meter policy and meters first, then each hardware rule's
/// commands (`set vxlan-tos-ttl` where it encapsulates, then `flow create`), split rules' traps
/// included.
public struct RteFlowTestpmdScript: Hashable, Sendable {
    /// One command line and the IR rule it belongs to (nil for meter set-up).
    public struct Command: Hashable, Sendable {
        public var text: String
        public var rule: RuleID?
    }

    public var commands: [Command]
    /// Hardware rules testpmd cannot take as a command, and why.
    public var unwritable: [RuleID: RteFlowTestpmdError]

    /// The command lines alone, in order.
    public var lines: [String] { commands.map(\.text) }
}

extension RteFlowPlan {
    /// The testpmd commands that create this plan on ``port`` (`flow validate` instead of
    /// `flow create` with `verb: .validate`; meters are created either way, since a rule can
    /// only be validated against an existing meter).
    public func testpmdScript(_ verb: RteFlowTestpmdVerb = .create) -> RteFlowTestpmdScript {
        var commands: [RteFlowTestpmdScript.Command] = []
        var unwritable: [RuleID: RteFlowTestpmdError] = [:]
        for policy in Set(meters.map(\.policy)).sorted() {
            commands.append(.init(text: policy.testpmdDropRedCommand(port: port), rule: nil))
        }
        for meter in meters {
            commands += meter.testpmdCommands(port: port).map { .init(text: $0, rule: nil) }
        }
        for (rule, flow) in flows {
            do {
                commands += try flow.testpmdCommands(verb).map { .init(text: $0, rule: rule) }
            } catch {
                unwritable[rule] = error
            }
        }
        return RteFlowTestpmdScript(commands: commands, unwritable: unwritable)
    }
}
