import ControlAPI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A blocking client of eswitchd's local API: connects to the Unix socket, sends one request
/// line, reads one response line, closes. Connecting, sending and receiving share one deadline.
///
/// The connection stays open until the answer has been read: the daemon takes a connection closed
/// before its reply as a client that died, and rolls the request back (a killed hook leaves
/// nothing allocated).
public struct ControlClient: Sendable {
    public let socketPath: String
    public let timeout: Duration
    /// A signal watcher that ends the wait early (the hook's SIGTERM/SIGINT); nil: only the deadline.
    public let interruption: (any ControlCallInterruption)?

    /// - Parameters:
    ///   - socketPath: The daemon's socket (read-write or read-only).
    ///   - timeout: The longest the whole exchange may take.
    ///   - interruption: Ends the wait when it fires (see `ControlCallInterruption`).
    public init(socketPath: String, timeout: Duration = .seconds(30), interruption: (any ControlCallInterruption)? = nil) {
        self.socketPath = socketPath
        self.timeout = timeout
        self.interruption = interruption
    }

    /// Sends `request` and returns the daemon's response (which may be a `.failure`).
    /// - Throws: `ControlClientError` when the daemon cannot be reached or answers nonsense.
    public func send(_ request: ControlRequest) throws(ControlClientError) -> ControlResponse {
        let line: Data
        do {
            line = try ControlFraming.encodeLine(request)
        } catch {
            throw ControlClientError(socketPath: socketPath, kind: .protocolViolation, detail: "cannot encode the request: \(error)")
        }
        var connection = ControlConnection(path: socketPath, deadline: ContinuousClock.now + timeout, interruption: interruption)
        defer { connection.close() }
        try connection.connect()
        try connection.write(Array(line))
        let reply = try connection.readLine(limit: ControlFraming.maximumLineLength)
        do {
            return try ControlFraming.decodeLine(ControlResponse.self, from: Data(reply))
        } catch {
            throw ControlClientError(socketPath: socketPath, kind: .protocolViolation, detail: "unreadable response: \(error)")
        }
    }
}

/// Something that can end a client's wait early: a descriptor that becomes readable when it fires.
public protocol ControlCallInterruption: Sendable {
    /// Polled together with the socket; readable once the interruption fired.
    var readDescriptor: Int32 { get }
    /// True once it fired (may consume the descriptor's readiness).
    var isInterrupted: Bool { get }
    /// What fired, for messages (`SIGTERM`).
    var signalName: String { get }
}

/// Why the daemon could not be asked, in one line naming the socket.
public struct ControlClientError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// Nothing listens on the socket (no file, or connection refused).
        case notRunning
        /// The socket exists but this user may not open it.
        case permissionDenied
        /// The daemon did not answer in time.
        case timeout
        /// The connection broke while sending or receiving.
        case connectionLost
        /// The daemon closed the connection without answering.
        case closedWithoutAnswer
        /// The interruption fired (`detail` names the signal).
        case interrupted
        /// The answer was not a response line.
        case protocolViolation
    }

    public var socketPath: String
    public var kind: Kind
    public var detail: String
    /// The errno of the failed system call, when one failed.
    public var errno: Int32?

    public init(socketPath: String, kind: Kind, detail: String, errno: Int32? = nil) {
        self.socketPath = socketPath
        self.kind = kind
        self.detail = detail
        self.errno = errno
    }

    /// True when the daemon may have acted on the request although no answer arrived; false when
    /// nothing was sent (the connection failed).
    public var outcomeUnknown: Bool {
        switch kind {
        case .notRunning, .permissionDenied: return false
        case .timeout, .connectionLost, .closedWithoutAnswer, .interrupted, .protocolViolation: return true
        }
    }

    public var description: String {
        switch kind {
        case .notRunning: return "eswitchd is not running (cannot connect to \(socketPath): \(detail))"
        case .permissionDenied: return "cannot connect to \(socketPath): \(detail)"
        case .timeout: return "eswitchd did not answer on \(socketPath) in time (\(detail))"
        case .connectionLost: return "connection to eswitchd on \(socketPath) broke: \(detail)"
        case .closedWithoutAnswer: return "eswitchd on \(socketPath) closed the connection without answering"
        case .interrupted: return "interrupted by \(detail) while waiting for eswitchd on \(socketPath)"
        case .protocolViolation: return "eswitchd on \(socketPath) answered something unexpected: \(detail)"
        }
    }
}
