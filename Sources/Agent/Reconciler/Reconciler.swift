import EswitchModel
import Logging
import Netlink
import Platform
import TCBackend

/// What one application of a change set did.
struct PassResult: Sendable {
    var added = 0
    var deleted = 0
    var replaced = 0
    /// Filters found as planned (adoption counts them).
    var unchanged = 0
    /// Filters re-added that the agent had installed before (drift).
    var repaired = 0
    /// Rules the NIC refused in hardware during this pass.
    var newFallbacks: [RuleID: RuleFallback] = [:]
    /// Rules some of whose filters could not be written, and why.
    var failed: [RuleID: String] = [:]
    /// Deletes the kernel refused (the filters stay, as orphans for the next full pass).
    var failedDeletes = 0
    var netlinkErrors = 0

    mutating func add(_ other: PassResult) {
        added += other.added
        deleted += other.deleted
        replaced += other.replaced
        unchanged += other.unchanged
        repaired += other.repaired
        newFallbacks.merge(other.newFallbacks) { a, _ in a }
        failed.merge(other.failed) { _, b in b }
        failedDeletes += other.failedDeletes
        netlinkErrors += other.netlinkErrors
    }
}

/// The reconciler's memory: the filters it believes are installed, the NIC's refusals, the rules
/// that could not be written, and its counters. The agent drives it; it sends the requests.
struct Reconciler: Sendable {
    /// The filters installed as far as the agent knows (the last desired plan minus what failed).
    var installed = TCPlan(filters: [])
    /// The last desired state.
    var desired = DesiredRules.empty
    /// Rules the NIC refused in hardware, run in software.
    var fallbacks: [RuleID: RuleFallback] = [:]
    /// Rules whose filters the kernel refused outright in the last pass that touched them.
    var failures: [RuleID: String] = [:]
    var counters = ReconcileCounters()
    /// True once the installed filters were read and adopted (the first full pass with an intent).
    var hasAdopted = false

    /// Sends `changes` (built against `desired.plan`) in the change set's safe order and records
    /// what happened. A hardware filter the NIC refuses makes its rule a fallback (the caller plans
    /// again); a refused software filter or delete is a failure of that rule.
    /// - Parameter before: the filters believed installed before the pass, to tell repairs apart.
    mutating func apply(_ changes: TCChangeSet, desired: DesiredRules, before: TCPlan?, client: FilterClient,
                        qdisc: TCQdiscKind, logger: Logger) -> PassResult {
        var result = PassResult()
        result.unchanged = changes.unchanged
        var planned: [TCFilterLocation: TCFilter] = [:]
        planned.reserveCapacity(changes.adds.count + changes.replaces.count)
        for filter in changes.adds + changes.replaces { planned[filter.location] = filter }
        var refused: Set<TCFilterKey> = []
        for request in changes.requests(qdisc: qdisc) {
            guard case .filter(let message) = request.body else {
                do throws(NetlinkTransportError) {
                    try client.send(request)
                } catch {
                    if error.errno == .fileExists { continue }  // the qdisc is there already
                    result.netlinkErrors += 1
                    logger.error("qdisc add failed", metadata: ["error": "\(error)"])
                }
                continue
            }
            let location = TCFilterLocation(of: message)
            if request.type == RTM.delTFilter {
                do throws(NetlinkTransportError) {
                    try client.send(request)
                    result.deleted += 1
                } catch {
                    if error.errno == .noSuchFileOrDirectory { continue }  // gone already
                    result.failedDeletes += 1
                    result.netlinkErrors += 1
                    logger.error("filter delete failed", metadata: ["filter": "\(location)", "error": "\(error)"])
                }
                continue
            }
            guard let filter = planned[location] else { continue }
            let isAdd = request.flags.contains(.exclusive)
            do throws(NetlinkTransportError) {
                try client.send(request)
                if isAdd {
                    result.added += 1
                    if let before, before.filter(filter.key) != nil { result.repaired += 1 }
                } else {
                    result.replaced += 1
                }
            } catch {
                refused.insert(filter.key)
                if filter.role.inHardware, let fallback = Self.hardwareRefusal(error, rule: filter.rule) {
                    result.newFallbacks[filter.rule] = fallback
                    logger.warning("the NIC refused a rule, running it in software",
                                   metadata: ["rule": "\(filter.rule)", "reason": "\(fallback.reason)"])
                } else {
                    result.failed[filter.rule] = error.description
                    result.netlinkErrors += 1
                    logger.error("filter write failed", metadata: ["rule": "\(filter.rule)", "filter": "\(location)", "error": "\(error)"])
                }
            }
        }
        installed = TCPlan(filters: desired.plan.filters.filter { !refused.contains($0.key) }, problems: desired.plan.problems, qdisc: qdisc)
        self.desired = desired
        for rule in desired.plan.filters.map(\.rule) where result.failed[rule] == nil { failures[rule] = nil }
        failures.merge(result.failed) { _, b in b }
        counters.added += result.added
        counters.deleted += result.deleted
        counters.replaced += result.replaced
        counters.repaired += result.repaired
        counters.netlinkErrors += result.netlinkErrors
        for (rule, fallback) in result.newFallbacks {
            counters.fallbacks[fallback.reason, default: 0] += 1
            fallbacks[rule] = fallback
        }
        return result
    }

    /// The fallback a kernel refusal of a hardware filter means, or nil when the refusal is not the
    /// NIC's (a filter already there, a missing device: software would fail the same way).
    static func hardwareRefusal(_ error: NetlinkTransportError, rule: RuleID) -> RuleFallback? {
        guard case .kernel(let message) = error else { return nil }
        let errno = Errno(message.errno)
        guard errno != .fileExists, errno != .noSuchDevice else { return nil }
        return RuleFallback(rule: rule.description, reason: message.message ?? errno.description, errno: errno.name)
    }
}
