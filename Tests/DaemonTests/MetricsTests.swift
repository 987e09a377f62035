import ControlAPI
import Daemon
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import Testing

@Suite struct MetricsTests {
    @Test func expositionHasTheDaemonsMetrics() {
        let metrics = DaemonMetrics()
        metrics.setRules(placement: "hardware", count: 7)
        metrics.setRules(placement: "software", count: 2)
        metrics.recordFallback(reason: "extack")
        metrics.recordFallback(reason: "extack")
        metrics.recordNetlinkError("EOPNOTSUPP")
        metrics.recordRequest(kind: "plug", outcome: "ok", duration: .milliseconds(3))
        metrics.recordReconcile(ReconcileCounts(adopted: 4, added: 1, deleted: 0))
        let text = metrics.exposition()
        for line in [
            #"eswitch_rules{placement="hardware"} 7.0"#,
            #"eswitch_rules{placement="software"} 2.0"#,
            #"eswitch_fallbacks_total{reason="extack"} 2"#,
            #"eswitch_netlink_errors_total{error="EOPNOTSUPP"} 1"#,
            #"eswitch_api_requests_total{request="plug",outcome="ok"} 1"#,
            #"eswitch_api_request_duration_seconds_count{request="plug"} 1"#,
            #"eswitch_api_request_duration_seconds_bucket{request="plug",le="0.005"} 1"#,
            #"eswitch_api_request_duration_seconds_bucket{request="plug",le="0.001"} 0"#,
            #"eswitch_reconcile_rules_total{change="adopted"} 4"#,
            #"eswitch_reconcile_runs_total{outcome="ok"} 1"#,
        ] {
            #expect(text.contains(line + "\n"), "missing \(line) in\n\(text)")
        }
        #expect(!text.contains(#"change="deleted""#))
    }

    @Test func metricsAreServedOverHTTP() async throws {
        let metrics = DaemonMetrics()
        metrics.recordFallback(reason: "capacity")
        let bound = Mutex<Int?>(nil)
        let server = MetricsHTTPServer(address: ListenAddress(host: "127.0.0.1", port: 0), metrics: metrics,
                                       logger: Logger(label: "test")) { address in bound.withLock { $0 = address.port } }
        let group = ServiceGroup(services: [server], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        defer { running.cancel() }
        var port: Int?
        for _ in 0..<500 where port == nil {
            port = bound.withLock { $0 }
            try await Task.sleep(for: .milliseconds(10))
        }
        let metricsPort = try #require(port)
        let (body, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(metricsPort)/metrics")!)
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 200)
        #expect(http.value(forHTTPHeaderField: "Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        #expect(String(decoding: body, as: UTF8.self).contains(#"eswitch_fallbacks_total{reason="capacity"} 1"#))
        let (_, missing) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(metricsPort)/other")!)
        #expect((missing as? HTTPURLResponse)?.statusCode == 404)
        await group.triggerGracefulShutdown()
        _ = await running.result
    }

    @Test func apiRequestsAreCountedByKindAndOutcome() async throws {
        let daemon = try await InProcessDaemon(handler: MemoryHandler())
        _ = try await daemon.send(.status)
        _ = try await daemon.send(.unplug(UnplugRequest(port: "nobody", domain: "vm")))
        _ = try await daemon.send(.unplug(UnplugRequest(port: "nobody", domain: "vm")), on: .readOnly)
        let text = daemon.metrics.exposition()
        #expect(text.contains(#"eswitch_api_requests_total{request="status",outcome="ok"} 1"#))
        #expect(text.contains(#"eswitch_api_requests_total{request="unplug",outcome="not_found"} 1"#))
        #expect(text.contains(#"eswitch_api_requests_total{request="unplug",outcome="permission_denied"} 1"#))
        #expect(text.contains(#"eswitch_api_request_duration_seconds_count{request="status"} 1"#))
        await daemon.stop()
    }
}
