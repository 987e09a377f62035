import EswitchModel
import Netlink

extension TCPlan {
    /// The changes that turn the filters found on the devices (dumped after a restart) into this
    /// plan, without touching what is already right: eswitch adopts its own filters instead of
    /// flushing them.
    ///
    /// A dumped filter is eswitch's when every action carries an 8-byte cookie and it sits at one
    /// of eswitch's priorities (``TCPriorities``); other filters are left alone. One of eswitch's
    /// filters is kept when the plan has a filter of the same rule at the same location doing the
    /// same (compared by meaning: keys, masks, skip flags and action parameters, ignoring what the
    /// kernel adds to dumps), replaced when it sits there but differs, and deleted otherwise
    /// (a rule that no longer exists, or one that moved). Planned filters not found are added.
    public func reconcile(installed: [FilterMessage]) -> TCChangeSet {
        var out = TCChangeSet()
        var matched: Set<TCFilterKey> = []
        var byLocation: [TCFilterLocation: Int] = [:]
        for (i, f) in filters.enumerated() { byLocation[f.location] = i }
        var seenDevices: Set<IfIndex> = []
        for dumped in installed {
            let location = TCFilterLocation(of: dumped)
            seenDevices.insert(location.device)
            guard dumped.kind == "flower", let cookie = TCOwnershipCookie.cookie(of: dumped),
                  TCPriorities.slot(chain: location.chain, priority: location.priority) != nil else { continue }
            guard let i = byLocation[location], filters[i].cookie == cookie, !matched.contains(filters[i].key) else {
                out.deletes.append(location)
                continue
            }
            let planned = filters[i]
            matched.insert(planned.key)
            if TCFilterSignature(dumped) == TCFilterSignature(planned.message) {
                out.unchanged += 1
            } else {
                out.replaces.append(planned)
            }
        }
        out.adds = filters.filter { !matched.contains($0.key) }
        out.newDevices = devices.filter { !seenDevices.contains($0) }
        out.adds.sort(by: Self.installsBefore)
        out.replaces.sort(by: Self.installsBefore)
        out.deletes.sort(by: Self.removesBefore)
        return out
    }
}
