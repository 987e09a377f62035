import ControlAPI
import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// One local API socket (read-write or read-only) as a service: binds the Unix socket, sets its
/// mode, serves connections concurrently, and on graceful shutdown stops accepting, lets requests
/// in progress finish (up to the shutdown timeout) and removes the socket file.
public struct ControlSocketServer<Handler: ControlHandler>: Service {
    private let settings: DaemonConfiguration.SocketSettings
    private let role: SocketRole
    private let dispatcher: ControlDispatcher<Handler>
    private let requestTimeout: Duration
    private let shutdownTimeout: Duration
    private let logger: Logger
    private let activity = ActivityTracker()

    public init(settings: DaemonConfiguration.SocketSettings, role: SocketRole, dispatcher: ControlDispatcher<Handler>,
                requestTimeout: Duration, shutdownTimeout: Duration, logger: Logger) {
        self.settings = settings
        self.role = role
        self.dispatcher = dispatcher
        self.requestTimeout = requestTimeout
        self.shutdownTimeout = shutdownTimeout
        self.logger = logger
    }

    public func run() async throws {
        let path = settings.path
        try Self.prepare(path: path)
        let (role, dispatcher, requestTimeout, activity) = (self.role, self.dispatcher, self.requestTimeout, self.activity)
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(ControlLineDecoder(maximumLength: ControlFraming.maximumLineLength)))
                    try channel.pipeline.syncOperations.addHandler(
                        ControlConnectionHandler(role: role, dispatcher: dispatcher, requestTimeout: requestTimeout, activity: activity))
                }
            }
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true).get()
        guard chmod(path, mode_t(settings.mode.rawValue)) == 0 else {
            let reason = String(cString: strerror(errno))
            try? await server.close()
            throw DaemonStartupError("cannot set mode \(settings.mode) on \(path): \(reason)")
        }
        logger.info("listening", metadata: ["socket": "\(role)", "path": "\(path)", "mode": "\(settings.mode)"])
        try? await gracefulShutdown()
        try? await server.close()
        let left = await activity.waitUntilIdle(timeout: shutdownTimeout)
        if left > 0 { logger.warning("requests still in progress at shutdown", metadata: ["socket": "\(role)", "count": "\(left)"]) }
        unlink(path)
    }

    /// Creates the socket's directory and refuses to take over a socket another daemon serves.
    static func prepare(path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        }
        if isServed(path) { throw DaemonStartupError("another process is serving \(path) (is eswitchd already running?)") }
    }

    /// True when something accepts connections on the Unix socket at `path`.
    static func isServed(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0 }
        }
    }
}

/// Why the daemon cannot start, in one line.
public struct DaemonStartupError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
