import ControlAPI

/// Sends one request to eswitchd and waits for its answer.
public protocol ControlCalling {
    /// Makes one call.
    /// - Parameters:
    ///   - request: what to ask.
    ///   - timeoutSeconds: how long to wait for the connection and the answer together.
    ///   - interruptible: whether SIGTERM/SIGINT (see `Interruption`) ends the wait.
    /// - Throws: `HookError` for a refusal, a timeout, an interruption or a failed connection.
    func call(_ request: ControlRequest, timeoutSeconds: Double, interruptible: Bool) throws(HookError) -> ControlResponse
}

extension ControlRequest {
    /// `plug of port 'p1'`, for messages.
    public var hookSummary: String {
        switch self {
        case .plug(let plug): return "plug of port '\(plug.port)'"
        case .verify(let port): return "verify of port '\(port)'"
        case .unplug(let unplug): return "unplug of port '\(unplug.port)'"
        case .ping: return "ping"
        case .applyIntent: return "apply-intent"
        case .status: return "status"
        case .rules: return "rules"
        case .explain: return "explain"
        }
    }
}
