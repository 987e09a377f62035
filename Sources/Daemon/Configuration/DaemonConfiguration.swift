import Logging

/// Everything eswitchd needs to start, after the configuration file and the flags are merged.
public struct DaemonConfiguration: Hashable, Sendable {
    /// A socket to serve the local API on.
    public struct SocketSettings: Hashable, Sendable {
        public var path: String
        public var mode: FileMode
        public init(path: String, mode: FileMode) {
            self.path = path
            self.mode = mode
        }
    }

    /// How long things may take.
    public struct Timeouts: Hashable, Sendable {
        /// A client must send its request line within this time after connecting.
        public var request: Duration
        /// Longest a request waits for the first reconcile before it is refused as unavailable.
        public var ready: Duration
        /// Longest the daemon waits for requests in progress when it shuts down.
        public var shutdown: Duration
        public init(request: Duration = .seconds(10), ready: Duration = .seconds(60), shutdown: Duration = .seconds(20)) {
            self.request = request
            self.ready = ready
            self.shutdown = shutdown
        }
    }

    public enum LogFormat: String, Hashable, Sendable, CaseIterable {
        /// One JSON object per line (for journald / log shippers).
        case json
        /// One human-readable line per event.
        case text
    }

    public var platform: PlatformSelection
    /// Where the durable state lives (and, for `sim:`, the emulator's files in `sim/`).
    public var stateDirectory: String
    public var readWriteSocket: SocketSettings
    public var readOnlySocket: SocketSettings?
    public var access: AccessPolicy
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    /// Where `GET /metrics` is served; nil serves no metrics.
    public var metricsListen: ListenAddress?
    public var reconcileInterval: Duration
    public var timeouts: Timeouts
    /// The emulator of `sim:PROFILE` (unused on `linux`).
    public var sim: SimEmulatorSettings

    public init(platform: PlatformSelection, stateDirectory: String,
                readWriteSocket: SocketSettings, readOnlySocket: SocketSettings? = nil,
                access: AccessPolicy = AccessPolicy(), logLevel: Logger.Level = .info, logFormat: LogFormat = .json,
                metricsListen: ListenAddress? = nil, reconcileInterval: Duration = .seconds(30), timeouts: Timeouts = Timeouts(),
                sim: SimEmulatorSettings = SimEmulatorSettings()) {
        self.platform = platform
        self.stateDirectory = stateDirectory
        self.readWriteSocket = readWriteSocket
        self.readOnlySocket = readOnlySocket
        self.access = access
        self.logLevel = logLevel
        self.logFormat = logFormat
        self.metricsListen = metricsListen
        self.reconcileInterval = reconcileInterval
        self.timeouts = timeouts
        self.sim = sim
    }

    /// The read-write socket is group-writable so the configured gids can connect; the read-only
    /// socket is open to everyone and the allow-list decides.
    public static let defaultReadWriteMode = FileMode(rawValue: 0o660)
    public static let defaultReadOnlyMode = FileMode(rawValue: 0o666)
}
