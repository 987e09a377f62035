/// Values given as command-line flags; each one replaces the file's value.
public struct DaemonConfigurationOverrides: Hashable, Sendable {
    public var platform: String?
    public var stateDirectory: String?
    public var socket: String?
    public var readOnlySocket: String?
    public var logLevel: String?
    public var logFormat: String?
    public var metricsListen: String?

    public init(platform: String? = nil, stateDirectory: String? = nil, socket: String? = nil, readOnlySocket: String? = nil,
                logLevel: String? = nil, logFormat: String? = nil, metricsListen: String? = nil) {
        self.platform = platform
        self.stateDirectory = stateDirectory
        self.socket = socket
        self.readOnlySocket = readOnlySocket
        self.logLevel = logLevel
        self.logFormat = logFormat
        self.metricsListen = metricsListen
    }
}
