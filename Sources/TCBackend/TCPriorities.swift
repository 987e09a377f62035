import EswitchModel
import Netlink

/// The TC priority (`pref`) of every filter, fixed by the rule's kind, its protocol and whether the
/// filter is in hardware, so that it never changes across recompiles.
///
/// Three constraints shape the table:
/// - all filters of one priority in a chain must share one protocol (cls_api refuses a second
///   protocol at a priority), so a kind whose rules use several protocols takes one priority per
///   protocol, specific protocols before `all`;
/// - mlx5 without `ignore_flow_level` offloads priorities 1...16 only (FDB_TC_MAX_PRIO in
///   drivers/net/ethernet/mellanox/mlx5/core/fs_core.h, see HardwareProfiles/connectx-5.yaml), so
///   hardware priorities are dense: 1, 2, 3... in each chain, in kind order (``RuleKind`` `<`);
/// - a split rule's two halves have the same match, and flower refuses two filters with the same
///   key and mask at one priority whatever their skip flags (cls_flower.c inserts every filter in
///   its hash table before offloading), so software filters live at their own priorities,
///   ``softwareBase`` + the hardware priority: the same order, in a range the NIC never sees.
///
/// Each datapath therefore sees every kind in kind order: hardware the skip_sw filters at 1...N,
/// software the skip_hw filters at 257...256+N.
public enum TCPriorities {
    /// Software priorities are the hardware ones plus this.
    public static let softwareBase: UInt16 = 256

    /// The protocols (filter protocol = flower eth_type) the compiler gives each kind's rules, in
    /// the order their priorities are tried: specific protocols first, `all` last. A rule with
    /// another protocol cannot be placed (the backend reports it) until this table learns it.
    public static func protocols(of kind: RuleKind) -> [EtherType] {
        switch kind {
        case .portAdmit: return [.vlan8021Q, .all]
        case .antiSpoofDrop, .egressDrop, .ingressDrop, .l2Local, .l2Remote, .flood, .decap: return [.all]
        case .egressAllow, .ingressAllow: return [.ipv4, .ipv6, .arp, .all]
        case .arpTrap: return [.arp]
        case .ndTrap: return [.ipv6]
        case .route, .snatToGateway, .snatGateway: return [.ipv4, .ipv6]
        case .floatingIPOut, .floatingIPIn: return [.ipv4]
        }
    }

    /// The priority of a filter of `kind` for `protocol`, in hardware or in software; nil when the
    /// kind does not use that protocol.
    public static func priority(kind: RuleKind, protocol: EtherType, inHardware: Bool) -> UInt16? {
        guard let slots = table[kind], let hardware = slots.first(where: { $0.0 == `protocol` })?.1 else { return nil }
        return inHardware ? hardware : softwareBase + hardware
    }

    /// The highest hardware priority of each chain (compare with `HardwareProfile.Chains.maxPriority`).
    public static var maxHardwarePriority: [UInt32: UInt16] { maxima }

    /// The (kind, protocol) of a priority in a chain, for reading dumps; nil when unused.
    public static func slot(chain: UInt32, priority: UInt16) -> (kind: RuleKind, protocol: EtherType, inHardware: Bool)? {
        let inHardware = priority <= softwareBase
        let hardware = inHardware ? priority : priority - softwareBase
        for (kind, slots) in table where kind.chain == chain {
            if let (p, _) = slots.first(where: { $0.1 == hardware }) { return (kind, p, inHardware) }
        }
        return nil
    }

    // Kinds in order, each chain numbered from 1.
    private static let table: [RuleKind: [(EtherType, UInt16)]] = {
        var out: [RuleKind: [(EtherType, UInt16)]] = [:]
        var next: [UInt32: UInt16] = [:]
        for kind in RuleKind.allCases.sorted() {
            var slots: [(EtherType, UInt16)] = []
            for p in protocols(of: kind) {
                let n = next[kind.chain, default: 1]
                slots.append((p, n))
                next[kind.chain] = n + 1
            }
            out[kind] = slots
        }
        return out
    }()

    private static let maxima: [UInt32: UInt16] = {
        var out: [UInt32: UInt16] = [:]
        for (kind, slots) in table {
            for (_, p) in slots { out[kind.chain] = max(out[kind.chain] ?? 0, p) }
        }
        return out
    }()
}
