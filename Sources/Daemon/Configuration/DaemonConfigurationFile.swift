/// The configuration file as written (YAML or JSON). Every key is optional here: flags may supply
/// what the file leaves out, and `DaemonConfiguration.resolve` reports what is missing or wrong.
/// Unknown keys are refused by the strict reader (the `CodingKeys` are the whole vocabulary).
public struct DaemonConfigurationFile: Decodable, Hashable, Sendable {
    public var platform: String?
    public var stateDir: String?
    public var sockets: Sockets?
    public var access: Access?
    public var log: Log?
    public var metrics: Metrics?
    public var reconcile: Reconcile?
    public var timeouts: Timeouts?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case platform, stateDir = "state_dir", sockets, access, log, metrics, reconcile, timeouts
    }

    public struct Sockets: Decodable, Hashable, Sendable {
        public var rw: Socket?
        public var ro: Socket?
        enum CodingKeys: String, CodingKey, CaseIterable { case rw, ro }
    }

    public struct Socket: Decodable, Hashable, Sendable {
        public var path: String?
        /// Octal text (`"0660"`); an unquoted `0660` is read as the same digits.
        public var mode: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case path, mode }
    }

    public struct Access: Decodable, Hashable, Sendable {
        public var rw: Principals?
        public var ro: Principals?
        enum CodingKeys: String, CodingKey, CaseIterable { case rw, ro }
    }

    public struct Principals: Decodable, Hashable, Sendable {
        public var uids: [UInt32]?
        public var gids: [UInt32]?
        enum CodingKeys: String, CodingKey, CaseIterable { case uids, gids }
    }

    public struct Log: Decodable, Hashable, Sendable {
        public var level: String?
        public var format: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case level, format }
    }

    public struct Metrics: Decodable, Hashable, Sendable {
        public var listen: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case listen }
    }

    public struct Reconcile: Decodable, Hashable, Sendable {
        public var interval: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case interval }
    }

    public struct Timeouts: Decodable, Hashable, Sendable {
        public var request: String?
        public var ready: String?
        public var shutdown: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case request, ready, shutdown }
    }

    public init() {}
}
