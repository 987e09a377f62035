import ControlAPI
import EswitchCompiler
import EswitchModel
import Netlink
import TCBackend

extension Agent {
    /// The `status` report, with rule placement and packet counts read from the kernel now.
    public func statusReport() -> StatusReport {
        let view = ReportView(agent: self)
        let names = view.linkNames
        let vdpaDevices = (try? vdpa?.devices()) ?? []
        let nicStatus = managedNICs.map { nic in
            NICStatus(pci: nic.pf.description, profile: nic.profile.id.rawValue, model: nic.profile.model, driver: nic.profile.driver,
                      eswitchMode: nic.eswitchMode?.word, uplink: nic.representors.uplink.map { LinkReference(ifindex: $0.rawValue, name: names[$0] ?? "") },
                      vfs: VFUsage(used: allocator.used(on: nic.pf), total: nic.vfCount, max: nic.totalVFs),
                      vdpaDevices: vdpaDevices.filter { $0.managementDevice.flatMap(nic.vf(at:)) != nil }.map(\.name.rawValue).sorted(),
                      setup: nic.setupSteps.map(\.description), error: nic.failure)
        }
        var ports = Set(bindings.keys)
        if let state = intent?.state { ports.formUnion(state.localPorts.map(\.id)) }
        let coverage = view.coverage(of: placement?.rules ?? [])
        return StatusReport(node: intent?.state.node.name.rawValue, nics: nicStatus, ports: ports.sorted().map { view.portStatus($0) },
                            coverage: coverage, offloadCoveragePercent: ReportView.percent(coverage.share), reconcile: reconciler.counters)
    }

    /// The `rules` report: every compiled rule (or those of one port, or one placement), with its
    /// filters and their state in the kernel now.
    public func rulesReport(_ query: RulesQuery) -> RulesReport {
        let view = ReportView(agent: self)
        var rules: [RuleStatus] = []
        for placed in placement?.rules ?? [] {
            if let port = query.port, !concerns(placed.rule.id, port) { continue }
            let status = view.ruleStatus(placed)
            switch query.placement {
            case .hardware?: if !status.placement.usesHardware { continue }
            case .software?: if status.placement.usesHardware { continue }
            case nil: break
            }
            rules.append(status)
        }
        return RulesReport(count: rules.count, rules: rules)
    }

    /// The `explain PORT` report: the compiler's reasons, the NIC's refusals and the rules without
    /// filters, with the port's status.
    /// - Throws: ``ControlFailure/Code/notFound`` for a port neither in the intent nor plugged.
    public func explainPort(_ port: PortID) throws(ControlFailure) -> PortExplainReport {
        guard intent?.state.port(port) != nil || bindings[port] != nil else {
            throw ControlFailure(.notFound, "explain: port \(port) is neither in the intent nor plugged")
        }
        let view = ReportView(agent: self)
        let owned = placement?.rules(ownedBy: port) ?? []
        let refusals = owned.compactMap { reconciler.fallbacks[$0.rule.id] }
        let notInstalled = owned.compactMap { placed -> RuleNote? in
            let id = placed.rule.id
            guard let reason = reconciler.desired.inactive[id] ?? reconciler.failures[id] else { return nil }
            return RuleNote(rule: id.description, reason: reason)
        }
        var text = placement.map { [$0.explain(port: port)] } ?? ["port \(port): no rules compiled (no NIC profile for the uplink)"]
        text += refusals.map { "NIC refused \($0.rule): \($0.reason) (runs in software)" }
        text += notInstalled.map { "not installed: \($0.rule): \($0.reason)" }
        return PortExplainReport(port: port.rawValue, status: view.portStatus(port),
                                 compiler: placement.map { PortExplanation(port: port, binding: $0.bindings[port], rules: owned) },
                                 nicRefusals: refusals, notInstalled: notInstalled, text: text)
    }

    /// The `explain RULE` report for a rule given by its id (as `rules` prints it) or its cookie
    /// (`0x` and hex digits).
    /// - Throws: ``ControlFailure/Code/notFound`` for an unknown rule.
    public func explainRule(_ text: String) throws(ControlFailure) -> RuleExplainReport {
        let cookie = text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : nil
        guard let placed = placement?.rules.first(where: { $0.rule.id.description == text || (cookie != nil && $0.rule.id.cookie == cookie) }) else {
            throw ControlFailure(.notFound, "explain: no rule '\(text)' (give an id as `rules` prints it, or its cookie)")
        }
        let status = ReportView(agent: self).ruleStatus(placed)
        var line = "\(status.id): \(status.placement)"
        if let reason = status.reason { line += ": \(reason)" }
        if status.state != "installed", let detail = status.detail { line += "; \(status.state.replacingOccurrences(of: "_", with: " ")): \(detail)" }
        return RuleExplainReport(rule: status, compiler: RuleExplanation(placed), text: line)
    }
}

