import ControlAPI
import CoreMetrics
import Prometheus

/// The daemon's Prometheus metrics, recorded through swift-metrics types bound to one registry
/// (no process-wide bootstrap, so tests and several daemons in one process keep theirs apart).
///
/// Names follow Prometheus conventions (`_total` for counters, base units in names); label values
/// are short classes (a fallback reason class, an errno name), never free text, to keep
/// cardinality bounded.
public final class DaemonMetrics: Sendable {
    /// The registry `GET /metrics` serves.
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Local API calls take microseconds to seconds (a plug creates devices and rules).
        factory.defaultDurationHistogramBuckets = [
            .microseconds(250), .milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100),
            .milliseconds(250), .seconds(1), .milliseconds(2500), .seconds(10),
        ]
        self.factory = factory
    }

    /// How many rules are placed where now (`eswitch_rules{placement="hardware|split|software"}`).
    public func setRules(placement: String, count: Int) {
        Gauge(label: "eswitch_rules", dimensions: [("placement", placement)], factory: factory).record(count)
    }

    /// A rule went to software although it was meant for hardware (`eswitch_fallbacks_total{reason}`).
    public func recordFallback(reason: String) {
        Counter(label: "eswitch_fallbacks_total", dimensions: [("reason", reason)], factory: factory).increment()
    }

    /// A netlink request failed (`eswitch_netlink_errors_total{error}`; `error` is the errno name).
    public func recordNetlinkError(_ error: String) {
        Counter(label: "eswitch_netlink_errors_total", dimensions: [("error", error)], factory: factory).increment()
    }

    /// One local API request answered (`eswitch_api_requests_total{request,outcome}` and the
    /// latency histogram `eswitch_api_request_duration_seconds{request}`).
    /// - Parameters:
    ///   - kind: The request kind (`ControlRequest.kind`), or `malformed`.
    ///   - outcome: `ok` or the failure code.
    ///   - duration: From the request line's arrival to the response being ready.
    public func recordRequest(kind: String, outcome: String, duration: Duration) {
        Counter(label: "eswitch_api_requests_total", dimensions: [("request", kind), ("outcome", outcome)], factory: factory).increment()
        Timer(label: "eswitch_api_request_duration_seconds", dimensions: [("request", kind)], factory: factory)
            .recordNanoseconds(Int64(duration.components.seconds) * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    /// One reconcile pass (`eswitch_reconcile_runs_total{outcome}` and
    /// `eswitch_reconcile_rules_total{change="adopted|added|deleted"}`).
    public func recordReconcile(_ report: ReconcileCounts?) {
        Counter(label: "eswitch_reconcile_runs_total", dimensions: [("outcome", report == nil ? "error" : "ok")], factory: factory).increment()
        guard let report else { return }
        for (change, count) in [("adopted", report.adopted), ("added", report.added), ("deleted", report.deleted)] where count > 0 {
            Counter(label: "eswitch_reconcile_rules_total", dimensions: [("change", change)], factory: factory).increment(by: count)
        }
    }

    /// The Prometheus text exposition of every metric.
    public func exposition() -> String { registry.emitToString() }
}
