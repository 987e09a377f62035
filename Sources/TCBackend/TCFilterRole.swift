import Netlink

/// What one filter of a rule is for. A rule placed in hardware or in software gives one filter per
/// device; a split rule gives two: ``hardwareTrap`` and ``software``.
public enum TCFilterRole: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The whole rule in the NIC (skip_sw), at the hardware priority of its kind.
    case hardware
    /// The whole rule in the kernel's software datapath (skip_hw), at the software priority of its
    /// kind: a software-placed rule, or the software half of a split one.
    case software
    /// The hardware half of a split rule (skip_sw): the rule's match with the single action
    /// `gact trap`, which mlx5 implements as a forward to the slow-path table, i.e. to the
    /// representor and so into the software datapath (drivers/net/ethernet/mellanox/mlx5/core/en/tc/act/trap.c).
    case hardwareTrap

    /// The filter's skip flags.
    public var flags: FilterFlags {
        switch self {
        case .hardware, .hardwareTrap: return .skipSoftware
        case .software: return .skipHardware
        }
    }

    /// True when the NIC holds the filter.
    public var inHardware: Bool { self != .software }

    public var description: String {
        switch self {
        case .hardware: return "hardware"
        case .software: return "software"
        case .hardwareTrap: return "hardware-trap"
        }
    }

    /// The roles a placement gives, in install order.
    static func roles(for placement: TCPlacement) -> [TCFilterRole] {
        switch placement {
        case .hardware: return [.hardware]
        case .software: return [.software]
        case .split: return [.hardwareTrap, .software]
        }
    }
}
