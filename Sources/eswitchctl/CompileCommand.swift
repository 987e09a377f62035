import ArgumentParser
import EswitchCompiler
import EswitchModel
import Foundation
import Netlink
import RteFlowBackend
import TCBackend

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

    /// Option combinations that cannot work: one line on stderr and exit 2, like bad input files.
    func validate() throws {
        func refuse(_ message: String) throws -> Never {
            printError(message)
            throw ExitCode(2)
        }
        if let ruleCapacity, ruleCapacity < 0 { try refuse("--rule-capacity must be 0 or more") }
        if format == .testpmd && effectiveBackend != .rteFlow { try refuse("--format testpmd needs --backend rte_flow") }
        if format == .netlink && effectiveBackend != .tc { try refuse("--format netlink needs --backend tc") }
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

    /// dpdk-testpmd lines (meters, `set vxlan`, `flow create`) from the rte_flow backend, for the
    /// devices of ``OfflineDevices``. Rules the backend keeps in software are listed as comments.
    static func testpmd(_ plan: Plan, state: ValidatedNetworkState) throws(CompileFailure) -> String {
        let rules = plan.rules.filter { $0.placement.location != .software }.map(\.rule)
        let script = RteFlowBackend(devices: OfflineDevices.rteFlow(state)).plan(rules).testpmdScript()
        var lines = script.lines
        for (id, problem) in script.unwritable.sorted(by: { $0.key < $1.key }) { lines.append("# not written: \(id): \(problem)") }
        return lines.joined(separator: "\n")
    }

    /// Hex netlink requests (qdiscs, then filters in install order) from the TC backend, one per
    /// line, for the devices of ``OfflineDevices``; `eswitchctl netlink decode` reads them.
    static func netlink(_ plan: Plan, state: ValidatedNetworkState) throws(CompileFailure) -> String {
        let locations = Dictionary(uniqueKeysWithValues: plan.rules.map { ($0.rule.id, $0.placement.location) })
        let backend = TCBackend(devices: OfflineDevices.tc(state)) { id in
            switch locations[id] {
            case .hardware?: return .hardware
            case .split?: return .split
            default: return .software
            }
        }
        // Ports without a VF have no representor: rules from or to them run only in the slow path.
        let devices = OfflineDevices.tc(state)
        let (inTC, slowPathOnly) = plan.rules.map(\.rule).partitioned { rule in
            let ownerHasDevice = rule.owner.map { devices.ports[$0] != nil } ?? true
            let outputsHaveDevices = rule.actions.allSatisfy { action in
                if case .output(.port(let port)) = action { return devices.ports[port] != nil }
                return true
            }
            return ownerHasDevice && outputsHaveDevices
        }
        let tc = backend.plan(inTC)
        if let problem = tc.problems.first {
            throw CompileFailure("TC backend cannot express \(tc.problems.count) rule(s), first: \(problem)")
        }
        let hex = (tc.qdiscRequests() + tc.addRequests()).map { $0.encoded().hexString }
        return (hex + slowPathOnly.map { "# slow path only (no VF): \($0.id)" }).joined(separator: "\n")
    }
}

/// The output formats of `eswitchctl compile`.
enum CompileFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, testpmd, netlink
}

extension PlacementBackend: ExpressibleByArgument {}
