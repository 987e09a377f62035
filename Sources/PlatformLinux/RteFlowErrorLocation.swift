#if DPDK
/// The part of a rule an rte_flow error names (its `cause` pointer, resolved against the
/// structures that were passed).
public enum RteFlowErrorLocation: Hashable, Sendable, CustomStringConvertible {
    case attributes
    /// The pattern item at `index` (its spec, mask or the item itself), with its type name.
    case item(index: Int, type: String)
    /// The action at `index` (its conf or the action itself), with its type name.
    case action(index: Int, type: String)
    /// No cause, or one outside the structures passed (for example driver-internal state).
    case unlocated

    public var description: String {
        switch self {
        case .attributes: return "attributes"
        case .item(let index, let type): return "item \(index) (\(type))"
        case .action(let index, let type): return "action \(index) (\(type))"
        case .unlocated: return "unlocated"
        }
    }
}
#endif
