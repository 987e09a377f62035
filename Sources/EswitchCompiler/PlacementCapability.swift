import EswitchModel

/// What the NIC can do with one rule on its own, before the pipeline around it is considered:
/// hardware (everything supported), split (the match is supported and the NIC can trap, but some
/// action must run in the slow path, or the rule traps by design), or software.
///
/// The checks use the profile's own answers (`supports(key:on:)`, `supports(action:on:)`...), so
/// every reason names the profile and the item: `E810: action tunnel_key set on representor not
/// supported`. When several items fail, all are given, separated by `; `, actions first.
struct PlacementCapability {
    let profile: HardwareProfile
    /// Why a local port cannot have hardware rules at all (software binding, binding the NIC lacks).
    let portProblems: [PortID: String]
    /// Why nothing at all can be offloaded with this profile; nil when something can.
    let profileProblem: String?
    /// Per port kind (`PlacementBits.index(of:)`): the keys and actions the profile supports, as
    /// bit sets, so that the common case (all supported) costs a few instructions per rule; the
    /// profile is asked for its reasons only when something is missing.
    private let supportedKeys: [UInt64]
    private let supportedActions: [UInt64]
    private let trapSupport: [HardwareProfile.Support]

    init(profile: HardwareProfile, state: ValidatedNetworkState) {
        self.profile = profile
        if profile.isSoftwareOnly {
            profileProblem = "profile \(profile.id) offloads nothing (software-only)"
        } else if !profile.switchdev {
            profileProblem = "\(profile.name): no switchdev mode (nothing is offloaded)"
        } else {
            profileProblem = nil
        }
        var problems: [PortID: String] = [:]
        for port in state.localPorts {
            switch port.binding {
            case .software: problems[port.id] = "port \(port.id) is bound software: no VF"
            case .vdpa where profile.vdpa == nil: problems[port.id] = "\(profile.name): vDPA not supported (port \(port.id) is bound vdpa)"
            case .vf where profile.sriov == nil: problems[port.id] = "\(profile.name): SR-IOV not supported (port \(port.id) is bound vf)"
            case nil: problems[port.id] = "port \(port.id) has no binding: no VF"
            default: break
            }
        }
        portProblems = problems
        var keys: [UInt64] = [], actions: [UInt64] = [], traps: [HardwareProfile.Support] = []
        for kind in PlacementBits.kinds {
            keys.append(FlowerKey.allCases.reduce(0) { $0 | (profile.supports(key: $1, on: kind).isSupported ? PlacementBits.bit($1) : 0) })
            actions.append(OffloadAction.allCases.reduce(0) { $0 | (profile.supports(action: $1, on: kind).isSupported ? PlacementBits.bit($1) : 0) })
            traps.append(profile.supports(action: .trap, on: kind))
        }
        supportedKeys = keys
        supportedActions = actions
        trapSupport = traps
    }

    /// The kind of device a rule's filter is attached to: a VF representor for a port's ingress;
    /// on the uplink, the tunnel device when the rule matches tunnel metadata, else the uplink.
    static func portKind(of rule: Rule) -> PortKind {
        switch rule.ingress {
        case .port: return .vfRepresentor
        case .uplink: return PlacementBits.keys(of: rule.match) & PlacementBits.tunnelKeys != 0 ? .tunnelDevice : .uplink
        }
    }

    /// Whether a rule on `kind` can trap frames to the slow path (the mechanism of a split).
    func canTrap(on kind: PortKind) -> HardwareProfile.Support { trapSupport[PlacementBits.index(of: kind)] }

    /// Why the rule's port (its ingress port, or the port that owns it) cannot be in hardware.
    func portProblem(of rule: Rule) -> String? {
        if portProblems.isEmpty { return nil }
        if case .port(let id) = rule.ingress, let problem = portProblems[id] { return problem }
        if let owner = rule.owner, let problem = portProblems[owner] { return problem }
        return nil
    }

