import ControlAPI
import EswitchCompiler
import EswitchModel
import Netlink
import Platform
import TCBackend

extension Agent {
    /// Runs one reconcile pass: the desired filters (compiled rules whose devices exist, at their
    /// effective placement) against the installed ones, with the minimal adds, replaces and
    /// deletes.
    ///
    /// A full pass reads the installed filters back (a dump of every managed device) and compares
    /// by meaning: filters with the agent's ownership cookie that are right stay, wrong ones are
    /// replaced, orphans are deleted, missing ones are added (drift repair); filters without the
    /// cookie are never touched. An incremental pass compares with what the agent installed last.
    /// The first pass after an intent is known is always full and counts the filters it keeps as
    /// adopted. Hardware refusals send their rules to software and the pass plans again (at most
    /// twice more).
    ///
    /// Without an intent, or while the intent's uplink NIC is not ready (its set-up failed), nothing
    /// is touched: the agent does not delete what it might not know yet.
    /// - Returns: what the pass did.
    @discardableResult
    public func reconcileNow(full: Bool = true) -> ReconcileReport {
        ReconcileReport(runPass(full: full))
    }

    @discardableResult
    func runPass(full: Bool) -> PassResult {
        guard intent != nil else { return PassResult() }
        guard uplinkNIC()?.isReady == true else {
            // Without a working uplink NIC its representors are unknown, so every filter would look
            // like an orphan: keep the kernel as it is (traffic keeps flowing) and only report.
            reconciler.desired = desiredRules(previous: reconciler.installed)
            logger.debug("reconcile pass skipped: the uplink NIC is not ready")
            return PassResult()
        }
        let adopting = !reconciler.hasAdopted
        var readBack = full || adopting
        let before = reconciler.installed
        var total = PassResult()
        for attempt in 0..<3 {
            let desired = desiredRules(previous: reconciler.installed)
            let changes: TCChangeSet
            if readBack {
                guard let dumped = dumpManagedDevices(extra: desired.plan.devices) else {
                    reconciler.counters.netlinkErrors += 1
                    break
                }
                changes = desired.plan.reconcile(installed: dumped)
            } else {
                changes = desired.plan.changes(from: reconciler.installed)
            }
            let result = reconciler.apply(changes, desired: desired, before: readBack && !adopting ? before : nil,
                                          client: filters, qdisc: configuration.qdisc, logger: logger)
            if attempt == 0, adopting, readBack {
                reconciler.counters.adopted += result.unchanged
                reconciler.hasAdopted = true
            }
            total.add(result)
            readBack = false
            if result.newFallbacks.isEmpty { break }
        }
        reconciler.counters.passes += 1
        return total
    }

    /// The desired filters for the devices present now.
    func desiredRules(previous: TCPlan?) -> DesiredRules {
        guard let placement else { return .empty }
        return DesiredRules.build(placed: placement, devices: deviceMap(), absence: { [bindings, intent] port in
            Self.absence(of: port, bindings: bindings, intent: intent?.state)
        }, fallbacks: reconciler.fallbacks, qdisc: configuration.qdisc, previous: previous)
    }

    /// The devices rules bind to: each plugged VF port's representor, the uplink, the tunnel.
    func deviceMap() -> TCDeviceMap {
        var ports: [PortID: IfIndex] = [:]
        for (port, record) in bindings {
            if let rep = representor(of: record) { ports[port] = rep }
        }
        return TCDeviceMap(ports: ports, uplink: uplinkNIC()?.representors.uplink, tunnel: tunnel,
                           externalNextHop: configuration.externalNextHop, uplinkMAC: nil)
    }

    /// Why a port has no device.
    static func absence(of port: PortID, bindings: [PortID: PortBindingRecord], intent: ValidatedNetworkState?) -> String {
        if let record = bindings[port] {
            if case .software(let device) = record.device {
                return "port \(port) is a software port (\(device.isEmpty ? "no device" : device)): the slow path runs its rules"
            }
            return "port \(port): its VF has no representor"
        }
        guard let found = intent?.port(port) else { return "port \(port) is not in the intent" }
        if let node = intent?.node.name, found.node != node { return "port \(port) is on node \(found.node)" }
        return "port \(port) is not plugged"
    }

    /// Every device the agent may have filters on: the planned ones, the ones it installed on, every
    /// representor and uplink of the managed NICs, and the tunnel device.
    func managedDevices(extra: [IfIndex]) -> [IfIndex] {
        var devices = Set(extra).union(reconciler.installed.devices)
        for nic in nics.values {
            if let uplink = nic.representors.uplink { devices.insert(uplink) }
            devices.formUnion(nic.representors.vfs.values)
        }
        if let tunnel { devices.insert(tunnel) }
        return devices.sorted()
    }

    /// The filters on every managed device; nil when a dump failed (a pass must not act on a
    /// partial picture: it would add what is there and miss orphans). A device that vanished has
    /// none.
    func dumpManagedDevices(extra: [IfIndex]) -> [FilterMessage]? {
        var out: [FilterMessage] = []
        for device in managedDevices(extra: extra) {
            do throws(NetlinkTransportError) {
                out += try filters.filters(on: device)
            } catch {
                if error.errno == .noSuchDevice { continue }
                logger.error("filter dump failed", metadata: ["device": "\(device)", "error": "\(error)"])
                return nil
            }
        }
        return out
    }
}

/// What one reconcile pass did, in TC filters.
public struct ReconcileReport: Hashable, Sendable {
    /// Filters created.
    public var added: Int
    /// Filters removed.
    public var deleted: Int
    /// Filters rewritten in place.
    public var replaced: Int
    /// Filters found as planned.
    public var unchanged: Int
    /// Filters that had disappeared and were put back.
    public var repaired: Int
    /// Rules the NIC refused in hardware during the pass (now in software), by rule id.
    public var fallbacks: [String: String]
    /// Rules whose filters could not be written, by rule id, with the kernel's answer.
    public var failed: [String: String]

    init(_ result: PassResult) {
        added = result.added
        deleted = result.deleted
        replaced = result.replaced
        unchanged = result.unchanged
        repaired = result.repaired
        fallbacks = Dictionary(uniqueKeysWithValues: result.newFallbacks.map { ($0.key.description, $0.value.reason) })
        failed = Dictionary(uniqueKeysWithValues: result.failed.map { ($0.key.description, $0.value) })
    }
}
