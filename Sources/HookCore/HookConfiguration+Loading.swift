import Foundation

extension HookConfiguration {
    /// Settings given on the command line; each wins over the file.
    public struct Overrides: Hashable, Sendable {
        public var socketPath: String?
        public var timeoutSeconds: Double?
        public var plugTimeoutSeconds: Double?
        public var logFile: String?

        public init(socketPath: String? = nil, timeoutSeconds: Double? = nil, plugTimeoutSeconds: Double? = nil, logFile: String? = nil) {
            self.socketPath = socketPath
            self.timeoutSeconds = timeoutSeconds
            self.plugTimeoutSeconds = plugTimeoutSeconds
            self.logFile = logFile
        }
    }

    /// The file to read: `--config`, else `$ESWITCH_HOOK_CONFIG`, else `/etc/eswitch/hook.conf`.
    /// Only the default may be missing (then every setting keeps its default).
    public static func path(flag: String?, environment: [String: String]) -> (path: String, mayBeMissing: Bool) {
        if let flag { return (flag, false) }
        if let fromEnvironment = environment[pathEnvironmentVariable], !fromEnvironment.isEmpty { return (fromEnvironment, false) }
        return (defaultPath, true)
    }

    /// Reads the configuration file and applies the overrides.
    /// - Throws: `HookError.configuration` naming the file and what is wrong with it.
    public static func load(path: String, mayBeMissing: Bool, overrides: Overrides) throws(HookError) -> HookConfiguration {
        var configuration = HookConfiguration()
        if FileManager.default.fileExists(atPath: path) || !mayBeMissing {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw .configuration(path: path, problem: "cannot be read (\((error as NSError).localizedDescription))")
            }
            do {
                configuration = try parse(yaml: text)
            } catch {
                throw .configuration(path: path, problem: error.description)
            }
        }
        do {
            if let socket = overrides.socketPath { configuration.socketPath = socket }
            if let seconds = overrides.timeoutSeconds { configuration.timeoutSeconds = try checkedTimeout(seconds, name: "--timeout") }
            if let seconds = overrides.plugTimeoutSeconds {
                configuration.plugTimeoutSeconds = try checkedTimeout(seconds, name: "--plug-timeout")
            }
        } catch {
            throw .configuration(path: "command line", problem: error.description)
        }
        if let logFile = overrides.logFile { configuration.logFile = logFile }
        return configuration
    }
}
