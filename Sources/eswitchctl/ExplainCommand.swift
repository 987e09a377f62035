import Agent
import ArgumentParser
import ControlAPI
import EswitchModel

/// `eswitchctl explain PORT|RULE`: why a port's or a rule's traffic is (not) in hardware.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain why a port's or a rule's traffic is or is not in hardware (the compiler's reason or the NIC's extack).",
        discussion: "The subject is a port id, or a rule id as `eswitchctl rules` prints it, or a rule's cookie (0x...); ids with an '@' and cookies are rules, --rule forces it.")

    @ParentCommand var parent: EswitchCtl
    @OptionGroup var output: OutputOptions

    @Argument(help: "A port id, a rule id or a rule cookie.")
    var subject: String

    @Flag(help: "Read the subject as a rule id.")
    var rule = false

    func run() throws {
        // Rule ids are `KIND@INGRESS:SUBJECT` (e.g. `l2-local@port web-1:52:54:00:10:00:02`).
        let isRule = rule || subject.contains("@") || subject.hasPrefix("0x")
        let report = try DaemonCall.report(.explain(isRule ? .rule(subject) : .port(PortID(subject))), socket: parent.socket)
        if output.json { return DaemonCall.printJSON(report) }
        if let port = report.decode(PortExplainReport.self) {
            print(port.text.joined(separator: "\n"))
        } else if let rule = report.decode(RuleExplainReport.self) {
            print(rule.text)
        } else {
            DaemonCall.printJSON(report)
        }
    }
}
