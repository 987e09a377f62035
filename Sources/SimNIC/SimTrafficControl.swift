import EswitchModel
import Netlink

/// The hook a filter block hangs on: the ingress of a device (ingress or clsact qdisc) or the
/// egress of a clsact qdisc.
public enum TCHook: Hashable, Sendable, Comparable {
    case ingress
    case egress

    /// The filter parent tc uses for the hook (ffff:fff2 / ffff:fff3).
    public var parent: TCHandle { self == .ingress ? .ingressHook : .egressHook }
}

/// The ingress or clsact qdisc of a device (the only qdiscs eswitch adds).
public struct SimQdisc: Hashable, Sendable {
    public var ifindex: IfIndex
    /// `ingress` or `clsact`.
    public var kind: String
}

/// Where a filter is: device, hook, chain, priority and handle — its identity in tc.
public struct SimFilterID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var ifindex: IfIndex
    public var hook: TCHook
    public var chain: UInt32
    public var priority: UInt16
    public var handle: UInt32

    public init(ifindex: IfIndex, hook: TCHook = .ingress, chain: UInt32 = 0, priority: UInt16, handle: UInt32) {
        self.ifindex = ifindex
        self.hook = hook
        self.chain = chain
        self.priority = priority
        self.handle = handle
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.ifindex.rawValue, a.hook == .ingress ? 0 : 1, a.chain, a.priority, a.handle)
            < (b.ifindex.rawValue, b.hook == .ingress ? 0 : 1, b.chain, b.priority, b.handle)
    }

    public var description: String { "dev \(ifindex) \(hook) chain \(chain) pref \(priority) handle 0x\(String(handle, radix: 16))" }
}

/// One action of an installed filter: what was asked, the index the kernel gave it and its
/// counters (software and hardware) and times.
public struct SimAction: Hashable, Sendable {
    /// The action's attributes as requested (kind, options, cookie...).
    public var requested: TCAction
    /// The action kind.
    public var kind: TCActionKind
    /// The index in the kind's action table.
    public var index: UInt32
    /// Packets and bytes counted in software.
    public var packets: UInt64 = 0
    public var bytes: UInt64 = 0
    /// The part of the counters done in hardware.
    public var hardwarePackets: UInt64 = 0
    public var hardwareBytes: UInt64 = 0
    public var installedAt: Duration
    public var lastUsedAt: Duration
    public var firstUsedAt: Duration?
}

/// An installed flower filter.
public struct SimFilter: Hashable, Sendable {
    public var id: SimFilterID
    public var `protocol`: EtherType
    /// skip_sw / skip_hw / verbose as requested.
    public var requestedFlags: FilterFlags
    /// True when the filter is in the emulated hardware (in_hw, in_hw_count 1).
    public var inHardware: Bool
    /// The PF whose eswitch holds the hardware rule, when in hardware.
    public var hardwarePF: Int?
    /// Why the hardware did not take it, when it did not (the driver's extack text, or
    /// "skip_hw" / the reason the device offloads nothing).
    public var notInHardwareReason: String?
    public var actions: [SimAction]
    /// The flower options as requested, typed or as their wire bytes.
    var storedOptions: SimFilterOptions
    /// The digest of the match (see ``EmulatedHost/matchDigest(_:)``), kept for the removal.
    var matchDigest: UInt64

    init(id: SimFilterID, protocol: EtherType, options: SimFilterOptions, matchDigest: UInt64, requestedFlags: FilterFlags,
         inHardware: Bool, hardwarePF: Int?, notInHardwareReason: String?, actions: [SimAction]) {
        self.id = id
        self.protocol = `protocol`
        self.storedOptions = options
        self.matchDigest = matchDigest
        self.requestedFlags = requestedFlags
        self.inHardware = inHardware
        self.hardwarePF = hardwarePF
        self.notInHardwareReason = notInHardwareReason
        self.actions = actions
    }

    /// The flower options as the request carried them (keys, flags and the action list in wire
    /// order).
    public var requestedOptions: FlowerOptions { storedOptions.flowerOptions }

    /// The flower match: the requested keys, without the flags, counts and actions (those are in
    /// ``requestedFlags`` and ``actions``).
    public var options: FlowerOptions {
        FlowerOptions(requestedOptions.attributes.filter {
            switch $0 {
            case .flags, .inHardwareCount, .actions: return false
            default: return true
            }
        })
    }

    /// The flags a dump reports: the requested ones plus in_hw or not_in_hw.
    public var reportedFlags: FilterFlags {
        var flags = requestedFlags
        flags.insert(inHardware ? .inHardware : .notInHardware)
        return flags
    }

    public static func == (a: SimFilter, b: SimFilter) -> Bool {
        a.id == b.id && a.protocol == b.protocol && a.requestedFlags == b.requestedFlags && a.inHardware == b.inHardware
            && a.hardwarePF == b.hardwarePF && a.notInHardwareReason == b.notInHardwareReason && a.actions == b.actions
            && a.requestedOptions == b.requestedOptions
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(matchDigest)
    }
}

/// The flower options of an installed filter: the typed value it was given, or the bytes of the
/// request's TCA_OPTIONS (a request read straight from the wire keeps its bytes, about half the
/// memory of the typed form, and is decoded only when read).
enum SimFilterOptions: Sendable {
    case typed(FlowerOptions)
    /// The TCA_OPTIONS payload, already read without error at insertion.
    case wire([UInt8])

    var flowerOptions: FlowerOptions {
        switch self {
        case .typed(let options): return options
        case .wire(let bytes):
            do {
                return try FlowerOptions(decoding: bytes[...])
            } catch {
                preconditionFailure("stored flower options no longer decode: \(error)")
            }
        }
    }
}

/// The filters of one priority in one chain (a `tcf_proto`): one protocol, one classifier kind.
struct TCProto: Hashable, Sendable {
    var priority: UInt16
    var `protocol`: EtherType
    var kind: String
    var filters: [UInt32: SimFilter] = [:]
    /// Match digest -> handle: flower refuses the same keys twice in one priority, and the lookup
    /// must not walk every filter.
    var signatures: [UInt64: UInt32] = [:]
    /// Filters whose digest another filter with different keys holds in ``signatures`` (a 64-bit
    /// collision: kept correct, never expected).
    var digestCollisions: [DigestHolder] = []
    /// No handle below this one is free (the lowest-free search starts here).
    var nextHandle: UInt32 = 1
}

/// One chain of a block: its priorities in order, and how many goto actions hold it.
struct TCChain: Hashable, Sendable {
    var protos: [TCProto] = []
    /// goto-chain actions pointing here keep the chain alive without filters (as the kernel's
    /// chain reference count does).
    var actionReferences = 0

    var isEmpty: Bool { protos.isEmpty && actionReferences == 0 }
}

/// The filter block of a device hook.
struct TCBlock: Hashable, Sendable {
    var chains: [UInt32: TCChain] = [:]
}

/// The block of one hook of one device.
struct TCBlockID: Hashable, Sendable {
    var ifindex: IfIndex
    var hook: TCHook

    /// One word for both fields: every filter change looks its block up.
    func hash(into hasher: inout Hasher) {
        hasher.combine(UInt64(ifindex.rawValue) << 1 | (hook == .ingress ? 0 : 1))
    }
}

/// A filter holding a match digest (see ``TCProto/digestCollisions``).
struct DigestHolder: Hashable, Sendable {
    var digest: UInt64
    var handle: UInt32
}
