import ControlAPI
import Logging

/// The node logic behind the local API: the daemon owns sockets, access checks, persistence,
/// metrics and lifecycle, and hands every admitted request to a `ControlHandler`.
///
/// Order of calls: `start` once (before any request), then `runBackground` in a task of its own
/// and `reconcile` repeatedly (the first success makes the daemon ready), `handle` concurrently
/// for requests, `rollBack` when a state-changing response could not be delivered, `shutdown` once
/// at the end.
public protocol ControlHandler: Sendable {
    /// What must survive a crash or restart (the intent, the port bindings...). The daemon keeps
    /// it in STATE_DIR/state.json and hands it back to `start`.
    associatedtype Snapshot: Codable, Sendable, Equatable

    /// Prepares the node logic with the state saved by the previous run.
    /// - Parameters:
    ///   - state: The saved state, nil on a first start.
    ///   - context: Logger and metrics for the handler's own records.
    /// - Throws: When the node cannot be driven; the daemon exits with the error's description.
    func start(restoring state: Snapshot?, context: DaemonContext) async throws

    /// Background work until the task is cancelled (e.g. kernel notifications).
    func runBackground() async

    /// Makes the node match the intent and bindings once, and says what it changed.
    /// - Throws: When the pass failed; the daemon logs it and tries again next interval.
    func reconcile() async throws -> ReconcileCounts

    /// Answers one request. Must not throw: failures are `.failure` responses. A response to a
    /// state-changing request that is not `.failure` means the change happened; the daemon then
    /// persists `snapshot()` before replying.
    func handle(_ request: ControlRequest, caller: Caller) async -> ControlResponse

    /// Undoes a state-changing request whose response never reached its caller (the client went
    /// away, e.g. a killed libvirt hook), so that nothing stays allocated for a VM that does not
    /// know it has it.
    func rollBack(_ request: ControlRequest, response: ControlResponse, caller: Caller) async

    /// The state to persist now. The daemon takes snapshots and saves them one at a time, so each
    /// saved snapshot includes every change acknowledged before it.
    func snapshot() async -> Snapshot

    /// Stops background work; called once, after the last request.
    func shutdown() async
}

extension ControlHandler {
    /// No background work.
    public func runBackground() async {}
}

/// Who sent a request, and on which socket.
public struct Caller: Hashable, Sendable {
    public var credentials: PeerCredentials
    public var socket: SocketRole

    public init(credentials: PeerCredentials, socket: SocketRole) {
        self.credentials = credentials
        self.socket = socket
    }
}

/// What the daemon lends the handler.
public struct DaemonContext: Sendable {
    public var logger: Logger
    public var metrics: DaemonMetrics
    public var configuration: DaemonConfiguration

    public init(logger: Logger, metrics: DaemonMetrics, configuration: DaemonConfiguration) {
        self.logger = logger
        self.metrics = metrics
        self.configuration = configuration
    }
}
