import Logging

/// A configuration value written as text, checked when it is read, so one reading of a file
/// reports every bad value with its key path (not only the first).
public protocol ConfigurationValue: Sendable, Hashable {
    /// - Throws: `ConfigurationValueError` saying what is expected.
    init(parsing text: String) throws(ConfigurationValueError)
}

/// A value of the configuration file: decoded from a string (or a plain scalar) and parsed at once.
public struct Setting<Value: ConfigurationValue>: Decodable, Hashable, Sendable {
    public var value: Value

    public init(_ value: Value) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            value = try Value(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }
}

extension PlatformSelection: ConfigurationValue {}
extension FileMode: ConfigurationValue {}
extension ListenAddress: ConfigurationValue {}

extension Logger.Level: ConfigurationValue {
    public init(parsing text: String) throws(ConfigurationValueError) {
        guard let level = Logger.Level(rawValue: text) else {
            throw ConfigurationValueError("expected one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), found '\(text)'")
        }
        self = level
    }
}

extension DaemonConfiguration.LogFormat: ConfigurationValue {
    public init(parsing text: String) throws(ConfigurationValueError) {
        guard let format = Self(rawValue: text) else { throw ConfigurationValueError("expected json or text, found '\(text)'") }
        self = format
    }
}

/// A path that must not be empty.
public struct DirectoryPath: ConfigurationValue {
    public var path: String
    public init(parsing text: String) throws(ConfigurationValueError) {
        guard !text.isEmpty else { throw ConfigurationValueError("empty path") }
        path = text
    }
}

/// A Unix socket path; it must fit `sockaddr_un.sun_path` (108 bytes with the terminating NUL).
public struct SocketPath: ConfigurationValue {
    public var path: String
    public init(parsing text: String) throws(ConfigurationValueError) {
        guard !text.isEmpty else { throw ConfigurationValueError("empty path") }
        guard text.utf8.count < 108 else {
            throw ConfigurationValueError("socket path of \(text.utf8.count) bytes is longer than the 107 a Unix socket allows")
        }
        path = text
    }
}

/// A positive duration with a unit: `500ms`, `30s`, `5m` or `1h`.
public struct DurationSetting: ConfigurationValue {
    public var duration: Duration
    public init(parsing text: String) throws(ConfigurationValueError) {
        let units: [(suffix: String, milliseconds: Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let value = Int64(text.dropLast(unit.suffix.count)), value > 0, value < Int64.max / unit.milliseconds else { break }
            duration = .milliseconds(value * unit.milliseconds)
            return
        }
        throw ConfigurationValueError("expected a positive duration such as 500ms, 30s, 5m or 1h, found '\(text)'")
    }
}
