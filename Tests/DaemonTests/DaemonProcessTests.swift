import ControlAPI
import ControlClient
import Foundation
import Testing

/// The built eswitchd executable, run as a child process.
struct DaemonProcess {
    let process = Process()
    let stderrPath: String

    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("eswitchd")
    }

    init(_ arguments: [String], environment: [String: String] = [:], directory: String) throws {
        stderrPath = directory + "/stderr"
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "NOTIFY_SOCKET" }.merging(environment) { $1 }
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        try process.run()
    }

    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Waits for the exit, at most `timeout`; nil when still running then (the process is killed).
    func waitForExit(timeout: Duration = .seconds(20)) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            kill(process.processIdentifier, SIGKILL)
            return nil
        }
        return process.terminationStatus
    }

    /// Runs to completion and returns the exit status and everything printed.
    static func run(_ arguments: [String], directory: String) throws -> (status: Int32?, output: String) {
        let daemon = try DaemonProcess(arguments, directory: directory)
        let status = daemon.waitForExit()
        return (status, daemon.stderr)
    }
}

@Suite(.serialized) struct DaemonProcessTests {
    @Test func startsReadyAfterTheFirstReconcileAndStopsGracefullyOnSIGTERM() throws {
        let directory = TemporaryDirectory.make()
        let listener = try NotifyListener(abstract: true)
        defer { listener.close() }
        let socket = directory + "/rw.sock"
        let daemon = try DaemonProcess(["--platform", "sim:connectx-6dx", "--state-dir", directory + "/state", "--socket", socket],
                                       environment: ["NOTIFY_SOCKET": listener.name], directory: directory)
        defer { EmulatorCleanup.stop(stateDirectory: directory + "/state") }
        #expect(listener.receive() == "READY=1\nSTATUS=ready")
        var answered: ControlResponse?
        for _ in 0..<250 where answered == nil {
            answered = try? ControlClient(socketPath: socket, timeout: .seconds(5)).send(.ping)
            if answered == nil { usleep(20_000) }
        }
        guard case .pong(let identity)? = answered else { Issue.record("no pong: \(daemon.stderr)"); return }
        #expect(identity.pid == daemon.process.processIdentifier)
        #expect(identity.platform == "sim:connectx-6dx")

        kill(daemon.process.processIdentifier, SIGTERM)
        #expect(listener.receive() == "STOPPING=1")
        #expect(daemon.waitForExit() == 0)
        #expect(!FileManager.default.fileExists(atPath: socket))
        let messages = daemon.stderr.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["message"] as? String
        }
        #expect(messages.last == "stopped", "\(daemon.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory + "/state/state.json"))
    }

    @Test func checkConfigPrintsOkOrEveryProblem() throws {
        let directory = TemporaryDirectory.make()
        let good = directory + "/good.yaml", bad = directory + "/bad.yaml"
        try "platform: linux\nstate_dir: /var/lib/eswitch\n".write(toFile: good, atomically: true, encoding: .utf8)
        try "platform: linux\nstate_dir: /var/lib/eswitch\nlog: {level: loud}\nsockets: {rw: {path: /x.sock, perms: 1}}\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let ok = try DaemonProcess.run(["--check-config", good], directory: directory)
        #expect(ok.status == 0)
        #expect(ok.output == "ok\n")
        let refused = try DaemonProcess.run(["--check-config", bad], directory: directory)
        #expect(refused.status == 2)
        #expect(refused.output.split(separator: "\n").map(String.init) == [
            "\(bad): log.level: expected one of trace, debug, info, notice, warning, error, critical, found 'loud' (line 3)",
            "\(bad): sockets.rw.perms: unknown key (expected one of: path, mode) (line 4)",
        ])
        let unknownModel = directory + "/model.yaml"
        try "platform: sim:connectx-9\nstate_dir: /var/lib/eswitch\n".write(toFile: unknownModel, atomically: true, encoding: .utf8)
        let model = try DaemonProcess.run(["--check-config", unknownModel], directory: directory)
        #expect(model.status == 2)
        #expect(model.output.hasPrefix("\(unknownModel): platform: unknown hardware profile 'connectx-9' (known: "))
        let missing = try DaemonProcess.run(["--check-config", directory + "/none.yaml"], directory: directory)
        #expect(missing.status == 2)
        #expect(missing.output == "\(directory)/none.yaml: no such file\n")
    }

    @Test func aCorruptStateFileStopsTheStartWithOneLine() throws {
        let directory = TemporaryDirectory.make()
        try FileManager.default.createDirectory(atPath: directory + "/state", withIntermediateDirectories: true)
        try "{\"format\":\"eswitchd-state\",\"version\":1,\"state\":{\"gen".write(toFile: directory + "/state/state.json", atomically: true, encoding: .utf8)
        let result = try DaemonProcess.run(["--platform", "linux", "--state-dir", directory + "/state", "--socket", directory + "/rw.sock",
                                            "--log-format", "text", "--log-level", "error"], directory: directory)
        #expect(result.status == 1)
        let lastLine = result.output.split(separator: "\n").last.map(String.init) ?? ""
        #expect(lastLine.hasPrefix("eswitchd: state file \(directory)/state/state.json is corrupt: not valid JSON"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/rw.sock"))
    }

    @Test func aSecondDaemonDoesNotTakeOverARunningOnesSocket() throws {
        let directory = TemporaryDirectory.make()
        let socket = directory + "/rw.sock"
        let first = try DaemonProcess(["--platform", "linux", "--state-dir", directory + "/one", "--socket", socket], directory: directory)
        defer { kill(first.process.processIdentifier, SIGTERM); _ = first.waitForExit() }
        var up = false
        for _ in 0..<250 where !up {
            up = (try? ControlClient(socketPath: socket, timeout: .seconds(5)).send(.ping)) != nil
            if !up { usleep(20_000) }
        }
        #expect(up)
        let secondDirectory = TemporaryDirectory.make()
        let second = try DaemonProcess.run(["--platform", "linux", "--state-dir", secondDirectory + "/two", "--socket", socket,
                                            "--log-level", "critical"], directory: secondDirectory)
        #expect(second.status == 1)
        #expect(second.output.contains("another process is serving \(socket)"))
        #expect((try? ControlClient(socketPath: socket, timeout: .seconds(5)).send(.ping)) != nil)
    }
}
