import EswitchModel
import Netlink

/// What an RTM_NEWTFILTER asks of the emulated kernel, read once (from the typed message or from
/// the request's bytes) in the terms its checks and tables need.
struct FilterInsert {
    var ifindex: IfIndex
    var parent: TCHandle
    var priority: UInt16
    var `protocol`: EtherType
    var handle: UInt32
    var kind: String?
    var chain: UInt32?
    /// The flower options; nil when the request has none (EINVAL).
    var options: SimFilterOptions?
    var flags: FilterFlags
    var actions: ActionListFacts
    /// The keys in the profile's terms; nil when a key has no word there (the exact check, in
    /// attribute order, then runs on the typed options).
    var keys: KeyFacts?
    /// The match digest (``EmulatedHost/matchDigest(_:)``).
    var digest: UInt64
}

extension FilterInsert {
    /// Reads a typed filter message (the first attribute of each kind counts, as the accessors
    /// read them).
    init(_ message: FilterMessage) {
        var kind: String?, chain: UInt32?, requested: FlowerOptions?
        for attribute in message.attributes {
            switch attribute {
            case .kind(let k) where kind == nil: kind = k
            case .chain(let c) where chain == nil: chain = c
            case .flower(let o) where requested == nil: requested = o
            default: break
            }
        }
        self.init(ifindex: message.header.ifindex, parent: message.header.parent, priority: message.priority, protocol: message.protocol,
                  handle: message.handle, kind: kind, chain: chain, options: requested.map { .typed($0) },
                  flags: requested?.flags ?? [], actions: ActionListFacts(requested?.actions ?? []),
                  keys: requested.flatMap(KeyFacts.init), digest: requested.map(EmulatedHost.matchDigest) ?? 0)
    }
}

/// The match keys of a filter in the profile's terms: which keys (a bit per FlowerKey case) and
/// whether any mask is partial.
struct KeyFacts {
    var present: UInt64 = 0
    var partial = false

    /// Reads typed options; nil when a key has no word in the profiles.
    init?(_ options: FlowerOptions) {
        for attribute in options.attributes {
            guard let entry = EmulatedHost.offloadKey(attribute) else { continue }
            guard let key = entry.key, let bit = OffloadSupportTable.bit(key) else { return nil }
            present |= bit
            partial = partial || entry.partial
        }
    }

    init() {}
}

/// What the kernel and the drivers need to know of an action list that does not depend on the
/// host's state, worked out once per list (an agent's filters share a few lists).
struct ActionListFacts {
    /// The actions as requested.
    let actions: [TCAction]
    /// The first refusal whatever the host, with the position of the action it concerns (-1 for
    /// the list as a whole): the kernel checks actions in order, so a missing mirred device of an
    /// earlier action is reported first.
    private(set) var refusal: (index: Int, error: SimNICError)?
    /// mirred targets, with the position of their action.
    private(set) var mirredTargets: [(index: Int, target: IfIndex)] = []
    /// Chains named by goto actions.
    private(set) var gotoChains: [UInt32] = []
    /// The profile actions needed (a bit per OffloadAction case).
    private(set) var offloadActions: UInt64 = 0
    /// True when an action is one no profile offloads (or the table cannot say).
    private(set) var hasUnnamedAction = false
    private(set) var setsTunnelKey = false
    /// Kind and requested index of each action.
    private(set) var kinds: [(kind: TCActionKind, index: UInt32?)] = []

    init(_ actions: [TCAction]) {
        self.actions = actions
        kinds.reserveCapacity(actions.count)
        // TCA_ACT_MAX_PRIO: at most 32 actions, numbered from 1.
        if actions.count > 32 || !actions.allSatisfy({ (1...32).contains($0.order) }) {
            refusal = (-1, SimNICError(.invalidArgument, "Too many actions or action order out of range"))
        }
        for (position, action) in actions.enumerated() {
            let parts = action.parts
            kinds.append((parts.kind ?? .other(""), parts.index))
            if refusal == nil { check(parts, at: position) }
            _ = EmulatedHost.forEachOffloadAction(action, options: parts.options) { wanted, _ in
                if let wanted, let bit = OffloadSupportTable.bit(wanted) {
                    offloadActions |= bit
                    if wanted == .tunnelKeySet { setsTunnelKey = true }
                } else {
                    hasUnnamedAction = true
                }
                return nil
            }
            if case .gact(let o)? = parts.options, let chain = o.verdict?.chain { gotoChains.append(chain) }
        }
    }

    /// The kernel's host-independent checks of one action (net/sched/act_api.c, act_mirred.c).
    private mutating func check(_ parts: TCActionParts, at position: Int) {
        guard let kind = parts.kind else {
            refusal = (position, SimNICError(.invalidArgument, "TC action kind must be specified"))
            return
        }
        // The typed kinds are all known; only other names need the lookup.
        if case .other(let name) = kind, !EmulatedHost.knownActionKinds.contains(name) {
            refusal = (position, SimNICError(.noSuchFileOrDirectory, "Failed to load TC action module"))
            return
        }
        switch parts.options {
        case .mirred(let o)?:
            guard let p = o.parameters else {
                refusal = (position, SimNICError(.invalidArgument, "act_mirred: Missing required mirred parameters"))
                return
            }
            mirredTargets.append((position, p.ifindex))
        case .gact(let o)?:
            if let chain = o.verdict?.chain, chain > EmulatedHost.maximumChain {
                refusal = (position, SimNICError(.invalidArgument, "Specified chain index exceeds upper limit"))
            }
        default:
            break
        }
    }
}
