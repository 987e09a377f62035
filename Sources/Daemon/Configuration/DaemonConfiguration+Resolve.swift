import ControlAPI
import EswitchConfig
import EswitchModel
import Foundation
import Logging

extension DaemonConfiguration {
    /// Reads a configuration file's text: YAML, or JSON when the name ends in `.json`.
    /// - Throws: `DaemonConfigurationError` with every syntax error, type mismatch and unknown key.
    public static func readFile(text: String, source: String) throws(DaemonConfigurationError) -> DaemonConfigurationFile {
        do {
            if source.lowercased().hasSuffix(".json") {
                return try StrictText.decodeJSON(DaemonConfigurationFile.self, from: Data(text.utf8))
            }
            return try StrictText.decodeYAML(DaemonConfigurationFile.self, from: text)
        } catch {
            throw DaemonConfigurationError(problems: error.problems, source: source)
        }
    }

    /// Merges the file and the flags (a flag wins) over the defaults and checks every value.
    /// - Parameters:
    ///   - file: The parsed configuration file, if any.
    ///   - source: The file's path, for messages.
    ///   - overrides: The command-line flags.
    /// - Throws: `DaemonConfigurationError` listing every bad or missing value with its key path
    ///   (flags are named as `--flag`).
    public static func resolve(file: DaemonConfigurationFile?, source: String?,
                               overrides: DaemonConfigurationOverrides) throws(DaemonConfigurationError) -> DaemonConfiguration {
        var resolver = Resolver()
        let file = file ?? DaemonConfigurationFile()
        let sockets = file.sockets, log = file.log, timeoutKeys = file.timeouts

        let platform = resolver.value(flag: ("--platform", overrides.platform), file: ("platform", file.platform),
                                      required: "give the platform as linux or sim:PROFILE", parse: parsePlatform)
        let stateDirectory = resolver.value(flag: ("--state-dir", overrides.stateDirectory), file: ("state_dir", file.stateDir),
                                            required: "give the state directory", parse: nonEmptyPath)
        let rwPath = resolver.value(flag: ("--socket", overrides.socket), file: ("sockets.rw.path", sockets?.rw?.path),
                                    parse: socketPath) ?? ControlSocketPaths.readWrite
        let rwMode = resolver.value(flag: nil, file: ("sockets.rw.mode", sockets?.rw?.mode), parse: fileMode) ?? defaultReadWriteMode
        let roPathGiven = resolver.value(flag: ("--ro-socket", overrides.readOnlySocket), file: ("sockets.ro.path", sockets?.ro?.path),
                                         parse: socketPath)
        let roMode = resolver.value(flag: nil, file: ("sockets.ro.mode", sockets?.ro?.mode), parse: fileMode) ?? defaultReadOnlyMode
        // The read-only socket is on by default only beside the default read-write socket, so a
        // daemon started with just `--socket` (tests, a second instance) opens nothing it was not told to.
        let roPath = roPathGiven ?? (rwPath == ControlSocketPaths.readWrite ? ControlSocketPaths.readOnly : nil)
        if let roPath, roPath == rwPath {
            resolver.problem(overrides.readOnlySocket != nil ? "--ro-socket" : "sockets.ro.path", "is the read-write socket's path too")
        }

        var access = AccessPolicy()
        if let rw = file.access?.rw { access.readWrite = allowList(rw) }
        if let ro = file.access?.ro { access.readOnly = allowList(ro) }
        if access.readWrite.uids.isEmpty && access.readWrite.gids.isEmpty {
            resolver.problem("access.rw", "allows nobody: list at least one uid or gid")
        }

        let level = resolver.value(flag: ("--log-level", overrides.logLevel), file: ("log.level", log?.level), parse: parseLogLevel) ?? .info
        let format = resolver.value(flag: ("--log-format", overrides.logFormat), file: ("log.format", log?.format), parse: parseLogFormat) ?? .json
        let metricsListen = resolver.value(flag: ("--metrics-listen", overrides.metricsListen), file: ("metrics.listen", file.metrics?.listen),
                                           parse: listenAddress)
        let interval = resolver.value(flag: nil, file: ("reconcile.interval", file.reconcile?.interval), parse: duration) ?? .seconds(30)
        var timeouts = Timeouts()
        if let value = resolver.value(flag: nil, file: ("timeouts.request", timeoutKeys?.request), parse: duration) { timeouts.request = value }
        if let value = resolver.value(flag: nil, file: ("timeouts.ready", timeoutKeys?.ready), parse: duration) { timeouts.ready = value }
        if let value = resolver.value(flag: nil, file: ("timeouts.shutdown", timeoutKeys?.shutdown), parse: duration) { timeouts.shutdown = value }

        guard resolver.problems.isEmpty, let platform, let stateDirectory else {
            throw DaemonConfigurationError(problems: resolver.problems, source: source)
        }
        return DaemonConfiguration(
            platform: platform, stateDirectory: stateDirectory,
            readWriteSocket: SocketSettings(path: rwPath, mode: rwMode),
            readOnlySocket: roPath.map { SocketSettings(path: $0, mode: roMode) },
            access: access, logLevel: level, logFormat: format, metricsListen: metricsListen,
            reconcileInterval: interval, timeouts: timeouts)
    }