    /// The placement of `rule` considered alone.
    func assess(_ rule: Rule, on kind: PortKind) -> Placement {
        if let problem = profileProblem ?? portProblem(of: rule) { return Placement(location: .software, reason: problem) }
        let matchProblems = self.matchProblems(rule, on: kind)
        var actionProblems: [String] = []
        var trapReason: String?
        func add(_ support: HardwareProfile.Support) {
            if let reason = support.reason, !actionProblems.contains(reason) { actionProblems.append(reason) }
        }
        for action in rule.actions {
            switch action {
            case .trap(let why):
                trapReason = why.placementExplanation
                continue  // the trap itself is what a split does
            case .output(.slowPath):
                trapReason = "sent to the slow path"
                continue
            default: break
            }
            let offload = action.offloadAction
            guard supportedActions[PlacementBits.index(of: kind)] & PlacementBits.bit(offload) != 0 else {
                add(profile.supports(action: offload, on: kind))
                continue
            }
            // Finer conditions than the action table.
            switch action {
            case .output(.port(let id)):
                if !portProblems.isEmpty, let problem = portProblems[id] { add(.unsupported(reason: problem)) }
            case .encapsulate(let tunnel):
                add(profile.supports(encap: .vxlan))
                if case .v6 = tunnel.destination, !profile.tunnels.ipv6Underlay {
                    add(.unsupported(reason: "\(profile.name): IPv6 underlay not supported"))
                }
            case .decapsulate:
                add(profile.supports(decap: .vxlan))
            case .gotoChain(let chain):
                add(profile.supports(chain: chain, priority: 0))
            case .conntrack(_, _, let snat):
                add(profile.supportsConntrack(nat: snat != nil))
            case .conntrackRestoreNAT:
                add(profile.supportsConntrack(nat: true))
            default: break
            }
        }
        add(profile.supports(actionCount: rule.actions.count))

        if matchProblems.isEmpty && actionProblems.isEmpty && trapReason == nil { return Placement(location: .hardware) }
        let trap = canTrap(on: kind)
        if matchProblems.isEmpty, trap.isSupported {
            return Placement(location: .split, reason: ((trapReason.map { [$0] } ?? []) + actionProblems).joined(separator: "; "))
        }
        let reasons = actionProblems + matchProblems + (matchProblems.isEmpty ? trap.reason.map { [$0] } ?? [] : [])
        return Placement(location: .software, reason: reasons.joined(separator: "; "))
    }

    /// What keeps the NIC from matching the rule at all: keys, prefix masks, chain and priority.
    func matchProblems(_ rule: Rule, on kind: PortKind) -> [String] {
        var problems: [String] = []
        if PlacementBits.keys(of: rule.match) & ~supportedKeys[PlacementBits.index(of: kind)] != 0 {
            for key in rule.match.keys {
                if let reason = profile.supports(key: key, on: kind).reason { problems.append(reason) }
            }
        }
        if !profile.prefixMatch {
            let m = rule.match
            let srcPrefix = (m.ipv4Source.map { !$0.isExact } ?? false) || (m.ipv6Source.map { !$0.isExact } ?? false)
            let dstPrefix = (m.ipv4Destination.map { !$0.isExact } ?? false) || (m.ipv6Destination.map { !$0.isExact } ?? false)
            if srcPrefix { problems.append("\(profile.name): prefix match on \(FlowerKey.srcIP) not supported (exact addresses only)") }
            if dstPrefix { problems.append("\(profile.name): prefix match on \(FlowerKey.dstIP) not supported (exact addresses only)") }
        }
        let priority = PlacementCapability.hardwarePriority(of: rule.kind)
        if rule.chain > profile.chains.maxChain || priority > profile.chains.maxPriority {
            if let reason = profile.supports(chain: rule.chain, priority: priority).reason { problems.append(reason) }
        }
        return problems
    }
}

extension PlacementCapability {
    /// The priority a kind's rules get in hardware: its rank among the kinds of its chain (1, 2,
    /// 3... in `RuleKind` order). `RuleKind.priority` only orders kinds; the backends number
    /// hardware priorities densely (the TC backend's table does, per protocol), because mlx5
    /// offloads priorities 1...16 only (FDB_TC_MAX_PRIO, see HardwareProfiles/connectx-6dx.yaml).
    static func hardwarePriority(of kind: RuleKind) -> UInt16 {
        let priorities = orderedPriorities[Int(kind.chain)]
        return UInt16(priorities.firstIndex(of: kind.priority)! + 1)
    }

    /// The distinct priorities of the kinds of each chain, in order.
    private static let orderedPriorities: [[UInt16]] = {
        let chains = Int(RuleKind.allCases.map(\.chain).max()!) + 1
        return (0..<chains).map { chain in Set(RuleKind.allCases.filter { $0.chain == chain }.map(\.priority)).sorted() }
    }()
}

extension TrapReason {
    /// Why a rule with this trap is split, for reasons and explain.
    var placementExplanation: String {
        switch self {
        case .arp: return "ARP is answered by the slow path"
        case .neighbourDiscovery: return "neighbour discovery is answered by the slow path"
        case .flood: return "flooding is done by the slow path"
        case .routeAfterNAT: return "routing after NAT is done by the slow path"
        }
    }
}
