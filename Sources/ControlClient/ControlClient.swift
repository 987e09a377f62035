import ControlAPI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A blocking client of eswitchd's local API: connects to the Unix socket, sends one request
/// line, reads one response line, closes. Every step shares one deadline.
public struct ControlClient: Sendable {
    public let socketPath: String
    public let timeout: Duration

    /// - Parameters:
    ///   - socketPath: The daemon's socket (read-write or read-only).
    ///   - timeout: The longest the whole exchange may take.
    public init(socketPath: String, timeout: Duration = .seconds(30)) {
        self.socketPath = socketPath
        self.timeout = timeout
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
        let connection = try ControlConnection(path: socketPath, timeout: timeout)
        defer { connection.close() }
        try connection.write(line)
        let reply = try connection.readLine(limit: ControlFraming.maximumLineLength)
        do {
            return try ControlFraming.decodeLine(ControlResponse.self, from: reply)
        } catch {
            throw ControlClientError(socketPath: socketPath, kind: .protocolViolation, detail: "unreadable response: \(error)")
        }
    }
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
        /// The connection broke.
        case connectionLost
        /// The answer was not a response line.
        case protocolViolation
    }

    public var socketPath: String
    public var kind: Kind
    public var detail: String

    public init(socketPath: String, kind: Kind, detail: String) {
        self.socketPath = socketPath
        self.kind = kind
        self.detail = detail
    }

    public var description: String {
        switch kind {
        case .notRunning: return "eswitchd is not running (cannot connect to \(socketPath): \(detail))"
        case .permissionDenied: return "cannot connect to \(socketPath): \(detail)"
        case .timeout: return "eswitchd did not answer on \(socketPath) in time (\(detail))"
        case .connectionLost: return "connection to eswitchd on \(socketPath) broke: \(detail)"
        case .protocolViolation: return "eswitchd on \(socketPath) answered something unexpected: \(detail)"
        }
    }
}
