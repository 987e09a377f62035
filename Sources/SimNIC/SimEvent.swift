import EswitchModel

/// A change of the emulated host that the kernel would multicast (RTM_NEWLINK, RTM_DELTFILTER...).
/// The endpoint turns them into notification messages for its event sources.
enum SimEvent: Hashable, Sendable {
    case linkChanged(IfIndex)
    case linkRemoved(SimLink)
    case neighbourAdded(SimNeighbour)
    case neighbourRemoved(SimNeighbour)
    case qdiscAdded(SimQdisc)
    case qdiscRemoved(SimQdisc)
    case filterAdded(SimFilterID)
    case filterRemoved(SimFilter)
}
