import EswitchModel
import Netlink

/// What turns the installed filters into a plan's: deletes, adds and in-place replaces, with the
/// requests in a safe order.
public struct TCChangeSet: Hashable, Sendable {
    /// Filters to remove, by location.
    public var deletes: [TCFilterLocation]
    /// Filters to create.
    public var adds: [TCFilter]
    /// Filters whose location stays and whose content changes (`tc filter replace`).
    public var replaces: [TCFilter]
    /// Devices that get their first filter (their qdisc must exist first).
    public var newDevices: [IfIndex]
    /// How many filters stay as they are.
    public var unchanged: Int

    public init(deletes: [TCFilterLocation] = [], adds: [TCFilter] = [], replaces: [TCFilter] = [], newDevices: [IfIndex] = [], unchanged: Int = 0) {
        self.deletes = deletes
        self.adds = adds
        self.replaces = replaces
        self.newDevices = newDevices
        self.unchanged = unchanged
    }

    /// True when nothing changes.
    public var isEmpty: Bool { deletes.isEmpty && adds.isEmpty && replaces.isEmpty && newDevices.isEmpty }

    /// The requests in order: qdiscs of new devices; deletes in the classifier instances that
    /// filters are added to (flower refuses a second filter with the same key in an instance, so an
    /// old filter must go before a new one with its match); adds and replaces in install order; the
    /// other deletes last, so that traffic keeps its rules until the new ones are in.
    public func requests(qdisc: TCQdiscKind) -> [NetlinkMessage] {
        var out: [NetlinkMessage] = newDevices.map { qdisc.addRequest(device: $0) }
        let addedTables = Set(adds.map(\.location.table))
        let deletes = deletes.sorted(by: TCPlan.removesBefore)
        out += deletes.filter { addedTables.contains($0.table) }.map { $0.deleteRequest() }
        let writes = (adds.map { ($0, true) } + replaces.map { ($0, false) }).sorted { TCPlan.installsBefore($0.0, $1.0) }
        out += writes.map { $0.1 ? $0.0.addRequest() : $0.0.replaceRequest() }
        out += deletes.filter { !addedTables.contains($0.table) }.map { $0.deleteRequest() }
        return out
    }
}
