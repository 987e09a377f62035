import EswitchModel
import Netlink

/// The filters for a rule set, and the rules that could not be expressed.
public struct TCPlan: Hashable, Sendable {
    /// Every filter, grouped by rule in rule-id order.
    public private(set) var filters: [TCFilter]
    /// Rules left out, with the reason.
    public private(set) var problems: [TCPlanProblem]
    /// The qdisc the devices get.
    public var qdisc: TCQdiscKind

    private var index: [TCFilterKey: Int]
    private var owners: [UInt64: RuleID]

    /// A plan from its filters (normally built by ``TCBackend/plan(_:previous:)``).
    public init(filters: [TCFilter], problems: [TCPlanProblem] = [], qdisc: TCQdiscKind = .clsact) {
        self.filters = filters
        self.problems = problems
        self.qdisc = qdisc
        var index: [TCFilterKey: Int] = [:]
        var owners: [UInt64: RuleID] = [:]
        index.reserveCapacity(filters.count)
        for (i, f) in filters.enumerated() {
            index[f.key] = i
            if owners[f.cookie] == nil { owners[f.cookie] = f.rule }
        }
        self.index = index
        self.owners = owners
    }

    /// The filter with this identity.
    public func filter(_ key: TCFilterKey) -> TCFilter? { index[key].map { filters[$0] } }

    /// The filters of one rule.
    public func filters(of rule: RuleID) -> [TCFilter] { filters.filter { $0.rule == rule } }

    /// The rule whose filters carry `cookie`.
    public func ruleID(forCookie cookie: UInt64) -> RuleID? { owners[cookie] }

    /// The rule a filter (dumped from the kernel) was made from, by its ownership cookie; nil for
    /// filters eswitch did not make or whose rule is not in the plan.
    public func ruleID(of filter: FilterMessage) -> RuleID? { TCOwnershipCookie.cookie(of: filter).flatMap { owners[$0] } }

    /// The devices with at least one filter, in ifindex order.
    public var devices: [IfIndex] { Set(filters.map(\.location.device)).sorted() }

    /// `tc qdisc add dev D clsact|ingress` for every device (the kernel answers EEXIST for a device
    /// that has it already, which the caller treats as done).
    public func qdiscRequests() -> [NetlinkMessage] { devices.map { qdisc.addRequest(device: $0) } }

    /// The filters in install order: later chains first, so that a `goto chain` always lands in a
    /// populated chain, and in each chain lower priorities first, so that catch-all drops come
    /// after the rules they back up.
    public var installOrder: [TCFilter] { filters.sorted(by: Self.installsBefore) }

    /// `tc filter add` for every filter, in install order.
    public func addRequests() -> [NetlinkMessage] { installOrder.map { $0.addRequest() } }

    /// The highest hardware priority used per chain (compare with the profile's `max_priority`).
    public var maxHardwarePriority: [UInt32: UInt16] {
        var out: [UInt32: UInt16] = [:]
        for f in filters where f.role.inHardware { out[f.location.chain] = max(out[f.location.chain] ?? 0, f.location.priority) }
        return out
    }

    static func installsBefore(_ a: TCFilter, _ b: TCFilter) -> Bool {
        if a.location.chain != b.location.chain { return a.location.chain > b.location.chain }
        if a.location.priority != b.location.priority { return a.location.priority < b.location.priority }
        if a.location.device != b.location.device { return a.location.device < b.location.device }
        return a.location.handle < b.location.handle
    }

    static func removesBefore(_ a: TCFilterLocation, _ b: TCFilterLocation) -> Bool {
        if a.chain != b.chain { return a.chain < b.chain }
        if a.priority != b.priority { return a.priority > b.priority }
        if a.device != b.device { return a.device < b.device }
        return a.handle < b.handle
    }
}
