/// Which host the daemon drives: the real Linux kernel, or SimNIC emulating a NIC model.
public enum PlatformSelection: Hashable, Sendable, CustomStringConvertible {
    /// The real host (netlink, sysfs, libpci).
    case linux
    /// An emulated host built from a hardware profile (a name from HardwareProfiles/ or a file).
    case sim(profile: String)

    /// Parses `linux` or `sim:PROFILE`.
    /// - Throws: `ConfigurationValueError` when the value is neither.
    public init(parsing text: String) throws(ConfigurationValueError) {
        if text == "linux" {
            self = .linux
        } else if text.hasPrefix("sim:"), text.count > 4 {
            self = .sim(profile: String(text.dropFirst(4)))
        } else {
            throw ConfigurationValueError("expected 'linux' or 'sim:PROFILE', found '\(text)'")
        }
    }

    public var description: String {
        switch self {
        case .linux: return "linux"
        case .sim(let profile): return "sim:\(profile)"
        }
    }
}

/// Why one configuration value cannot be used (the caller adds the key path).
public struct ConfigurationValueError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
