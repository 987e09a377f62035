import ControlAPI

/// How the hook reaches the daemon. libvirt runs hooks with a cleared environment, so a file
/// (`/etc/eswitch/hook.conf`) is the way to configure an installed hook; flags and
/// `ESWITCH_HOOK_CONFIG` serve manual runs and tests.
public struct HookConfiguration: Hashable, Sendable {
    /// Where the configuration is read from unless told otherwise.
    public static let defaultPath = "/etc/eswitch/hook.conf"
    /// The environment variable naming another configuration file.
    public static let pathEnvironmentVariable = "ESWITCH_HOOK_CONFIG"
    /// Calls that only look (verify) or release (unplug) answer quickly.
    public static let defaultTimeoutSeconds = 5.0
    /// A plug may create a VF or a vDPA device and install the port's rules.
    public static let defaultPlugTimeoutSeconds = 30.0
    /// The bound on any timeout: libvirt waits for the hook with the domain locked.
    public static let maximumTimeoutSeconds = 600.0

    /// The daemon's read-write socket.
    public var socketPath: String
    /// The timeout of verify and unplug calls.
    public var timeoutSeconds: Double
    /// The timeout of each plug call.
    public var plugTimeoutSeconds: Double
    /// A file that gets one line per hook call (libvirt only logs stderr when a hook fails).
    public var logFile: String?

    public init(socketPath: String = ControlSocketPaths.readWrite, timeoutSeconds: Double = defaultTimeoutSeconds,
                plugTimeoutSeconds: Double = defaultPlugTimeoutSeconds, logFile: String? = nil) {
        self.socketPath = socketPath
        self.timeoutSeconds = timeoutSeconds
        self.plugTimeoutSeconds = plugTimeoutSeconds
        self.logFile = logFile
    }

    /// The keys of the configuration file.
    public enum Key: String, CaseIterable, Sendable {
        case socket
        case timeout
        case plugTimeout = "plug_timeout"
        case logFile = "log_file"
    }

    /// Checks a timeout given in seconds.
    /// - Throws: a message naming the setting when the value is not in (0, 600].
    public static func checkedTimeout(_ seconds: Double, name: String) throws(HookConfigurationProblem) -> Double {
        guard seconds.isFinite, seconds > 0, seconds <= maximumTimeoutSeconds else {
            throw HookConfigurationProblem("\(name) must be more than 0 and at most \(Int(maximumTimeoutSeconds)) seconds, not \(seconds)")
        }
        return seconds
    }
}

/// One thing wrong with the configuration, in one line.
public struct HookConfigurationProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
