import Agent
import ControlAPI
import Daemon
import Logging
import Synchronization

/// The daemon's node logic: the `Agent` (NIC set-up, port lifecycle, reconciler, reports) behind
/// the daemon's socket server, persistence and metrics.
///
/// What the adapter adds to the agent: a plug whose response never reached the hook is undone by
/// unplugging the port again ("a crashed hook leaves nothing allocated"); the agent's counters
/// become Prometheus metrics after every pass; kernel notifications are handled in the background.
public final class AgentHandler: ControlHandler {
    public typealias Snapshot = AgentSnapshot

    public let agent: Agent
    private let seen = Mutex(SeenCounters())

    /// What the metrics were last told, so cumulative agent counters become counter increments.
    struct SeenCounters {
        var fallbacks: [String: Int] = [:]
        var netlinkErrors = 0
        var started = false
    }

    public init(agent: Agent) { self.agent = agent }

    public func start(restoring state: AgentSnapshot?, context: DaemonContext) async throws {
        let report = try await agent.start(restoring: state)
        for problem in report.problems { context.logger.error("start-up problem", metadata: ["reason": "\(problem)"]) }
        context.logger.info("agent started", metadata: [
            "nics": "\(report.nics.map { "\($0.pf)" }.joined(separator: ","))", "restored_ports": "\(report.restoredPorts)",
            "adopted": "\(report.counters.adopted)", "added": "\(report.counters.added)", "deleted": "\(report.counters.deleted)",
        ])
        metricsContext.withLock { $0 = context.metrics }
        await publishMetrics()
    }

    public func runBackground() async {
        while !Task.isCancelled {
            _ = await agent.pollEvents(timeout: .milliseconds(500))
        }
    }

    public func reconcile() async throws -> ReconcileCounts {
        let firstPass = seen.withLock { seen in
            defer { seen.started = true }
            return !seen.started
        }
        let pass = await agent.reconcileNow(full: true)
        // The first pass of the daemon reports what the agent's start-up pass adopted.
        let adopted = firstPass ? await agent.counters.adopted : 0
        await publishMetrics()
        return ReconcileCounts(adopted: adopted, added: pass.added + pass.repaired, deleted: pass.deleted)
    }

    public func handle(_ request: ControlRequest, caller: Caller) async -> ControlResponse {
        let response = await agent.handle(request)
        if !request.isReadOnly && response.isSuccess { await publishMetrics() }
        return response
    }

    public func rollBack(_ request: ControlRequest, response: ControlResponse, caller: Caller) async {
        guard case .plug(let plug) = request, case .plugged = response else { return }
        _ = await agent.handle(.unplug(UnplugRequest(port: plug.port, domain: plug.domain)))
        await publishMetrics()
    }

    public func snapshot() async -> AgentSnapshot { await agent.snapshot() }

    public func shutdown() async {}

    // MARK: Metrics

    private let metricsContext = Mutex<DaemonMetrics?>(nil)

    /// Rules by placement from the status report; fallbacks and netlink errors as increments of
    /// the agent's cumulative counters.
    private func publishMetrics() async {
        guard let metrics = metricsContext.withLock({ $0 }) else { return }
        let status = await agent.statusReport()
        metrics.setRules(placement: "hardware", count: status.coverage.hardware)
        metrics.setRules(placement: "split", count: status.coverage.split)
        metrics.setRules(placement: "software", count: status.coverage.software)
        let counters = status.reconcile
        let (fallbacks, netlinkErrors) = seen.withLock { seen -> ([String: Int], Int) in
            var fresh: [String: Int] = [:]
            for (reason, count) in counters.fallbacks where count > seen.fallbacks[reason, default: 0] {
                fresh[reason] = count - seen.fallbacks[reason, default: 0]
            }
            seen.fallbacks = counters.fallbacks
            defer { seen.netlinkErrors = counters.netlinkErrors }
            return (fresh, max(0, counters.netlinkErrors - seen.netlinkErrors))
        }
        for (reason, count) in fallbacks { for _ in 0..<count { metrics.recordFallback(reason: reason) } }
        for _ in 0..<netlinkErrors { metrics.recordNetlinkError("netlink") }
    }
}
