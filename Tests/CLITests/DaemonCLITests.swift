import ControlAPI
import ControlClient
import Foundation
import Testing

/// eswitchctl's daemon sub-commands against the real eswitchd executable.
@Suite(.serialized) struct DaemonCLITests {
    /// Starts eswitchd with a configuration whose allow-lists name only root, its sockets in a
    /// world-readable directory so another uid can reach them.
    static func startDaemon() throws -> (process: Process, directory: String) {
        let directory = "/tmp/esc-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let config = """
        platform: sim:connectx-6dx
        state_dir: \(directory)/state
        sockets:
          rw: {path: \(directory)/rw.sock, mode: "0660"}
          ro: {path: \(directory)/ro.sock, mode: "0666"}
        access:
          rw: {uids: [0]}
          ro: {uids: [0]}
        log: {level: warning}
        """
        try config.write(toFile: directory + "/eswitchd.yaml", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = CLIRunner.productsDirectory.appendingPathComponent("eswitchd")
        process.arguments = ["--config", directory + "/eswitchd.yaml"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<500 {
            if (try? ControlClient(socketPath: directory + "/ro.sock", timeout: .seconds(5)).send(.ping)) != nil { return (process, directory) }
            usleep(20_000)
        }
        process.terminate()
        throw ControlClientError(socketPath: directory + "/ro.sock", kind: .notRunning, detail: "eswitchd did not start")
    }

    /// Stops the daemon, and the emulated NIC it started (which outlives the daemon by design).
    static func stop(_ process: Process, directory: String) {
        process.terminate()
        process.waitUntilExit()
        _ = try? CLIRunner.run("eswitch-hil", ["sim", "stop", "--state", directory + "/state/sim"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func pingAndStatusAnswer() throws {
        let (daemon, directory) = try Self.startDaemon()
        defer { Self.stop(daemon, directory: directory) }
        let pingJSON = try CLIRunner.run("eswitchctl", ["--socket", directory + "/rw.sock", "ping", "-j"])
        let identity = try JSONDecoder().decode(DaemonIdentity.self, from: Data(pingJSON.stdout.utf8))
        #expect(identity.pid == daemon.processIdentifier)
        let ping = try CLIRunner.run("eswitchctl", ["--socket", directory + "/ro.sock", "ping"])
        #expect(ping.status == 0)
        #expect(ping.stdout == "eswitchd \(identity.version) (pid \(daemon.processIdentifier), platform sim:connectx-6dx) on \(directory)/ro.sock\n")
        let status = try CLIRunner.run("eswitchctl", ["--socket", directory + "/ro.sock", "status", "-j"])
        #expect(status.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        let nics = object?["nics"] as? [[String: Any]]
        #expect(nics?.first?["profile"] as? String == "connectx-6dx")
        #expect(nics?.first?["eswitch_mode"] as? String == "switchdev")
        #expect((object?["reconcile"] as? [String: Any])?["added"] as? Int == 0)
    }

    @Test func changesAreRefusedOnTheReadOnlySocket() throws {
        let (daemon, directory) = try Self.startDaemon()
        defer { Self.stop(daemon, directory: directory) }
        let intent = directory + "/intent.yaml"
        try "node:\n  name: a\n".write(toFile: intent, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run("eswitchctl", ["--socket", directory + "/ro.sock", "apply", intent])
        #expect(result.status == 1)
        #expect(result.stderrLines == ["eswitchctl: eswitchd refused apply_intent: permission_denied: apply_intent changes the node and is not allowed on the read-only socket; use the read-write socket"])
    }

    @Test func anotherUserIsRefusedByItsUid() throws {
        let (daemon, directory) = try Self.startDaemon()
        defer { Self.stop(daemon, directory: directory) }
        // setpriv (util-linux) runs eswitchctl as nobody: the read-only socket file is open to all,
        // so the refusal comes from the daemon's SO_PEERCRED check.
        let eswitchctl = CLIRunner.productsDirectory.appendingPathComponent("eswitchctl").path
        let result = try CLIRunner.runProgram("/usr/bin/setpriv", ["--reuid", "65534", "--regid", "65534", "--clear-groups",
                                                                   eswitchctl, "--socket", directory + "/ro.sock", "status"])
        #expect(result.status == 1)
        #expect(result.stderrLines == ["eswitchctl: eswitchd refused status: permission_denied: uid 65534 (gid 65534) is not allowed on the read-only socket"])
        // The read-write socket file itself is closed to others (mode 0660).
        let rw = try CLIRunner.runProgram("/usr/bin/setpriv", ["--reuid", "65534", "--regid", "65534", "--clear-groups",
                                                               eswitchctl, "--socket", directory + "/rw.sock", "ping"])
        #expect(rw.status == 1)
        #expect(rw.stderrLines == ["eswitchctl: cannot connect to \(directory)/rw.sock: Permission denied"])
    }

    @Test func aDaemonThatIsNotRunningIsOneLineNamingTheSocket() throws {
        let socket = "/tmp/esc-none-\(getpid()).sock"
        for command in [["ping"], ["status", "-j"], ["rules", "--type", "hw"], ["explain", "p1"]] {
            let result = try CLIRunner.run("eswitchctl", ["--socket", socket] + command)
            #expect(result.status == 1)
            #expect(result.stderrLines == ["eswitchctl: eswitchd is not running (cannot connect to \(socket): No such file or directory)"])
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func badArgumentsAreRefusedBeforeConnecting() throws {
        let result = try CLIRunner.run("eswitchctl", ["--socket", "/tmp/none.sock", "rules", "--type", "fpga"])
        #expect(result.status != 0 && result.status != 1)
        #expect(result.stderr.contains("fpga"))
    }
}
