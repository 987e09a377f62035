import Foundation
import HookCore
#if canImport(Glibc)
import Glibc
#endif

/// A real libvirtd 9 with eswitch-hook installed in /etc/libvirt/hooks/qemu.d and its
/// configuration pointing at a fake eswitchd. It starts virtlogd and libvirtd itself and puts
/// everything back afterwards; when something it needs is missing, it throws the reason.
final class LibvirtLab {
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    static let lockPath = "/run/lock/eswitch-libvirt-test.lock"
    static let libvirtdPidFile = "/run/libvirtd.pid"
    static let virtlogdPidFile = "/run/virtlogd.pid"
    static let hookPath = "/etc/libvirt/hooks/qemu.d/eswitch"
    static let virsh = "/usr/bin/virsh"

    let daemon: FakeEswitchd
    let directory: URL
    let logFile: URL
    private var lockDescriptor: Int32 = -1
    private var startedDaemons: [(name: String, pidFile: String)] = []
    private var domains: [String] = []
    private var backups: [(original: String, backup: String)] = []
    private var installedHook = false
    private var wroteConfiguration = false
    private var createdConfigurationDirectory = false

    init(daemon: FakeEswitchd) throws {
        self.daemon = daemon
        directory = URL(fileURLWithPath: "/tmp/eswitch-libvirt-\(getpid())-\(UUID().uuidString.prefix(6))")
        logFile = directory.appendingPathComponent("hook.log")
        do {
            try start()
        } catch {
            tearDown()
            throw error
        }
    }

    private func start() throws {
        guard getuid() == 0 else { throw Unavailable(description: "the libvirt test runs libvirtd and needs root") }
        for program in ["/usr/sbin/libvirtd", "/usr/sbin/virtlogd", Self.virsh] where !FileManager.default.isExecutableFile(atPath: program) {
            throw Unavailable(description: "\(program) is missing (Tools/bootstrap installs libvirt-daemon-system, libvirt-clients, qemu-system-x86)")
        }
        // One libvirt test at a time on this machine: hooks and pid files are machine-wide.
        lockDescriptor = open(Self.lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lockDescriptor >= 0, flock(lockDescriptor, LOCK_EX) == 0 else {
            throw Unavailable(description: "cannot lock \(Self.lockPath): errno \(errno)")
        }
        if let pid = Self.livePid(Self.libvirtdPidFile) {
            throw Unavailable(description: "another libvirtd (pid \(pid)) is running; it would not load the hook installed now (stop it first)")
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

        try backUp(HookConfiguration.defaultPath)
        if !FileManager.default.fileExists(atPath: "/etc/eswitch") {
            try FileManager.default.createDirectory(atPath: "/etc/eswitch", withIntermediateDirectories: true)
            createdConfigurationDirectory = true
        }
        try Data("socket: \(daemon.socketPath)\ntimeout: 5\nplug_timeout: 10\nlog_file: \(logFile.path)\n".utf8)
            .write(to: URL(fileURLWithPath: HookConfiguration.defaultPath))
        wroteConfiguration = true

        try backUp(Self.hookPath)
        let install = try SystemCommand.run("/bin/bash", [HookFixtures.repositoryRoot.appendingPathComponent("Tools/install-hook").path,
                                                          "--binary", HookProcess.executable.path])
        guard install.status == 0 else { throw Unavailable(description: "Tools/install-hook failed: \(install.stderr)") }
        installedHook = true

        if Self.livePid(Self.virtlogdPidFile) == nil { try startDaemon("virtlogd", pidFile: Self.virtlogdPidFile) }
        try startDaemon("libvirtd", pidFile: Self.libvirtdPidFile)
        for _ in 0..<300 {
            if try SystemCommand.run(Self.virsh, ["-c", "qemu:///system", "version"]).status == 0 { return }
            usleep(100_000)
        }
        throw Unavailable(description: "libvirtd started but did not answer virsh within 30 s")
    }

    private func startDaemon(_ name: String, pidFile: String) throws {
        // `-d` forks into the background; the foreground part's exit status says whether it got going.
        let log = directory.appendingPathComponent("\(name).out")
        let status = try SystemCommand.startDaemon("/usr/sbin/\(name)", ["-d"], log: log)
        guard status == 0 else {
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw Unavailable(description: "\(name) -d exited with \(status): \(output.split(whereSeparator: \.isNewline).joined(separator: " "))")
        }
        for _ in 0..<100 where Self.livePid(pidFile) == nil { usleep(50_000) }
        guard Self.livePid(pidFile) != nil else { throw Unavailable(description: "\(name) started but wrote no live pid to \(pidFile)") }
        startedDaemons.append((name, pidFile))
    }

    /// Defines a domain from XML text (destroyed and undefined again at tear-down).
    func define(_ name: String, xml: String) throws {
        let file = directory.appendingPathComponent("\(name).xml")
        try Data(xml.utf8).write(to: file)
        let result = try virsh(["define", file.path])
        guard result.status == 0 else { throw Unavailable(description: "virsh define failed: \(result.stderr)") }
        domains.append(name)
    }

    func virsh(_ arguments: [String]) throws -> SystemCommand.Result {
        try SystemCommand.run(Self.virsh, ["-c", "qemu:///system"] + arguments)
    }

    /// The operations the hook logged for `domain`, in order (`prepare begin`, ...).
    func loggedOperations(of domain: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: logFile.path) else { return [] }
        return try String(contentsOf: logFile, encoding: .utf8).split(separator: "\n").compactMap { line in
            guard let start = line.range(of: "] \(domain) ") else { return nil }
            let words = line[start.upperBound...].split(separator: " ")
            return words.count >= 2 ? "\(words[0]) \(words[1])" : nil
        }
    }

    /// Removes the domains, stops the daemons it started, restores the hook and the configuration.
    func tearDown() {
        for domain in domains {
            _ = try? virsh(["destroy", domain])
            _ = try? virsh(["undefine", domain])
        }
        domains = []
        for daemon in startedDaemons.reversed() {
            guard let pid = Self.livePid(daemon.pidFile) else { continue }
            kill(pid, SIGTERM)
            for _ in 0..<200 where Self.isRunning(pid) { usleep(50_000) }
            if Self.isRunning(pid) { kill(pid, SIGKILL) }
        }
        startedDaemons = []
        if installedHook { try? FileManager.default.removeItem(atPath: Self.hookPath) }
        if wroteConfiguration { try? FileManager.default.removeItem(atPath: HookConfiguration.defaultPath) }
        installedHook = false
        wroteConfiguration = false
        for entry in backups.reversed() { _ = rename(entry.backup, entry.original) }
        backups = []
        if createdConfigurationDirectory { _ = rmdir("/etc/eswitch") }
        createdConfigurationDirectory = false
        try? FileManager.default.removeItem(at: directory)
        if lockDescriptor >= 0 {
            flock(lockDescriptor, LOCK_UN)
            close(lockDescriptor)
            lockDescriptor = -1
        }
    }

    private func backUp(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let backup = path + ".eswitch-test-\(getpid())"
        guard rename(path, backup) == 0 else { throw Unavailable(description: "cannot move \(path) aside: errno \(errno)") }
        backups.append((path, backup))
    }

    /// The pid in `pidFile` when that process runs.
    static func livePid(_ pidFile: String) -> pid_t? {
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), isRunning(pid) else { return nil }
        return pid
    }

    /// True while `pid` exists and is not a zombie (a daemonized process is reaped by someone else).
    static func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(close, offsetBy: 2)] != "Z"
    }
}
