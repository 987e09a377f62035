import ControlAPI
import EswitchModel
import Foundation
import Testing

/// eswitchctl's tables and JSON against an in-process daemon whose handler reports ports.
@Suite(.serialized) struct EswitchctlTests {
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

    @Test func applyThenStatusAsTableAndJSON() async throws {
        let handler = MemoryHandler()
        let daemon = try await InProcessDaemon(handler: handler)
        let intent = daemon.directory + "/intent.json"
        try #"{"node": {"name": "a"}}"#.write(toFile: intent, atomically: true, encoding: .utf8)
        let applied = try await Self.eswitchctl(["--socket", daemon.readWritePath, "apply", intent])
        #expect(applied.status == 0)
        #expect(applied.stdout == "applied \(intent): 1 rules added, 0 deleted; 1 in hardware, 0 in software\n")
        #expect(await handler.state.intent == IntentDocument(format: .json, text: #"{"node": {"name": "a"}}"#, source: intent))

        _ = try await daemon.send(.plug(PlugRequest(port: "port-a", domain: "web-1", kind: .hostdev)))
        let table = try await Self.eswitchctl(["--socket", daemon.readOnlyPath, "status"])
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("PORT") && $0.contains("RULES HW/SW") })
        #expect(lines.contains { $0.hasPrefix("port-a") && $0.contains("web-1") && $0.contains("1/0") })
        #expect(lines.last?.hasPrefix("offload coverage 100.0%") == true)

        let json = try await Self.eswitchctl(["--socket", daemon.readOnlyPath, "status", "-j"])
        let report = try JSONDecoder().decode(StatusReport.self, from: Data(json.stdout.utf8))
        #expect(report.ports.map(\.port) == ["port-a"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["reconcile"] as? [String: Any])?.keys.sorted() == ["added", "adopted", "deleted"])
        await daemon.stop()
    }

    @Test func aRefusedIntentFileIsOneLineAndExitOne() async throws {
        let daemon = try await InProcessDaemon(handler: MemoryHandler())
        let missing = try await Self.eswitchctl(["--socket", daemon.readWritePath, "apply", daemon.directory + "/none.yaml"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "eswitchctl: \(daemon.directory)/none.yaml: no such file\n")
        await daemon.stop()
    }
}
