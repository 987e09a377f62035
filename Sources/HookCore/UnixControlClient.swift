import ControlAPI
import ControlClient
import Platform

/// Calls eswitchd over its Unix stream socket through `ControlClient` (one connection per
/// request, one JSON line each way, one deadline), turning its errors into the hook's one-line
/// `HookError`s.
public struct UnixControlClient: ControlCalling {
    public var socketPath: String
    /// SIGTERM/SIGINT watcher that ends interruptible calls.
    public var interruption: Interruption?

    public init(socketPath: String, interruption: Interruption? = nil) {
        self.socketPath = socketPath
        self.interruption = interruption
    }

    public func call(_ request: ControlRequest, timeoutSeconds: Double, interruptible: Bool) throws(HookError) -> ControlResponse {
        let client = ControlClient(socketPath: socketPath, timeout: .milliseconds(Int64((timeoutSeconds * 1000).rounded(.up))),
                                   interruption: interruptible ? interruption : nil)
        do throws(ControlClientError) {
            return try client.send(request)
        } catch {
            throw hookError(error, request: request.hookSummary, timeoutSeconds: timeoutSeconds)
        }
    }

    private func hookError(_ error: ControlClientError, request: String, timeoutSeconds: Double) -> HookError {
        switch error.kind {
        case .notRunning, .permissionDenied: return .connect(socket: socketPath, errno: Errno(error.errno ?? 0))
        case .timeout: return .timeout(socket: socketPath, request: request, seconds: timeoutSeconds)
        case .interrupted: return .interrupted(signal: error.detail)
        case .closedWithoutAnswer: return .closedWithoutAnswer(socket: socketPath, request: request)
        case .protocolViolation: return .malformedAnswer(socket: socketPath, problem: error.detail)
        case .connectionLost:
            return .transfer(socket: socketPath, SystemCallError(error.detail.prefix { $0 != ":" }.description, errno: Errno(error.errno ?? 0)))
        }
    }
}
