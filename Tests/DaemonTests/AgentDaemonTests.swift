import Agent
import ControlAPI
import Daemon
import DaemonAgent
import EswitchModel
import Foundation
import Logging
import SimNIC
import Testing

/// The daemon with the real agent on an emulated ConnectX-6 Dx, driven through eswitchctl and the
/// local API: load an intent, plug a port, read status, rules and explain, restart the daemon on
/// the same "hardware".
@Suite(.serialized) struct AgentDaemonTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let catalog = try! ProfileCatalog(directory: repository.appendingPathComponent("HardwareProfiles").path)

    /// A host that outlives daemon restarts, and a fresh handler on it for each start.
    static func handler(on endpoint: SimNICEndpoint) -> AgentHandler {
        let configuration = AgentConfiguration(profiles: catalog.profiles, vfsPerPF: 4,
                                               identity: DaemonIdentity(version: DaemonVersion.current, pid: getpid(), platform: "sim:connectx-6dx"))
        return AgentHandler(agent: Agent(platform: NodeWiring.simulatedPlatform(endpoint), configuration: configuration,
                                         logger: Logger(label: "agent") { _ in SwiftLogNoOpLogHandler() }))
    }

    static func host() throws -> SimNICEndpoint {
        SimNICEndpoint(host: EmulatedHost(profile: try catalog.profile("connectx-6dx"), configuration: EmulatedHostConfiguration(physicalFunctions: 1)))
    }

    static func eswitchctl(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await OffPool.run {
            let directory = TemporaryDirectory.make()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("eswitchctl")
            process.arguments = arguments
            FileManager.default.createFile(atPath: directory + "/out", contents: nil)
            FileManager.default.createFile(atPath: directory + "/err", contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/out"))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/err"))
            try process.run()
            process.waitUntilExit()
            return (process.terminationStatus, try String(contentsOfFile: directory + "/out", encoding: .utf8),
                    try String(contentsOfFile: directory + "/err", encoding: .utf8))
        }
    }

    static func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    @Test func applyPlugStatusRulesExplainAndARestartThatAdoptsEverything() async throws {
        let endpoint = try Self.host()
        let daemon = try await InProcessDaemon(handler: Self.handler(on: endpoint))
        let intent = Self.repository.appendingPathComponent("examples/two-node.yaml").path
        let applied = try await Self.eswitchctl(["--socket", daemon.readWritePath, "apply", intent])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stdout.hasPrefix("applied \(intent): "))

        let plugged = try await daemon.send(.plug(PlugRequest(port: "web-1-eth0", domain: "web-1", kind: .hostdev,
                                                              mac: MACAddress("52:54:00:10:00:01"))))
        guard case .plugged(let attachment) = plugged else { Issue.record("plug failed: \(plugged)"); return }
        #expect(attachment.rulesInHardware > 0)

        let table = try await Self.eswitchctl(["--socket", daemon.readOnlyPath, "status"])
        #expect(table.status == 0)
        let portLine = table.stdout.split(separator: "\n").first { $0.hasPrefix("web-1-eth0") }.map(String.init) ?? ""
        #expect(portLine.contains("web-1") && portLine.contains("plugged") && portLine.contains("vf 0000:03:00."), "\(table.stdout)")
        #expect(table.stdout.contains("0000:03:00.0  connectx-6dx  switchdev  1/4"))

        let status = Self.json(try await Self.eswitchctl(["--socket", daemon.readOnlyPath, "status", "-j"]).stdout)
        let ports = status["ports"] as? [[String: Any]] ?? []
        let web1 = ports.first { $0["port"] as? String == "web-1-eth0" }
        let hardwareRules = (web1?["rules"] as? [String: Any])?["hardware"] as? Int ?? 0
        #expect(hardwareRules > 0)

        let rules = try await Self.eswitchctl(["--socket", daemon.readOnlyPath, "rules", "--type", "hw", "--port", "web-1-eth0"])
        #expect(rules.status == 0)
        let installed = rules.stdout.split(separator: "\n").filter { $0.contains(" installed ") }
        #expect(installed.count == hardwareRules, "\(rules.stdout)")
        let explained = try await Self.eswitchctl(["--socket", daemon.readOnlyPath, "explain", "web-1-eth0"])
        #expect(explained.status == 0)
        #expect(explained.stdout.contains("web-1-eth0"))

        // The daemon goes away and comes back on the same NIC: its state file brings back the
        // intent and the binding, and the agent adopts every filter it finds.
        let filters = endpoint.host.allFilters.map(\.id)
        await daemon.stop()
        let restarted = try await InProcessDaemon(handler: Self.handler(on: endpoint), directory: daemon.directory)
        let after = Self.json(try await Self.eswitchctl(["--socket", restarted.readOnlyPath, "status", "-j"]).stdout)
        let counts = after["reconcile"] as? [String: Any] ?? [:]
        #expect(counts["adopted"] as? Int ?? 0 > 0)
        #expect(counts["added"] as? Int == 0 && counts["deleted"] as? Int == 0, "\(counts)")
        #expect(endpoint.host.allFilters.map(\.id) == filters)
        let restoredPort = (after["ports"] as? [[String: Any]] ?? []).first { $0["port"] as? String == "web-1-eth0" }
        #expect(restoredPort?["state"] as? String == "plugged")
        await restarted.stop()
    }

    @Test func rollingBackAPlugUnplugsThePortAndFreesItsVF() async throws {
        // The socket server's part (an undelivered reply leads to rollBack) is tested with a slow
        // handler in ControlSocketTests; here the agent's side of it: rollBack undoes the plug.
        let endpoint = try Self.host()
        let handler = Self.handler(on: endpoint)
        let daemon = try await InProcessDaemon(handler: handler)
        let text = try String(contentsOf: Self.repository.appendingPathComponent("examples/two-node.yaml"), encoding: .utf8)
        guard case .applied = try await daemon.send(.applyIntent(IntentDocument(format: .yaml, text: text, source: "two-node.yaml"))) else {
            Issue.record("apply failed")
            return
        }
        let plug = ControlRequest.plug(PlugRequest(port: "web-1-eth0", domain: "web-1", kind: .hostdev))
        let caller = Caller(credentials: PeerCredentials(pid: ProcessID(rawValue: getpid()), uid: UnixUserID(0), gid: UnixGroupID(0)), socket: .readWrite)
        let response = await handler.handle(plug, caller: caller)
        guard case .plugged(let attachment) = response, case .vf(let vf, _, _, _) = attachment.device else { Issue.record("plug failed: \(response)"); return }
        #expect(await handler.agent.portBindings.count == 1)
        await handler.rollBack(plug, response: response, caller: caller)
        #expect(await handler.agent.portBindings.isEmpty)
        #expect(await handler.snapshot().ports.isEmpty)
        // The VF is free again: the next plug may take it.
        let again = await handler.handle(plug, caller: caller)
        guard case .plugged(let second) = again, case .vf(let reused, _, _, _) = second.device else { Issue.record("second plug failed: \(again)"); return }
        #expect(reused == vf)
        await daemon.stop()
    }
}
