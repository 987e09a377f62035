import ControlAPI
import EswitchModel

/// Which VF of which PF each port holds. The agent changes it only on its own executor and before
/// its first suspension point in a plug, so concurrent plugs can never take the same VF.
struct VFAllocator: Sendable {
    private var holders: [PCIAddress: [VFIndex: PortID]] = [:]

    /// Takes a VF of `nic` for `port`: `requested` when it is one of the PF's VFs and free,
    /// otherwise the lowest free VF.
    /// - Throws: ``ControlFailure/Code/unavailable`` when the requested VF is taken or no VF is
    ///   free, ``ControlFailure/Code/notFound`` when the requested address is not a VF of the PF.
    mutating func reserve(for port: PortID, on nic: ManagedNIC, requested: PCIAddress?) throws(ControlFailure) -> VFIndex {
        let taken = holders[nic.pf] ?? [:]
        if let requested {
            guard let vf = nic.vf(at: requested) else {
                throw ControlFailure(.notFound, "\(requested) is not a VF of PF \(nic.pf) (it has \(nic.vfCount) VFs)")
            }
            if let holder = taken[vf], holder != port {
                throw ControlFailure(.unavailable, "VF \(requested) is held by port \(holder)")
            }
            holders[nic.pf, default: [:]][vf] = port
            return vf
        }
        guard let free = (0..<UInt32(nic.vfCount)).map({ VFIndex($0) }).first(where: { taken[$0] == nil }) else {
            throw ControlFailure(.unavailable, "no free VF on PF \(nic.pf) (\(taken.count) of \(nic.vfCount) in use)")
        }
        holders[nic.pf, default: [:]][free] = port
        return free
    }

    /// Records that `port` holds VF `vf` of `pf` (a binding restored from a snapshot).
    /// - Returns: false when another port holds it already.
    mutating func claim(_ vf: VFIndex, of pf: PCIAddress, for port: PortID) -> Bool {
        if let holder = holders[pf]?[vf], holder != port { return false }
        holders[pf, default: [:]][vf] = port
        return true
    }

    /// Frees VF `vf` of `pf`.
    mutating func release(_ vf: VFIndex, of pf: PCIAddress) {
        holders[pf]?[vf] = nil
    }

    /// The VFs of `pf` held now.
    func used(on pf: PCIAddress) -> Int { holders[pf]?.count ?? 0 }
}
