import ControlAPI
import EswitchConfig
import EswitchModel
import Foundation
import Logging

extension DaemonConfiguration {
    /// Reads a configuration file's text: YAML, or JSON when the name ends in `.json`.
    /// - Throws: `DaemonConfigurationError` with every syntax error, type mismatch, bad value and
    ///   unknown key, each with its key path.
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

    /// Merges the file and the flags (a flag wins) over the defaults and checks what is missing
    /// or inconsistent.
    /// - Parameters:
    ///   - file: The parsed configuration file, if any.
    ///   - source: The file's path, for messages.
    ///   - overrides: The command-line flags.
    /// - Throws: `DaemonConfigurationError` listing every problem with its key path (flags are
    ///   named as `--flag`).
    public static func resolve(file: DaemonConfigurationFile?, source: String?,
                               overrides: DaemonConfigurationOverrides) throws(DaemonConfigurationError) -> DaemonConfiguration {
        var resolver = Resolver()
        let file = file ?? DaemonConfigurationFile()
        let sockets = file.sockets, log = file.log, timeoutKeys = file.timeouts

        let platform = resolver.pick(flag: ("--platform", overrides.platform), file: ("platform", file.platform),
                                     required: "give the platform as linux or sim:PROFILE")
        let stateDirectory = resolver.pick(flag: ("--state-dir", overrides.stateDirectory), file: ("state_dir", file.stateDir),
                                           required: "give the state directory")
        let rwPath = resolver.pick(flag: ("--socket", overrides.socket), file: ("sockets.rw.path", sockets?.rw?.path))?.path
            ?? ControlSocketPaths.readWrite
        let rwMode = sockets?.rw?.mode?.value ?? defaultReadWriteMode
        let roPathGiven = resolver.pick(flag: ("--ro-socket", overrides.readOnlySocket), file: ("sockets.ro.path", sockets?.ro?.path))?.path
        let roMode = sockets?.ro?.mode?.value ?? defaultReadOnlyMode
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

        let level = resolver.pick(flag: ("--log-level", overrides.logLevel), file: ("log.level", log?.level)) ?? .info
        let format = resolver.pick(flag: ("--log-format", overrides.logFormat), file: ("log.format", log?.format)) ?? .json
        let metricsListen = resolver.pick(flag: ("--metrics-listen", overrides.metricsListen), file: ("metrics.listen", file.metrics?.listen))
        var timeouts = Timeouts()
        if let value = timeoutKeys?.request?.value { timeouts.request = value.duration }
        if let value = timeoutKeys?.ready?.value { timeouts.ready = value.duration }
        if let value = timeoutKeys?.shutdown?.value { timeouts.shutdown = value.duration }

        let sim = resolver.simSettings(file.sim)

        guard resolver.problems.isEmpty, let platform, let stateDirectory else {
            throw DaemonConfigurationError(problems: resolver.problems, source: source)
        }
        return DaemonConfiguration(
            platform: platform, stateDirectory: stateDirectory.path,
            readWriteSocket: SocketSettings(path: rwPath, mode: rwMode),
            readOnlySocket: roPath.map { SocketSettings(path: $0, mode: roMode) },
            access: access, logLevel: level, logFormat: format, metricsListen: metricsListen,
            reconcileInterval: file.reconcile?.interval?.value.duration ?? .seconds(30), timeouts: timeouts, sim: sim)
    }

    static func allowList(_ principals: DaemonConfigurationFile.Principals) -> AllowList {
        AllowList(uids: Set((principals.uids ?? []).map { UnixUserID($0) }), gids: Set((principals.gids ?? []).map { UnixGroupID($0) }))
    }
}

/// Collects problems while values are picked from flags and the file.
struct Resolver {
    var problems: [ValidationProblem] = []

    mutating func problem(_ path: String, _ message: String) {
        problems.append(ValidationProblem(path: path, message: message))
    }

    /// The flag's value (parsed here) if given, else the file's (parsed when read). `required`
    /// records a problem when neither gives a value.
    mutating func pick<Value: ConfigurationValue>(flag: (name: String, text: String?), file: (key: String, setting: Setting<Value>?),
                                                  required: String? = nil) -> Value? {
        if let text = flag.text {
            do {
                return try Value(parsing: text)
            } catch {
                problem(flag.name, error.message)
                return nil
            }
        }
        if let setting = file.setting { return setting.value }
        if let required { problem(file.key, "missing (\(required), in the file or with \(flag.name))") }
        return nil
    }
}
