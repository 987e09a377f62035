import Logging

/// The configuration file as written (YAML or JSON). Every key is optional here: flags may supply
/// what the file leaves out, and `DaemonConfiguration.resolve` reports what is missing or wrong.
/// Unknown keys are refused by the strict reader (the `CodingKeys` are the whole vocabulary).
public struct DaemonConfigurationFile: Decodable, Hashable, Sendable {
    public var platform: Setting<PlatformSelection>?
    public var stateDir: Setting<DirectoryPath>?
    public var sockets: Sockets?
    public var access: Access?
    public var log: Log?
    public var metrics: Metrics?
    public var reconcile: Reconcile?
    public var timeouts: Timeouts?
    public var sim: Sim?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case platform, stateDir = "state_dir", sockets, access, log, metrics, reconcile, timeouts, sim
    }

    public struct Sockets: Decodable, Hashable, Sendable {
        public var rw: Socket?
        public var ro: Socket?
        enum CodingKeys: String, CodingKey, CaseIterable { case rw, ro }
    }

    public struct Socket: Decodable, Hashable, Sendable {
        public var path: Setting<SocketPath>?
        /// Octal text (`"0660"`); an unquoted `0660` is read as the same digits.
        public var mode: Setting<FileMode>?
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
        public var level: Setting<Logger.Level>?
        public var format: Setting<DaemonConfiguration.LogFormat>?
        enum CodingKeys: String, CodingKey, CaseIterable { case level, format }
    }

    public struct Metrics: Decodable, Hashable, Sendable {
        public var listen: Setting<ListenAddress>?
        enum CodingKeys: String, CodingKey, CaseIterable { case listen }
    }

    public struct Reconcile: Decodable, Hashable, Sendable {
        public var interval: Setting<DurationSetting>?
        enum CodingKeys: String, CodingKey, CaseIterable { case interval }
    }

    public struct Timeouts: Decodable, Hashable, Sendable {
        public var request: Setting<DurationSetting>?
        public var ready: Setting<DurationSetting>?
        public var shutdown: Setting<DurationSetting>?
        enum CodingKeys: String, CodingKey, CaseIterable { case request, ready, shutdown }
    }

    /// The emulator of `platform: sim:PROFILE` (``SimEmulatorSettings``).
    public struct Sim: Decodable, Hashable, Sendable {
        public var pfs: Int?
        public var vfs: Int?
        public var backing: Setting<SimEmulatorSettings.Backing>?
        public var nodeNetns: String?
        public var vmNetnsPrefix: String?
        public var underlayNetns: String?
        public var emulator: Setting<DirectoryPath>?
        public var startTimeout: Setting<DurationSetting>?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case pfs, vfs, backing, emulator
            case nodeNetns = "node_netns", vmNetnsPrefix = "vm_netns_prefix", underlayNetns = "underlay_netns"
            case startTimeout = "start_timeout"
        }
    }

    public init() {}
}
