import EswitchModel
import Netlink
import Platform

extension EmulatedHost {
    /// Writes `sriov_numvfs` of the PF at `pf`, with Linux's rules (drivers/pci/iov.c,
    /// sriov_numvfs_store): above TotalVFs is ERANGE, the current count is a no-op, 0 removes every
    /// VF, and a non-zero count while VFs exist is EBUSY ("%d VFs already enabled. Disable before
    /// enabling %d VFs"). New VFs are bound to their driver (sriov_drivers_autoprobe), get a netdev
    /// and, in switchdev mode, a representor.
    ///
    /// - Throws: ENODEV when there is no such PF, or the armed ``SimNICFaults/nextNumVFsChange``.
    public mutating func setNumVFs(_ count: Int, on pf: PCIAddress) throws(SimNICError) {
        guard let index = physicalFunctions.firstIndex(where: { $0.address == pf }) else {
            throw SimNICError(.noSuchDevice)
        }
        guard count >= 0, count <= Int(UInt16.max) else { throw SimNICError(.invalidArgument) }
        let current = physicalFunctions[index].vfs.count
        guard count <= Int(physicalFunctions[index].sriov.totalVFs) else { throw SimNICError(.outOfRange) }
        guard count != current else { return }
        if let fault = faults.nextNumVFsChange {
            faults.nextNumVFsChange = nil
            throw fault
        }
        if count == 0 {
            removeVFs(onPF: index)
            return
        }
        guard current == 0 else { throw SimNICError(.resourceBusy) }
        if configuration.applyLatencies, let perVF = profile.latencies?.vfCreateMS {
            clock.sleep(for: .milliseconds(perVF * count))
        }
        createVFs(count, onPF: index)
    }

    /// The VF count of the PF at `pf` (sriov_numvfs), or nil when there is no such PF.
    public func numVFs(of pf: PCIAddress) -> Int? {
        physicalFunctions.first { $0.address == pf }?.vfs.count
    }

    /// Creates `count` VFs on PF `index` (bound with netdevs unless the PF's drivers autoprobe is
    /// off, and with representors in switchdev mode).
    mutating func createVFs(_ count: Int, onPF index: Int) {
        let pf = physicalFunctions[index]
        var vfs: [SimVirtualFunction] = []
        for n in 0..<count {
            let number = UInt32(n)
            guard let address = pf.sriov.address(ofVF: VFIndex(number), on: pf.address) else { break }
            vfs.append(SimVirtualFunction(number: number, address: address, isBound: false, netdev: nil, representor: nil, config: VFConfiguration()))
        }
        physicalFunctions[index].vfs = vfs
        physicalFunctions[index].sriov.numVFs = UInt16(vfs.count)
        for n in vfs.indices {
            if physicalFunctions[index].driversAutoprobe { bindVF(pf: index, vf: n) }
            if physicalFunctions[index].eswitchMode == .switchdev { addRepresentor(pf: index, vf: n) }
        }
        events.append(.linkChanged(pf.netdev))
    }

    /// Removes every VF of PF `index` with its netdev, representor, vDPA devices and filters.
    mutating func removeVFs(onPF index: Int) {
        for n in physicalFunctions[index].vfs.indices.reversed() {
            removeRepresentor(pf: index, vf: n)
            unbindVF(pf: index, vf: n)
        }
        physicalFunctions[index].vfs = []
        physicalFunctions[index].sriov.numVFs = 0
        events.append(.linkChanged(physicalFunctions[index].netdev))
    }

    /// Binds VF `vf` of PF `pf` to its driver: its netdev appears (with the MAC the PF set, if any).
    mutating func bindVF(pf: Int, vf: Int) {
        guard !physicalFunctions[pf].vfs[vf].isBound else { return }
        let p = physicalFunctions[pf]
        let config = p.vfs[vf].config
        let name = configuration.naming == .simple
            ? "pf\(p.number)v\(vf)"
            : "enp\(configuration.bus)s\(p.address.device)f\(p.address.function)v\(vf)"
        let mac = config.mac.isZero ? MACAddress(0x02, 0x10, configuration.bus, UInt8(truncatingIfNeeded: p.number), UInt8(truncatingIfNeeded: vf >> 8), UInt8(truncatingIfNeeded: vf)) : config.mac
        let netdev = addLink(name: name, role: .virtualFunction(pf: p.number, vf: UInt32(vf)), mac: mac)
        physicalFunctions[pf].vfs[vf].isBound = true
        physicalFunctions[pf].vfs[vf].netdev = netdev
    }

