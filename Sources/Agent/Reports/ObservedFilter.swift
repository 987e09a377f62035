import EswitchModel
import Netlink
import TCBackend

/// A filter as the kernel reports it now: where it is, whether the NIC holds it, and its counters.
struct ObservedFilter: Hashable, Sendable {
    var location: TCFilterLocation
    var inHardware: Bool
    var packets: PacketCounts

    /// Reads a dumped filter: `in_hw` (or a non-zero in_hw_count) says the NIC holds it; the first
    /// action's counters give the packets, TCA_STATS_BASIC_HW being the hardware's share.
    init(_ filter: FilterMessage) {
        location = TCFilterLocation(of: filter)
        inHardware = filter.flags?.contains(.inHardware) == true || (filter.inHardwareCount ?? 0) > 0
        let stats = filter.actions.first?.statistics ?? []
        var total = UInt64(stats.basic?.packets ?? 0)
        for case .packets64(let n) in stats { total = n }
        let hardware = UInt64(stats.basicHardware?.packets ?? 0)
        packets = PacketCounts(hardware: hardware, software: total >= hardware ? total - hardware : 0)
    }
}

/// Packets counted by a filter's actions, split by who handled them.
///
/// JSON: `hardware`, `software`.
public struct PacketCounts: Hashable, Sendable, Codable {
    public var hardware: UInt64
    public var software: UInt64

    /// Counts as given (zero by default).
    public init(hardware: UInt64 = 0, software: UInt64 = 0) {
        self.hardware = hardware
        self.software = software
    }

    mutating func add(_ other: PacketCounts) {
        hardware &+= other.hardware
        software &+= other.software
    }
}
