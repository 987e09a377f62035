import EswitchModel
import Netlink

extension TCPlan {
    /// The changes from `old` (the plan installed now) to this plan. A filter whose identity
    /// (``TCFilterKey``) and location are unchanged is replaced in place when its message differs;
    /// one that moved (another priority or handle) is deleted and added.
    public func changes(from old: TCPlan) -> TCChangeSet {
        var out = TCChangeSet()
        for f in filters {
            guard let before = old.filter(f.key) else {
                out.adds.append(f)
                continue
            }
            if before.location != f.location {
                out.deletes.append(before.location)
                out.adds.append(f)
            } else if before.message != f.message {
                out.replaces.append(f)
            } else {
                out.unchanged += 1
            }
        }
        for f in old.filters where filter(f.key) == nil { out.deletes.append(f.location) }
        let oldDevices = Set(old.devices)
        out.newDevices = devices.filter { !oldDevices.contains($0) }
        out.adds.sort(by: Self.installsBefore)
        out.replaces.sort(by: Self.installsBefore)
        out.deletes.sort(by: Self.removesBefore)
        return out
    }
}
