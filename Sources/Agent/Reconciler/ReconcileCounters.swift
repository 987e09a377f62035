/// What the reconciler did since the agent started, counted in TC filters (a split rule has two).
///
/// JSON (`status` report, key `reconcile`): `adopted`, `added`, `deleted`, `replaced`,
/// `repaired`, `fallbacks` (reason -> count), `netlink_errors`, `resyncs`, `passes`.
public struct ReconcileCounters: Hashable, Sendable, Codable {
    /// Filters found installed on start-up (by their ownership cookie) and kept as they were.
    public var adopted = 0
    /// Filters created.
    public var added = 0
    /// Filters removed (rules gone, ports unplugged, own orphans).
    public var deleted = 0
    /// Filters rewritten in place (same location, other content).
    public var replaced = 0
    /// Filters that had disappeared (deleted by hand, flushed with their qdisc) and were put back.
    public var repaired = 0
    /// Hardware refusals that sent a rule to software, by the NIC's reason.
    public var fallbacks: [String: Int] = [:]
    /// Netlink exchanges that failed other than by a hardware refusal.
    public var netlinkErrors = 0
    /// Full resynchronisations after lost notifications (ENOBUFS) or event-socket errors.
    public var resyncs = 0
    /// Reconcile passes run.
    public var passes = 0

    /// All counters at zero.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case adopted, added, deleted, replaced, repaired, fallbacks
        case netlinkErrors = "netlink_errors"
        case resyncs, passes
    }
}
