import ControlAPI
import Daemon
import Foundation

/// The handler of a build without the node agent: answers `ping` and `status` (daemon facts
/// only), refuses every node request as unavailable, and keeps the saved state untouched so a
/// later build with the agent finds it as it was.
actor AgentMissingHandler: ControlHandler {
    let platform: PlatformSelection
    private var saved = DaemonState()
    private let startedAt = Date()

    init(platform: PlatformSelection) { self.platform = platform }

    func start(restoring state: DaemonState?, context: DaemonContext) async throws {
        if let state { saved = state }
        context.logger.warning("this eswitchd is built without the node agent: node requests will be refused")
    }

    func reconcile() async throws -> ReconcileCounts { ReconcileCounts() }

    func handle(_ request: ControlRequest, caller: Caller) async -> ControlResponse {
        switch request {
        case .ping:
            return .pong(DaemonIdentity(version: DaemonVersion.current, pid: getpid(), platform: platform.description))
        case .status:
            let status: [String: String] = [
                "platform": platform.description, "agent": "not built in",
                "started": startedAt.formatted(.iso8601), "saved_bindings": "\(saved.bindings.count)",
            ]
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return .report(ControlReport(json: String(decoding: (try? encoder.encode(status)) ?? Data(), as: UTF8.self)))
        default:
            return .failure(ControlFailure(.unavailable, "\(request.kind) needs the node agent, which this eswitchd build does not include"))
        }
    }

    func rollBack(_ request: ControlRequest, response: ControlResponse, caller: Caller) async {}

    func snapshot() async -> DaemonState { saved }

    func shutdown() async {}
}
