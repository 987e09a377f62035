import ArgumentParser
import Foundation

/// `eswitch-hil sim exec -- CMD ARGS...`: runs a program with its netlink sockets connected to the
/// emulated host of a state directory, starting the emulator when none serves it yet.
struct SimExecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run CMD with its NETLINK_ROUTE and NETLINK_GENERIC sockets connected to an emulated host.",
        discussion: """
        The host is kept by an emulator process per state directory, so a sequence of commands sees \
        one host; the host options apply when the emulator starts (later calls reuse it as it is). \
        Standard input, output, error and the exit status are the command's own.

        Example:
          eswitch-hil sim exec --profile connectx-6dx --vfs 4 --state /tmp/host1 -- devlink dev show
          eswitch-hil sim stop --state /tmp/host1
        """
    )

    @OptionGroup var host: SimHostOptions

    @OptionGroup var ports: SimBackingOptions

    @Option(help: "The state directory (default: eswitch-sim-PROFILE in the temporary directory).")
    var state: String?

    @Argument(parsing: .postTerminator, help: "The command and its arguments (after --).")
    var command: [String] = []

    func run() throws {
        let arguments = command
        guard let program = arguments.first else { throw ValidationError("no command given (eswitch-hil sim exec ... -- CMD ARGS...)") }
        let directory = state ?? URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
            .appendingPathComponent("eswitch-sim-" + host.profile.replacingOccurrences(of: "/", with: "_")).path
        let paths = SimStatePaths(directory)
        let preload = try Self.preloadLibrary()
        try SimEmulatorProcess.ensureRunning(host: host, ports: ports, directory: directory, paths: paths)

        let existing = ProcessInfo.processInfo.environment["LD_PRELOAD"].map { $0.isEmpty ? "" : " " + $0 } ?? ""
        setenv("LD_PRELOAD", preload + existing, 1)
        setenv("ESWITCH_SIM_SOCKET", paths.socket, 1)
        // The command replaces this process: its output and exit status pass through untouched.
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        execvp(program, &argv)
        let reason = String(cString: strerror(errno))
        printError("eswitch-hil: cannot run \(program): \(reason)")
        throw ExitCode(127)
    }

    /// The preload library, built beside this executable.
    static func preloadLibrary() throws -> String {
        let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let path = executable.deletingLastPathComponent().appendingPathComponent("libeswitch-simnic-preload.so").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw SimCommandError("the preload library is missing: \(path) (build the eswitch-simnic-preload product)")
        }
        return path
    }
}

/// Starting and stopping the background emulator of a state directory.
enum SimEmulatorProcess {
    /// Starts `eswitch-hil sim serve` for `directory` unless one answers there already.
    static func ensureRunning(host: SimHostOptions, ports: SimBackingOptions, directory: String, paths: SimStatePaths) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // One starter at a time per directory: concurrent first calls must not start two hosts.
        let lock = open(directory + "/sim.lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw SimCommandError("cannot open \(directory)/sim.lock: \(String(cString: strerror(errno)))") }
        defer { close(lock) }
        flock(lock, LOCK_EX)
        if SimSocket.isServing(paths.socket) { return }
        // A bad profile is reported here rather than through the emulator's log.
        _ = try ProfileLookup.load(host.profile)

        let process = Process()
        process.executableURL = Bundle.main.executableURL?.resolvingSymlinksInPath()
        process.arguments = ["sim", "serve"] + host.arguments + ports.arguments + ["--state", directory]
        _ = FileManager.default.createFile(atPath: paths.log, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: paths.log))
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if SimSocket.isServing(paths.socket) { return }
            if !process.isRunning {
                let text = (try? String(contentsOfFile: paths.log, encoding: .utf8)) ?? ""
                throw SimCommandError("the emulator did not start: \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            usleep(20_000)
        }
        throw SimCommandError("the emulator did not answer on \(paths.socket) within 30 s (log: \(paths.log))")
    }

    /// Ends the emulator of a state directory; false when none was running.
    static func stop(paths: SimStatePaths) -> Bool {
        defer {
            unlink(paths.socket)
            unlink(paths.pid)
        }
        guard let text = try? String(contentsOfFile: paths.pid, encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0 else { return false }
        guard kill(pid, SIGTERM) == 0 else { return false }
        for _ in 0..<250 where kill(pid, 0) == 0 { usleep(20_000) }
        if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        return true
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
