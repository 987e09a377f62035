#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Platform
import Synchronization

/// Finds the emulator process of a state directory, or starts one: the emulated "hardware" then
/// lives in its own process, as a NIC outlives the daemon driving it.
///
/// An emulator that answers on the directory's socket is used as it is. A pid file or socket left by
/// an emulator that died is removed; a live emulator that does not answer within the start timeout
/// is reported, never killed. A new emulator is `EXECUTABLE sim serve --state DIR ARGUMENTS...`,
/// spawned in its own session (a signal to the starter's process group or the starter's death does
/// not reach it) with its output in `DIR/sim.log`.
public struct SimEmulatorLauncher: Sendable {
    /// The emulator's files.
    public var files: SimEmulatorFiles
    /// The `eswitch-hil` executable.
    public var executable: String
    /// The host and backing options after `sim serve --state DIR`.
    public var arguments: [String]
    /// Variables added to the emulator's environment (e.g. ESWITCH_PROFILES_DIR).
    public var environment: [String: String]
    /// How long a new (or starting) emulator may take to answer.
    public var startTimeout: Duration

    /// What ``attach()`` found or started.
    public struct Attachment: Sendable {
        /// The emulator's description, as it answered.
        public var description: SimEmulatorDescription
        /// True when this call started it.
        public var started: Bool
        /// Stale files that were removed first (a pid file of a dead process, a socket nobody serves).
        public var removedStaleFiles: [String]
    }

    public init(directory: String, executable: String, arguments: [String], environment: [String: String] = [:],
                startTimeout: Duration = .seconds(60)) {
        files = SimEmulatorFiles(directory: directory)
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.startTimeout = startTimeout
    }

    /// The emulator serving the directory, started when none does.
    /// - Throws: ``SimRemoteError`` saying why there is none: the directory cannot be made, the
    ///   executable cannot be spawned, the emulator exited at start (with the end of its log), or
    ///   did not answer within the timeout.
    public func attach() throws(SimRemoteError) -> Attachment {
        try makeDirectories(files.directory)
        let lock = open(files.lock, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw SimRemoteError("open \(files.lock)", errno: Errno(errno)) }
        defer { close(lock) }
        while flock(lock, LOCK_EX) < 0 && errno == EINTR {}

        if let description = try? describe() { return Attachment(description: description, started: false, removedStaleFiles: []) }
        if let pid = recordedPid(), isEmulator(pid) {
            // Alive but not answering yet: an emulator still setting up its devices.
            return Attachment(description: try waitForAnswer(pid: pid, child: nil), started: false, removedStaleFiles: [])
        }
        var removed: [String] = []
        for path in [files.pid, files.socket] where FileManager.default.fileExists(atPath: path) {
            unlink(path)
            removed.append(path)
        }
        let child = try spawn()
        return Attachment(description: try waitForAnswer(pid: child.pid, child: child), started: true, removedStaleFiles: removed)
    }

    /// Asks the emulator at the socket to describe itself.
    public func describe() throws(SimRemoteError) -> SimEmulatorDescription {
        try SimEmulatorControl(connection: SimRemoteConnection(path: files.socket, timeout: .seconds(5))).describe()
    }

