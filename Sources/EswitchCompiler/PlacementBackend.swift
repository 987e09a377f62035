/// The backend whose offload path the placement is for. Both consult the same profile support
/// tables (the drivers behind TC flower and rte_flow transfer rules are the same eswitch), so the
/// backend changes how rules are expressed, not where they go; the plan records it for output.
public enum PlacementBackend: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// TC flower over netlink, on the kernel path.
    case tc
    /// rte_flow transfer rules, on the DPDK path.
    case rteFlow = "rte_flow"

    public var description: String { rawValue }
}
