import ControlAPI
import ControlClient
import EswitchModel
import Foundation
import Netlink
import SimNICRemote
import Testing

/// The contract `eswitchd --platform sim:PROFILE --state-dir DIR --socket PATH`: the emulated NIC
/// is a process of its own, started on first use and found again through DIR, so a daemon killed
/// with SIGKILL comes back to the same "hardware" and adopts its rules.
@Suite(.serialized) struct EmulatorProcessDaemonTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs one of the package's executables to its end, on a thread outside the cooperative pool.
    static func tool(_ name: String, _ arguments: [String], stdin: String? = nil) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await OffPool.run { try runTool(name, arguments, stdin: stdin) }
    }

    private static func runTool(_ name: String, _ arguments: [String], stdin: String?) throws -> (status: Int32, stdout: String, stderr: String) {
        let directory = TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let process = Process()
        process.executableURL = DaemonProcess.executable.deletingLastPathComponent().appendingPathComponent(name)
        process.arguments = arguments
        FileManager.default.createFile(atPath: directory + "/out", contents: nil)
        FileManager.default.createFile(atPath: directory + "/err", contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/err"))
        if let stdin {
            FileManager.default.createFile(atPath: directory + "/in", contents: Data(stdin.utf8))
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: directory + "/in"))
        }
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOfFile: directory + "/out", encoding: .utf8),
                try String(contentsOfFile: directory + "/err", encoding: .utf8))
    }

    static func waitForPing(_ socket: String, daemon: DaemonProcess) async throws -> Bool {
        for _ in 0..<600 {
            if (try? await OffPool.run { try ControlClient(socketPath: socket, timeout: .seconds(5)).send(.ping) }) != nil { return true }
            if !daemon.process.isRunning { return false }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    static func status(_ socket: String) async throws -> [String: Any] {
        let output = try await tool("eswitchctl", ["--socket", socket, "status", "-j"])
        return (try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8))) as? [String: Any] ?? [:]
    }

    /// The ownership-cookie filters on a representor, read from the emulator itself.
    static func filters(on representor: String, socket: String) throws -> Int {
        let route = SimRemoteNetlinkTransport(connection: SimRemoteConnection(path: socket), protocol: .route)
        let links = try route.dump(LinkMessage.dumpRequest())
        guard let ifindex = links.compactMap({ message -> IfIndex? in
            if case .link(let link) = message.body, link.name == representor { link.ifindex } else { nil }
        }).first else { return 0 }
        return try route.dump(.dumpFilters(.dump(ifindex: ifindex))).filter { message in
            if case .filter(let filter) = message.body { filter.flower != nil } else { false }
        }.count
    }

    @Test func aKilledDaemonComesBackToTheSameEmulatedNICAndAdoptsEveryRule() async throws {
        let directory = TemporaryDirectory.make()
        let state = directory + "/state", socket = directory + "/rw.sock"
        let emulator = SimEmulatorFiles(directory: state + "/sim")
        defer {
            EmulatorCleanup.stop(stateDirectory: state)
            try? FileManager.default.removeItem(atPath: directory)
        }
        let arguments = ["--platform", "sim:connectx-6dx", "--state-dir", state, "--socket", socket, "--log-format", "text"]
        let first = try DaemonProcess(arguments, directory: directory)
        #expect(try await Self.waitForPing(socket, daemon: first), "\(first.stderr)")
        #expect(first.stderr.contains("emulator started"), "\(first.stderr)")
        let emulatorPid = try #require(Int32((try? String(contentsOfFile: emulator.pid, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""))

        let intent = Self.repository.appendingPathComponent("examples/two-node.yaml").path
        #expect(try await Self.tool("eswitchctl", ["--socket", socket, "apply", intent]).status == 0)
        let xml = try String(contentsOf: Self.repository.appendingPathComponent("examples/libvirt-web-1.xml"), encoding: .utf8)
        let plug = try await Self.tool("eswitch-hook", ["--socket", socket, "web-1", "prepare", "begin", "-"], stdin: xml)
        #expect(plug.status == 0, "\(plug.stderr)")
        let before = try await Self.status(socket)
        let installed = (before["reconcile"] as? [String: Any])?["added"] as? Int ?? 0
        #expect(installed > 0)
        let onRepresentor = try Self.filters(on: "pf0vf0", socket: emulator.socket)
        #expect(onRepresentor > 0)

        kill(first.process.processIdentifier, SIGKILL)
        _ = try await OffPool.run { first.waitForExit() }
        // The NIC outlives its driver: the emulator still runs and still holds the rules.
        #expect(kill(emulatorPid, 0) == 0)
        #expect(try Self.filters(on: "pf0vf0", socket: emulator.socket) == onRepresentor)

        let second = try DaemonProcess(arguments, directory: directory)
        defer {
            kill(second.process.processIdentifier, SIGTERM)
            _ = second.waitForExit()
        }
        #expect(try await Self.waitForPing(socket, daemon: second), "\(second.stderr)")
        #expect(second.stderr.contains("emulator found") && second.stderr.contains("pid=\(emulatorPid)"), "\(second.stderr)")
        let after = try await Self.status(socket)
        let counts = after["reconcile"] as? [String: Any] ?? [:]
        #expect(counts["adopted"] as? Int == installed, "\(counts)")
        #expect(counts["added"] as? Int == 0 && counts["deleted"] as? Int == 0, "\(counts)")
        let web1 = (after["ports"] as? [[String: Any]] ?? []).first { $0["port"] as? String == "web-1-eth0" }
        #expect(web1?["state"] as? String == "plugged")
        #expect(((web1?["rules"] as? [String: Any])?["hardware"] as? Int ?? 0) > 0)

        // Another NIC model on the same state directory is refused, naming both and the way out.
        let other = TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: other) }
        let refused = try await OffPool.run { try DaemonProcess.run(["--platform", "sim:e810", "--state-dir", state, "--socket", other + "/rw.sock",
                                             "--log-format", "text"], directory: other) }
        #expect(refused.status == 1)
        #expect(refused.output.contains("eswitchd: the emulator serving \(state)/sim (pid \(emulatorPid)) emulates connectx-6dx, not e810; "
                                        + "stop it with `eswitch-hil sim stop --state \(state)/sim` to start another NIC model"), "\(refused.output)")
    }
}

/// Stops the emulator a test's daemon started (it outlives the daemon by design).
enum EmulatorCleanup {
    static func stop(stateDirectory: String) {
        let files = SimEmulatorFiles(directory: stateDirectory + "/sim")
        guard let text = try? String(contentsOfFile: files.pid, encoding: .utf8),
              let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0 else { return }
        kill(pid, SIGTERM)
        for _ in 0..<500 where kill(pid, 0) == 0 { usleep(10_000) }
        if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        unlink(files.pid)
        unlink(files.socket)
    }
}
