import EswitchModel
import Netlink
import Platform

extension EmulatedHost {
    /// Adds the ingress or clsact qdisc of a device (`tc qdisc add dev X ingress|clsact`), with
    /// net/sched/sch_api.c's answers: an unknown device is ENODEV, a kind other than these two is
    /// ENOENT "Specified qdisc kind is unknown" (the emulator knows no other), a qdisc already
    /// there is EEXIST "Exclusivity flag on, cannot modify" with NLM_F_EXCL, EINVAL "Invalid qdisc
    /// name" when its kind differs, and EINVAL "Change operation not supported by specified qdisc"
    /// otherwise (ingress and clsact have no change operation).
    public mutating func addQdisc(_ kind: String, on ifindex: IfIndex, parent: TCHandle = .ingressQdiscParent,
                                  create: Bool = true, exclusive: Bool = true) throws(SimNICError) {
        guard links[ifindex] != nil else { throw SimNICError(.noSuchDevice) }
        guard kind == "ingress" || kind == "clsact" else { throw SimNICError(.noSuchFileOrDirectory, "Specified qdisc kind is unknown") }
        guard parent == .ingressQdiscParent else { throw SimNICError(.invalidArgument) }
        if let existing = qdiscs[ifindex] {
            if exclusive { throw SimNICError(.fileExists, "Exclusivity flag on, cannot modify") }
            if existing.kind != kind { throw SimNICError(.invalidArgument, "Invalid qdisc name") }
            throw SimNICError(.invalidArgument, "Change operation not supported by specified qdisc")
        }
        guard create else { throw SimNICError(.noSuchFileOrDirectory, "Specified qdisc not found") }
        let qdisc = SimQdisc(ifindex: ifindex, kind: kind)
        qdiscs[ifindex] = qdisc
        events.append(.qdiscAdded(qdisc))
    }

    /// Deletes the ingress/clsact qdisc of a device with every filter it holds (`tc qdisc del dev X
    /// ingress`); ENOENT "Cannot find specified qdisc on specified device" when there is none.
    public mutating func deleteQdisc(on ifindex: IfIndex, kind: String? = nil) throws(SimNICError) {
        guard links[ifindex] != nil else { throw SimNICError(.noSuchDevice) }
        guard let qdisc = qdiscs[ifindex] else {
            throw SimNICError(.noSuchFileOrDirectory, "Cannot find specified qdisc on specified device")
        }
        if let kind, kind != qdisc.kind { throw SimNICError(.invalidArgument, "Invalid qdisc name") }
        removeQdisc(on: ifindex)
    }

    mutating func removeQdisc(on ifindex: IfIndex) {
        for hook in [TCHook.ingress, .egress] {
            let id = TCBlockID(ifindex: ifindex, hook: hook)
            guard let block = blocks[id] else { continue }
            for chain in block.chains.keys.sorted() {
                for proto in block.chains[chain]?.protos ?? [] {
                    for handle in proto.filters.keys.sorted() {
                        if let filter = proto.filters[handle] { released(filter) }
                    }
                }
            }
            blocks[id] = nil
        }
        if let qdisc = qdiscs.removeValue(forKey: ifindex) { events.append(.qdiscRemoved(qdisc)) }
    }

    /// The qdiscs in device order.
    public var orderedQdiscs: [SimQdisc] { qdiscs.keys.sorted().compactMap { qdiscs[$0] } }
}
