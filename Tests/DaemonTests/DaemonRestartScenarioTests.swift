import Foundation
import Testing

/// Tools/scenarios/daemon-restart.sh, as CI runs it (root: it makes network namespaces and runs its
/// own libvirtd): eswitchd on an emulated NIC with VM namespaces and a libvirt VM, SIGKILL during a
/// ping, restart. The script checks and
/// prints its figures on a `RESULT` line; the test reads them again, so a script that stopped
/// checking would still be caught.
@Suite(.serialized) struct DaemonRestartScenarioTests {
    static let script = EmulatorProcessDaemonTests.repository.appendingPathComponent("Tools/scenarios/daemon-restart.sh").path

    @Test func aKilledDaemonLosesNoPingAndTouchesNoRule() async throws {
        try #require(getuid() == 0, "the scenario makes network namespaces: run the tests as root (CI does)")
        let directory = TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = directory + "/output"
        FileManager.default.createFile(atPath: output, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.script]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "ESWITCH_BIN": DaemonProcess.executable.deletingLastPathComponent().path, "PING_SECONDS": "10",
        ]) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = process.standardOutput
        try process.run()
        let deadline = ContinuousClock.now + .seconds(240)
        // Waits without holding a thread of the cooperative pool (other suites' daemons need it).
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(200)) }
        if process.isRunning {
            // SIGTERM lets the script's trap remove what it made.
            process.terminate()
            while process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
            Issue.record("the scenario did not finish within 240 s")
        }
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "\(text)")
        let line = text.split(separator: "\n").last { $0.hasPrefix("RESULT ") } ?? ""
        var values: [String: String] = [:]
        for pair in line.split(separator: " ").dropFirst() {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
        }
        let figures = values.compactMapValues { Int($0) }
        let filters = try #require(figures["filters"], "no RESULT line: \(text)")
        #expect(filters > 0)
        #expect(figures["adopted"] == filters)
        #expect(figures["added"] == 0 && figures["deleted"] == 0)
        #expect((figures["transmitted"] ?? 0) >= 100, "ping ran for 10 s at 20 a second")
        #expect(figures["received"] == figures["transmitted"])
        let before = figures["hw_before"] ?? 0, gapStart = figures["hw_gap_start"] ?? 0, gapEnd = figures["hw_gap_end"] ?? 0
        #expect(before > 0 && gapStart >= before && gapEnd > gapStart && (figures["hw_after"] ?? 0) > gapEnd, "\(line)")
        #expect(figures["plugged"] == 2)
        // The third VM went through a real libvirtd and the installed hook: plugged before the
        // kill, still plugged after the restart, unplugged when libvirt stopped it.
        #expect(values["libvirt_vm"] == "plugged-kept-unplugged")
        // Its namespaces (node and VMs, named eswr<script pid>-...) are gone.
        let namespaces = (try? FileManager.default.contentsOfDirectory(atPath: "/run/netns")) ?? []
        #expect(!namespaces.contains { $0.hasPrefix("eswr\(process.processIdentifier)-") }, "\(namespaces)")
    }
}
