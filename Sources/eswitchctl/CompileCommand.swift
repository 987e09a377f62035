import ArgumentParser
import EswitchCompiler
import EswitchModel
import Foundation

/// `eswitchctl compile`: a network intent and a hardware profile -> the node's rules, each placed
/// in hardware, split or software with its reason, and the offload coverage.
struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile a network intent into eswitch rules and place them for a NIC model.",
        discussion: """
        Reads the intent (YAML or JSON, see examples/README.md), validates it, compiles it and places every rule for the hardware profile: hardware, split (the NIC matches and traps to the slow path) or software, with the reason.

        Formats: text (default) prints one table per port (rule, chain/prio, match, actions, placement) and the coverage, and with --explain each port's reasons and the rules not in hardware; json prints one document with the profile, the coverage and every port's rules (match, actions, location, reason); testpmd prints dpdk-testpmd `flow create` lines (rte_flow backend); netlink prints hex netlink requests, one per line (TC backend, readable by `eswitchctl netlink decode`).

        A profile is a name from HardwareProfiles/ (looked up in $ESWITCH_PROFILES_DIR, else in the package the executable was built from, else in ./HardwareProfiles) or a file path. A bad intent or profile prints every problem with its path, one per line, and exits with code 2.

        Example: eswitchctl compile --state examples/two-node.yaml --profile connectx-6dx --explain
        """
    )

    @Option(help: "The network intent file (YAML or JSON).")
    var state: String

    @Option(help: "A hardware profile name (e.g. connectx-6dx) or a profile file path.")
    var profile: String

    @Option(help: "The backend whose offload path applies: tc or rte_flow (default: rte_flow for --format testpmd, else tc).")
    var backend: PlacementBackend?

    @Option(help: "Output: text, json, testpmd or netlink.")
    var format: CompileFormat = .text

    @Flag(help: "With text output, add each port's reasons and the rules not entirely in hardware.")
    var explain = false

    @Option(name: .customLong("rule-capacity"), help: "The hardware rule capacity to assume instead of the profile's.")
    var ruleCapacity: Int?

    /// The backend in effect: the one given, or the one the format implies.
    var effectiveBackend: PlacementBackend { backend ?? (format == .testpmd ? .rteFlow : .tc) }

    func validate() throws {
        if let ruleCapacity, ruleCapacity < 0 { throw ValidationError("--rule-capacity must be 0 or more") }
        if format == .testpmd && effectiveBackend != .rteFlow { throw ValidationError("--format testpmd needs --backend rte_flow") }
        if format == .netlink && effectiveBackend != .tc { throw ValidationError("--format netlink needs --backend tc") }
    }

    func run() throws {
        do {
            let intent = try IntentFile.load(state)
            let hardware = try ProfileLocator.load(profile)
            let rules = Compiler().compile(intent)
            let plan = PlacementPlanner(profile: hardware, options: PlacementOptions(backend: effectiveBackend, ruleCapacity: ruleCapacity))
                .plan(rules, state: intent)
            switch format {
            case .text: print(Self.text(plan, explain: explain))
            case .json: print(try Self.json(plan))
            case .testpmd: print(try Self.testpmd(plan, state: intent))
            case .netlink: print(try Self.netlink(plan, state: intent))
            }
        } catch let failure as CompileFailure {
            for line in failure.lines { printError(line) }
            throw ExitCode(2)
        }
    }

    // MARK: Formats (one function each)

    /// Tables per port, then the node coverage; with `explain`, the reasons per port after them.
    static func text(_ plan: Plan, explain: Bool) -> String {
        let explanation = plan.explanation()
        return explain ? explanation.table + "\n\n" + explanation.explainText : explanation.table
    }

    /// The plan as one pretty-printed JSON document (`PlanExplanation`).
    static func json(_ plan: Plan) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(plan.explanation()), as: UTF8.self)
    }

    /// dpdk-testpmd `flow create` lines. To wire: the RteFlowBackend module (IR + placement ->
    /// RteFlow model -> testpmd text); add it to eswitchctl's dependencies in Package.swift.
    static func testpmd(_ plan: Plan, state: ValidatedNetworkState) throws(CompileFailure) -> String {
        throw CompileFailure("--format testpmd is not available yet: the rte_flow backend (RteFlowBackend) is not wired into eswitchctl")
    }

    /// Hex netlink requests, one per line. To wire: the TCBackend module (IR + placement -> TC
    /// filters -> netlink requests); add it to eswitchctl's dependencies in Package.swift.
    static func netlink(_ plan: Plan, state: ValidatedNetworkState) throws(CompileFailure) -> String {
        throw CompileFailure("--format netlink is not available yet: the TC backend (TCBackend) is not wired into eswitchctl")
    }
}

/// The output formats of `eswitchctl compile`.
enum CompileFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, testpmd, netlink
}

extension PlacementBackend: ExpressibleByArgument {}