    /// The pid in the pid file, if there is a number there.
    func recordedPid() -> pid_t? {
        guard let text = try? String(contentsOfFile: files.pid, encoding: .utf8) else { return nil }
        return pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)).flatMap { $0 > 0 ? $0 : nil }
    }

    /// True when `pid` is a live `sim serve` of this directory (not a process that reused the pid).
    func isEmulator(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM,
              let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        guard let state = words.firstIndex(of: "--state"), state + 1 < words.count else { return false }
        return words.contains("serve") && URL(fileURLWithPath: words[state + 1]).standardizedFileURL.path
            == URL(fileURLWithPath: files.directory).standardizedFileURL.path
    }

    /// Polls until the emulator answers, its process exits, or the start timeout passes.
    private func waitForAnswer(pid: pid_t, child: SpawnedEmulator?) throws(SimRemoteError) -> SimEmulatorDescription {
        let deadline = ContinuousClock.now + startTimeout
        while ContinuousClock.now < deadline {
            if let description = try? describe() { return description }
            let exited = child.map { $0.exitStatus != nil } ?? (kill(pid, 0) != 0 && errno == ESRCH)
            if exited {
                throw SimRemoteError("the emulator (pid \(pid)) exited while starting: \(logTail())", errno: Errno(ECHILD))
            }
            usleep(20_000)
        }
        throw SimRemoteError("the emulator (pid \(pid)) did not answer on \(files.socket) within \(startTimeout) (log: \(files.log))", errno: .timedOut)
    }

    /// The last lines of the emulator's log, on one line.
    func logTail() -> String {
        let text = (try? String(contentsOfFile: files.log, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").suffix(3).joined(separator: " | ")
        return lines.isEmpty ? "no output (log \(files.log))" : lines
    }

    /// The descriptors open in this process (glibc's posix_spawn ignores EBADF when one of them is
    /// closed before the spawn).
    static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    }

    /// POSIX_SPAWN_SETSID (/usr/include/spawn.h, glibc 2.26 and later; declared only under
    /// _GNU_SOURCE, so Swift does not see it): the child calls setsid().
    static let spawnSetSID: Int32 = 0x80

    /// Spawns the emulator in a session of its own, output appended to the log.
    private func spawn() throws(SimRemoteError) -> SpawnedEmulator {
        let argv = [executable, "sim", "serve", "--state", files.directory] + arguments
        var variables = ProcessInfo.processInfo.environment.filter { $0.key != "NOTIFY_SOCKET" && $0.key != "LISTEN_FDS" && $0.key != "LISTEN_PID" }
        variables.merge(environment) { $1 }
        let envp = variables.map { "\($0.key)=\($0.value)" }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Default dispositions and an empty mask: the emulator must be stoppable with SIGTERM even
        // when its starter ignores or blocks signals (as a service manager's child may).
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(Self.spawnSetSID | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, files.log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else of the starter's: an inherited descriptor would outlive it in the emulator
        // (a socket a supervisor watches for the starter's exit, a listening socket, a lock).
        for fd in Self.openDescriptors() where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        var pid = pid_t()
        let result = withCStrings(argv) { argvPointer in
            withCStrings(envp) { envPointer in posix_spawn(&pid, executable, &actions, &attributes, argvPointer, envPointer) }
        }
        guard result == 0 else { throw SimRemoteError("spawn \(executable)", errno: Errno(result)) }
        return SpawnedEmulator(pid: pid)
    }
}

/// A child emulator: a thread waits for it, so that it never stays a zombie and its exit during
/// start-up is seen at once.
final class SpawnedEmulator: Sendable {
    let pid: pid_t
    private let status = Mutex<Int32?>(nil)

    init(pid: pid_t) {
        self.pid = pid
        Thread.detachNewThread { [self] in
            var raw: Int32 = 0
            var result: pid_t
            repeat { result = waitpid(pid, &raw, 0) } while result < 0 && errno == EINTR
            status.withLock { $0 = result == pid ? raw : -1 }
        }
    }

    /// The wait status once the process has exited.
    var exitStatus: Int32? { status.withLock { $0 } }
}

/// `mkdir -p`, with the errno of the step that failed.
private func makeDirectories(_ path: String) throws(SimRemoteError) {
    var prefix = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
        prefix += "/" + component
        if mkdir(prefix, 0o755) < 0 && errno != EEXIST {
            throw SimRemoteError("create the emulator directory \(prefix)", errno: Errno(errno))
        }
    }
}

/// Runs `body` with a NULL-terminated C array of copies of `strings`.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return body(pointers)
}