/// The agent's state and the kernel's filters read once, for building one report.
struct ReportView {
    let placement: Plan?
    let desired: DesiredRules
    let installedByRule: [RuleID: [TCFilter]]
    let observed: [TCFilterLocation: ObservedFilter]
    let failures: [RuleID: String]
    let fallbacks: [RuleID: RuleFallback]
    let bindings: [PortID: PortBindingRecord]
    let intent: ValidatedNetworkState?
    let representors: [PortID: IfIndex]
    let linkNames: [IfIndex: String]

    init(agent: isolated Agent) {
        placement = agent.placement
        desired = agent.reconciler.desired
        installedByRule = Dictionary(grouping: agent.reconciler.installed.filters, by: \.rule)
        var observed: [TCFilterLocation: ObservedFilter] = [:]
        for filter in agent.dumpManagedDevices(extra: []) ?? [] {
            let entry = ObservedFilter(filter)
            observed[entry.location] = entry
        }
        self.observed = observed
        failures = agent.reconciler.failures
        fallbacks = agent.reconciler.fallbacks
        bindings = agent.bindings
        intent = agent.intent?.state
        var representors: [PortID: IfIndex] = [:]
        for (port, record) in agent.bindings { representors[port] = agent.representor(of: record) }
        self.representors = representors
        var names: [IfIndex: String] = [:]
        for link in (try? agent.links.links()) ?? [] { names[link.ifindex] = link.name }
        linkNames = names
    }

    /// `installed`, `not_installed` or `failed`, and why not installed.
    func state(of rule: RuleID) -> (String, String?) {
        if let reason = desired.inactive[rule] { return ("not_installed", reason) }
        if let reason = failures[rule] { return ("failed", reason) }
        return ("installed", nil)
    }

    func ruleStatus(_ placed: PlacedRule) -> RuleStatus {
        let rule = placed.rule
        let effective = desired.placements[rule.id] ?? placed.placement
        let (state, detail) = state(of: rule.id)
        let filters = (installedByRule[rule.id] ?? []).map { filter -> FilterStatus in
            let seen = observed[filter.location]
            return FilterStatus(device: filter.location.device.rawValue, chain: filter.location.chain, priority: filter.location.priority,
                                protocol: filter.location.protocol.description, handle: "0x" + String(filter.location.handle, radix: 16),
                                role: filter.role.description, inHardware: seen?.inHardware, packets: seen?.packets)
        }
        return RuleStatus(id: rule.id.description, cookie: RuleExplanation(placed).cookie, kind: rule.kind.rawValue, owner: rule.owner?.rawValue,
                          ingress: rule.ingress.description, chain: rule.chain, priority: rule.priority, placement: effective.location,
                          compilerPlacement: placed.placement.location, reason: effective.reason, nicRefusal: fallbacks[rule.id]?.reason,
                          state: state, detail: detail, filters: filters)
    }

    /// Counts over the rules that have filters, at their effective placement.
    func coverage(of rules: [PlacedRule]) -> Coverage {
        var coverage = Coverage()
        for placed in rules where desired.inactive[placed.rule.id] == nil && failures[placed.rule.id] == nil {
            coverage.count((desired.placements[placed.rule.id] ?? placed.placement).location)
        }
        return coverage
    }

    func portStatus(_ port: PortID) -> PortStatus {
        let found = intent?.port(port)
        let record = bindings[port]
        let owned = placement?.rules(ownedBy: port) ?? []
        var counts = RuleCounts()
        var packets = PacketCounts()
        for placed in owned {
            let seen = (installedByRule[placed.rule.id] ?? []).compactMap { observed[$0.location] }
            seen.forEach { packets.add($0.packets) }
            if seen.isEmpty {
                counts.notInstalled += 1
            } else if seen.contains(where: \.inHardware) {
                counts.hardware += 1
            } else {
                counts.software += 1
            }
        }
        let coverage = coverage(of: owned)
        let state = record == nil ? "unplugged" : (found == nil ? "not_in_intent" : "plugged")
        return PortStatus(port: port.rawValue, vm: found?.vm.rawValue, domain: record?.domain, binding: found?.binding?.rawValue, state: state,
                          device: record.map { Self.device($0.device) },
                          representor: representors[port].map { LinkReference(ifindex: $0.rawValue, name: linkNames[$0] ?? "") },
                          rules: counts, packets: packets, coveragePercent: coverage.total == 0 ? nil : Self.percent(coverage.share))
    }

    static func device(_ device: BoundDevice) -> PortDeviceStatus {
        switch device {
        case .vf(let pf, let index, let address):
            return PortDeviceStatus(kind: "vf", pf: pf.description, vf: index.rawValue, pci: address.description, vdpa: nil, name: nil)
        case .vdpa(let pf, let index, let address, let name):
            return PortDeviceStatus(kind: "vdpa", pf: pf.description, vf: index.rawValue, pci: address.description, vdpa: name.rawValue, name: nil)
        case .software(let name):
            return PortDeviceStatus(kind: "software", pf: nil, vf: nil, pci: nil, vdpa: nil, name: name)
        }
    }

    /// A share as a percentage with one decimal (83.3).
    static func percent(_ share: Double) -> Double { (share * 1000).rounded() / 10 }
}
