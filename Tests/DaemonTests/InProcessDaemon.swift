import ControlAPI
import ControlClient
import Daemon
import Foundation
import Logging
import Synchronization

/// Runs the daemon in the test process (no signal handling) against a handler, with its state
/// and sockets in a fresh temporary directory, and collects its log lines.
final class InProcessDaemon<Handler: ControlHandler>: Sendable {
    let directory: String
    let configuration: DaemonConfiguration
    let handler: Handler
    let logs = CollectedLog()
    let metrics = DaemonMetrics()
    private let task: Mutex<Task<Void, any Error>?> = Mutex(nil)

    var readWritePath: String { configuration.readWriteSocket.path }
    var readOnlyPath: String { configuration.readOnlySocket!.path }

    /// Starts the daemon and waits until its read-write socket answers.
    init(handler: Handler, directory: String? = nil,
         configure: (inout DaemonConfiguration) -> Void = { _ in }) async throws {
        let directory = directory ?? TemporaryDirectory.make()
        self.directory = directory
        var configuration = DaemonConfiguration(
            platform: .sim(profile: "connectx-6dx"), stateDirectory: directory + "/state",
            readWriteSocket: .init(path: directory + "/rw.sock", mode: DaemonConfiguration.defaultReadWriteMode),
            readOnlySocket: .init(path: directory + "/ro.sock", mode: DaemonConfiguration.defaultReadOnlyMode))
        configure(&configuration)
        self.configuration = configuration
        self.handler = handler
        try await start()
    }

    /// Starts (again) after `stop()`, with the same directory and handler, and waits until the
    /// read-write socket answers (a refusal counts: the allow-list may exclude the test).
    func start() async throws {
        let logger = DaemonLogging.logger(label: "eswitchd-test", format: .json, level: .debug, sink: logs)
        var runner = DaemonRunner(configuration: configuration, handler: handler, logger: logger, metrics: metrics, notifier: nil)
        runner.handlesSignals = false
        let running = Task { try await runner.run() }
        task.withLock { $0 = running }
        // Generous: start-up shares the test pool with suites that block threads on a loaded 2-core machine.
        let deadline = ContinuousClock.now + .seconds(90)
        while ContinuousClock.now < deadline {
            if (try? await send(.ping)) != nil { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw DaemonStartupError("the daemon did not answer ping on \(readWritePath)")
    }

    /// Sends one request from a thread of its own (the client blocks; the daemon's tasks need the
    /// cooperative pool).
    func send(_ request: ControlRequest, on socket: SocketRole = .readWrite) async throws -> ControlResponse {
        let path = socket == .readWrite ? readWritePath : readOnlyPath
        return try await OffPool.run { try ControlClient(socketPath: path, timeout: .seconds(10)).send(request) }
    }

    /// Cancels the daemon and waits for it to finish.
    func stop() async {
        let running = task.withLock { $0 }
        running?.cancel()
        _ = await running?.result
    }
}

/// Runs blocking work on a thread outside Swift concurrency's pool.
enum OffPool {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.start()
        }
    }
}

/// Log lines kept in memory.
final class CollectedLog: LogSink {
    private let lines = Mutex<[String]>([])
    func write(line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }

    /// The lines decoded as JSON objects.
    var objects: [[String: Any]] {
        all.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
}

enum TemporaryDirectory {
    /// A new empty directory under /tmp with a short name (Unix socket paths are limited to 107 bytes).
    static func make() -> String {
        let path = "/tmp/esd-\(getpid())-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Raw socket access for tests that must misbehave (half lines, huge lines, vanishing clients).
struct RawUnixClient {
    let fd: Int32

    init(path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if result != 0 { throw DaemonStartupError("connect \(path): \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    func write(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    /// Everything until the daemon closes (or the receive timeout).
    func readAll() -> String {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            data += buffer[..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }

    func close() { Glibc.close(fd) }
}