    /// Unbinds VF `vf` of PF `pf`: its netdev and its vDPA devices go away.
    mutating func unbindVF(pf: Int, vf: Int) {
        guard physicalFunctions[pf].vfs[vf].isBound else { return }
        let address = physicalFunctions[pf].vfs[vf].address
        vdpaDevices.removeAll { $0.managementDevice == address }
        if let netdev = physicalFunctions[pf].vfs[vf].netdev { removeLink(netdev) }
        physicalFunctions[pf].vfs[vf].isBound = false
        physicalFunctions[pf].vfs[vf].netdev = nil
    }

    /// Unbinds the VF at `address` from its driver (`echo BDF > /sys/bus/pci/drivers/DRV/unbind`).
    /// - Throws: ENODEV when no VF has that address.
    public mutating func unbindVF(at address: PCIAddress) throws(SimNICError) {
        guard let (pf, vf) = vfIndices(at: address) else { throw SimNICError(.noSuchDevice) }
        unbindVF(pf: pf, vf: vf)
    }

    /// Binds the VF at `address` to its driver again (`.../drivers/DRV/bind`).
    /// - Throws: ENODEV when no VF has that address.
    public mutating func bindVF(at address: PCIAddress) throws(SimNICError) {
        guard let (pf, vf) = vfIndices(at: address) else { throw SimNICError(.noSuchDevice) }
        bindVF(pf: pf, vf: vf)
    }

    func vfIndices(at address: PCIAddress) -> (Int, Int)? {
        for (p, pf) in physicalFunctions.enumerated() {
            if let v = pf.vfs.firstIndex(where: { $0.address == address }) { return (p, v) }
        }
        return nil
    }

    /// Adds the representor of VF `vf` of PF `pf` (named `pf<N>vf<M>`, as its phys_port_name).
    mutating func addRepresentor(pf: Int, vf: Int) {
        guard physicalFunctions[pf].vfs[vf].representor == nil else { return }
        let number = physicalFunctions[pf].number
        let mac = MACAddress(0x02, 0x20, configuration.bus, UInt8(truncatingIfNeeded: number), UInt8(truncatingIfNeeded: vf >> 8), UInt8(truncatingIfNeeded: vf))
        let netdev = addLink(name: "pf\(number)vf\(vf)", role: .representor(pf: number, vf: UInt32(vf)), mac: mac)
        physicalFunctions[pf].vfs[vf].representor = netdev
    }

    /// Removes the representor of VF `vf` of PF `pf`, with its qdisc and filters.
    mutating func removeRepresentor(pf: Int, vf: Int) {
        guard let rep = physicalFunctions[pf].vfs[vf].representor else { return }
        removeLink(rep)
        physicalFunctions[pf].vfs[vf].representor = nil
    }

    /// Sets the carrier of the PF at `address` (a cable pulled or plugged back): the PF netdev's
    /// carrier, operstate and IFF_RUNNING change, with one RTM_NEWLINK, as link_watch sends it.
    ///
    /// Who follows the uplink depends on the eswitch mode. In legacy mode a VF whose link state is
    /// `auto` reports the physical port's state (mlx5 MLX5_VPORT_ADMIN_STATE_AUTO, ice
    /// ICE_VF_LINK_STATE auto), so its netdev follows. In switchdev mode a VF's link is its
    /// representor's (mlx5 en_rep.c mlx5e_rep_open / mlx5e_rep_close set the vport's admin state,
    /// ice_repr_open / ice_repr_stop report the link to the VF): VFs and representors stay as
    /// they are, and VF-to-VF traffic keeps flowing.
    ///
    /// - Throws: ENODEV when there is no such PF.
    public mutating func setPhysicalLink(_ up: Bool, on address: PCIAddress) throws(SimNICError) {
        guard let pf = physicalFunction(at: address) else { throw SimNICError(.noSuchDevice) }
        setCarrier(pf.netdev, up)
        guard pf.eswitchMode != .switchdev else { return }
        for vf in pf.vfs where vf.config.linkState == .auto {
            if let netdev = vf.netdev { setCarrier(netdev, up) }
        }
    }

    /// Changes a link's carrier, counting the transition and notifying it (nothing when unchanged).
    mutating func setCarrier(_ ifindex: IfIndex, _ on: Bool) {
        guard let link = links[ifindex], link.carrier != on else { return }
        links[ifindex]?.carrier = on
        if on { links[ifindex]?.carrierUpCount &+= 1 } else { links[ifindex]?.carrierDownCount &+= 1 }
        events.append(.linkChanged(ifindex))
    }

    /// The VF netdev a representor stands for, when its VF is bound.
    func representedVFNetdev(_ representor: IfIndex) -> IfIndex? {
        guard case .representor(let number, let vf)? = links[representor]?.role,
              let pf = physicalFunctions.first(where: { $0.number == number }) else { return nil }
        return pf.vf(vf)?.netdev
    }
}
