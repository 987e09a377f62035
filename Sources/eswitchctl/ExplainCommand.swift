import ArgumentParser
import ControlAPI
import EswitchModel

/// `eswitchctl explain PORT|RULE`: why a port's or a rule's traffic is (not) in hardware.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain why a port's or a rule's traffic is or is not in hardware (the compiler's reason or the NIC's extack).",
        discussion: "The subject is a port id, or a rule id as `eswitchctl rules` prints it (ids with an '@' are rule ids; --rule forces it).")

    @ParentCommand var parent: EswitchCtl
    @OptionGroup var output: OutputOptions

    @Argument(help: "A port id or a rule id.")
    var subject: String

    @Flag(help: "Read the subject as a rule id.")
    var rule = false

    func run() throws {
        // Rule ids are `KIND@INGRESS:SUBJECT` (e.g. `l2-local@port web-1:52:54:00:10:00:02`).
        let target: ExplainTarget = rule || subject.contains("@") ? .rule(subject) : .port(PortID(subject))
        let report = try DaemonCall.report(.explain(target), socket: parent.socket)
        guard !output.json, let explanation = report.decode(ExplainReport.self) else { return DaemonCall.printJSON(report) }
        var lines = ["\(explanation.subject): \(explanation.summary)"]
        lines += explanation.reasons.map { "  - \($0)" }
        if !explanation.rules.isEmpty { lines += ["", RulesCommand.table(explanation.rules)] }
        print(lines.joined(separator: "\n"))
    }
}
