import Agent
import ArgumentParser
import ControlAPI
import EswitchModel

/// `eswitchctl rules`: the node's rules with where each runs.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules: where each runs (hardware, split, software), whether installed, and why not in hardware.")

    @ParentCommand var parent: EswitchCtl
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("type"), help: "hw (match in the NIC: hardware and split) or sw (software only).")
    var placement: RulePlacementFilter?

    @Option(help: "Only the rules of this port.")
    var port: String?

    func validate() throws {
        if let port, let problem = PortID(port).problem { throw ValidationError("--port: \(problem)") }
    }

    func run() throws {
        let report = try DaemonCall.report(.rules(RulesQuery(placement: placement, port: port.map(PortID.init))), socket: parent.socket)
        guard !output.json, let rules = report.decode(RulesReport.self) else { return DaemonCall.printJSON(report) }
        print(Self.table(rules.rules))
    }

    static func table(_ rules: [RuleStatus]) -> String {
        var table = TextTable("RULE", "CHAIN/PRIO", "WHERE", "STATE", "PACKETS HW", "WHY NOT IN HARDWARE")
        for rule in rules {
            let packets = rule.filters.compactMap(\.packets).reduce(UInt64(0)) { $0 + $1.hardware }
            table.add([rule.id, "\(rule.chain)/\(rule.priority)", rule.placement.rawValue, rule.state, "\(packets)",
                       rule.nicRefusal.map { "NIC: \($0)" } ?? rule.reason ?? ""])
        }
        return table.text
    }
}

extension RulePlacementFilter: ExpressibleByArgument {}
