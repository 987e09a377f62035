import ControlAPI
import Logging
import NIOCore
import ServiceLifecycle

/// Puts the daemon together and runs it until SIGTERM or SIGINT: loads the saved state, starts
/// the handler, then runs reconcile, metrics and the API sockets in one `ServiceGroup`; on
/// shutdown it drains the sockets, stops the handler and saves the state a last time.
public struct DaemonRunner<Handler: ControlHandler>: Sendable {
    public let configuration: DaemonConfiguration
    public let handler: Handler
    public let logger: Logger
    public let metrics: DaemonMetrics
    public let notifier: SystemdNotifier?
    /// Told the metrics server's bound address (for port 0).
    public var metricsBound: (@Sendable (SocketAddress) -> Void)?
    /// True: SIGTERM and SIGINT start a graceful shutdown. False when the daemon runs inside
    /// another program, which then cancels the task running `run()`.
    public var handlesSignals = true

    public init(configuration: DaemonConfiguration, handler: Handler, logger: Logger,
                metrics: DaemonMetrics = DaemonMetrics(), notifier: SystemdNotifier?) {
        self.configuration = configuration
        self.handler = handler
        self.logger = logger
        self.metrics = metrics
        self.notifier = notifier
    }

    /// Runs until a shutdown signal (or cancellation).
    /// - Throws: `StateStoreError` for an unreadable state, `DaemonStartupError`, or what the
    ///   handler's `start` throws; each describes itself in one line.
    public func run() async throws {
        let store = try StateStore<Handler.Snapshot>(directory: configuration.stateDirectory)
        let saved = try await store.load()
        logger.info("starting", metadata: [
            "platform": "\(configuration.platform)", "state": "\(store.file.path)",
            "restored": "\(saved != nil)",
        ])
        try await handler.start(restoring: saved, context: DaemonContext(logger: logger, metrics: metrics, configuration: configuration))

        let readiness = ReadinessGate()
        let dispatcher = ControlDispatcher(handler: handler, store: store, metrics: metrics, logger: logger,
                                           access: configuration.access, readiness: readiness, readyTimeout: configuration.timeouts.ready)
        var services: [any Service] = [
            ReconcileService(handler: handler, interval: configuration.reconcileInterval, readiness: readiness,
                             notifier: notifier, metrics: metrics, logger: logger),
        ]
        if let listen = configuration.metricsListen {
            services.append(MetricsHTTPServer(address: listen, metrics: metrics, logger: logger, bound: metricsBound))
        }
        let sockets = [(configuration.readWriteSocket, SocketRole.readWrite)] + (configuration.readOnlySocket.map { [($0, .readOnly)] } ?? [])
        for (settings, role) in sockets {
            services.append(ControlSocketServer(settings: settings, role: role, dispatcher: dispatcher,
                                                requestTimeout: configuration.timeouts.request,
                                                shutdownTimeout: configuration.timeouts.shutdown, logger: logger))
        }
        services.append(BackgroundService(handler: handler))
        // Graceful shutdown runs from the last service to the first: first STOPPING=1, then the
        // sockets stop taking requests and drain, then metrics, then the reconcile loop.
        services.append(ShutdownNotifierService(notifier: notifier, logger: logger))

        let group = ServiceGroup(configuration: .init(
            services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: handlesSignals ? [.sigterm, .sigint] : [],
            cancellationSignals: [],
            logger: logger))
        var failure: (any Error)?
        do {
            try await group.run()
        } catch {
            failure = error
        }
        await handler.shutdown()
        if let problem = await dispatcher.persist() { logger.error("cannot save the state at shutdown", metadata: ["reason": "\(problem)"]) }
        if let failure { throw failure }
        logger.info("stopped")
    }
}