    static func parsePlatform(_ text: String) throws -> PlatformSelection { try PlatformSelection(parsing: text) }
    static func fileMode(_ text: String) throws -> FileMode { try FileMode(parsing: text) }
    static func listenAddress(_ text: String) throws -> ListenAddress { try ListenAddress(parsing: text) }

    static func allowList(_ principals: DaemonConfigurationFile.Principals) -> AllowList {
        AllowList(uids: Set((principals.uids ?? []).map { UnixUserID($0) }), gids: Set((principals.gids ?? []).map { UnixGroupID($0) }))
    }

    static func nonEmptyPath(_ text: String) throws -> String {
        guard !text.isEmpty else { throw ConfigurationValueError("empty path") }
        return text
    }

    static func parseLogLevel(_ text: String) throws -> Logger.Level {
        guard let level = Logger.Level(rawValue: text) else {
            throw ConfigurationValueError("expected one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), found '\(text)'")
        }
        return level
    }

    static func parseLogFormat(_ text: String) throws -> LogFormat {
        guard let format = LogFormat(rawValue: text) else { throw ConfigurationValueError("expected json or text, found '\(text)'") }
        return format
    }

    static func duration(_ text: String) throws -> Duration { try ConfigDuration.parse(text) }

    /// A Unix socket path must fit `sockaddr_un.sun_path` (108 bytes with its terminating NUL).
    static func socketPath(_ text: String) throws -> String {
        guard !text.isEmpty else { throw ConfigurationValueError("empty path") }
        guard text.utf8.count < 108 else { throw ConfigurationValueError("socket path of \(text.utf8.count) bytes is longer than the 107 a Unix socket allows") }
        return text
    }
}

/// Collects problems while values are picked from flags and the file.
private struct Resolver {
    var problems: [ValidationProblem] = []

    mutating func problem(_ path: String, _ message: String) {
        problems.append(ValidationProblem(path: path, message: message))
    }

    /// The flag's value if given, else the file's; parsed, with a problem recorded under the key
    /// the value came from. `required` records a problem when neither gives a value.
    mutating func value<T>(flag: (name: String, value: String?)?, file: (key: String, value: String?), required: String? = nil,
                           parse: (String) throws -> T) -> T? {
        let chosen: (String, String)? = flag.flatMap { flag in flag.value.map { (flag.name, $0) } } ?? file.value.map { (file.key, $0) }
        guard let (path, text) = chosen else {
            if let required { problem(file.key, "missing (\(required), in the file or with \(flag?.name ?? "the file"))") }
            return nil
        }
        do {
            return try parse(text)
        } catch {
            problem(path, (error as? ConfigurationValueError)?.message ?? "\(error)")
            return nil
        }
    }
}
