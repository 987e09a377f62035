import ControlAPI
import Logging
import ServiceLifecycle

/// Runs the handler's reconcile pass at start and then every interval. The first successful pass
/// opens the readiness gate and tells systemd `READY=1`; a failed pass is logged and retried.
struct ReconcileService<Handler: ControlHandler>: Service {
    let handler: Handler
    let interval: Duration
    let readiness: ReadinessGate
    let notifier: SystemdNotifier?
    let metrics: DaemonMetrics
    let logger: Logger

    func run() async throws {
        // A failed first pass is retried sooner than the interval: the daemon is not ready yet.
        var delay = interval
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let report = try await handler.reconcile()
                metrics.recordReconcile(report)
                let counts: Logger.Metadata = ["adopted": "\(report.adopted)", "added": "\(report.added)", "deleted": "\(report.deleted)"]
                if !readiness.isOpen {
                    readiness.open()
                    logger.info("ready: first reconcile done", metadata: counts)
                    do { try notifier?.ready(status: "ready") } catch { logger.warning("\(error)") }
                } else if report.added + report.deleted > 0 {
                    logger.info("reconciled", metadata: counts)
                } else {
                    logger.debug("reconciled", metadata: counts)
                }
                delay = interval
            } catch {
                metrics.recordReconcile(nil)
                logger.error("reconcile failed", metadata: ["reason": "\(error)"])
                if !readiness.isOpen { delay = min(interval, .seconds(1)) }
            }
            let pause = delay
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
        }
    }
}

/// Sends `STOPPING=1` as soon as graceful shutdown begins (listed last in the group, so it is
/// the first service to be told).
struct ShutdownNotifierService: Service {
    let notifier: SystemdNotifier?
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        logger.info("shutting down")
        do { try notifier?.stopping() } catch { logger.warning("\(error)") }
    }
}

/// Runs the handler's background work until graceful shutdown.
struct BackgroundService<Handler: ControlHandler>: Service {
    let handler: Handler

    func run() async throws {
        await cancelWhenGracefulShutdown { await handler.runBackground() }
        // A handler without background work returns at once; the service still lasts until
        // shutdown (a service that ends early would stop the daemon).
        try? await gracefulShutdown()
    }
}
