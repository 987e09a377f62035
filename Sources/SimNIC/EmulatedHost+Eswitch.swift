import EswitchModel
import Netlink
import Platform

extension EmulatedHost {
    /// `devlink dev eswitch set pci/BDF [mode M] [inline-mode I] [encap-mode E]` on the PF at
    /// `address`, with devlink's order (mode, then inline mode, then encap mode; the first failure
    /// stops) and the driver's rules from the profile:
    /// - no switchdev in the profile: the driver has no eswitch_mode_set (EOPNOTSUPP, from
    ///   net/devlink: `if (!ops->eswitch_mode_set) return -EOPNOTSUPP`);
    /// - eswitch managed by the card's CPU (a DPU): EPERM, as mlx5_eswitch_check answers on the host;
    /// - ``HardwareProfile/ModeChangeRules/VFState/mustNotExist`` (ice): refused while VFs exist;
    /// - ``HardwareProfile/ModeChangeRules/VFState/mustBeUnbound`` (mlx5): refused while a VF is
    ///   bound to its driver, and while offloaded flows hold the eswitch (EBUSY);
    /// - an armed ``SimNICFaults/nextModeChange`` fails the change after the checks.
    ///
    /// Switching to switchdev creates a representor per VF; back to legacy removes them with their
    /// filters.
    ///
    /// - Returns: a warning the driver leaves in the ACK (ice: "Changed eswitch mode to ..."), or nil.
    /// - Throws: ENODEV when no PF has that address, or the driver's refusal.
    @discardableResult
    public mutating func setEswitch(
        on address: PCIAddress, mode: DevlinkEswitchMode? = nil, inlineMode: DevlinkInlineMode? = nil,
        encapMode: DevlinkEncapMode? = nil
    ) throws(SimNICError) -> String? {
        guard let index = physicalFunctions.firstIndex(where: { $0.address == address }) else { throw SimNICError(.noSuchDevice) }
        var warning: String?
        if let mode { warning = try setEswitchMode(mode, pf: index) }
        if let inlineMode { try setInlineMode(inlineMode, pf: index) }
        if let encapMode { try setEncapMode(encapMode, pf: index) }
        return warning
    }

    /// Filters in hardware on PF `index`'s eswitch.
    func hardwareFilterCount(onPF index: Int) -> Int {
        var count = 0
        for block in blocks.values {
            for chain in block.chains.values {
                for proto in chain.protos {
                    for filter in proto.filters.values where filter.inHardware && filter.hardwarePF == index { count += 1 }
                }
            }
        }
        return count
    }

    private mutating func setEswitchMode(_ mode: DevlinkEswitchMode, pf index: Int) throws(SimNICError) -> String? {
        guard profile.switchdev, let rules = profile.modeChangeRules else { throw SimNICError(.notSupported) }
        guard rules.eswitchManager == .host else { throw dialect.notEswitchManager() }
        let target: DevlinkEswitchModeName
        switch mode {
        case .legacy: target = .legacy
        case .switchdev: target = .switchdev
        default: throw SimNICError(.invalidArgument)
        }
        let pf = physicalFunctions[index]
        guard pf.eswitchMode != mode else { return nil }
        switch rules.vfs {
        case .mustNotExist:
            if !pf.vfs.isEmpty { throw dialect.modeChangeWithVFs() }
        case .mustBeUnbound:
            if dialect.kind == .mlx5, hardwareFilterCount(onPF: index) > 0 { throw dialect.eswitchBusy() }
            if pf.vfs.contains(where: \.isBound) { throw dialect.modeChangeFailed(to: target) }
        case .unrestricted:
            break
        }
        if let fault = faults.nextModeChange {
            faults.nextModeChange = nil
            throw fault
        }
        physicalFunctions[index].eswitchMode = mode
        if mode == .switchdev {
            for vf in physicalFunctions[index].vfs.indices { addRepresentor(pf: index, vf: vf) }
        } else {
            for vf in physicalFunctions[index].vfs.indices { removeRepresentor(pf: index, vf: vf) }
            withdrawHardwareFilters(ofPF: index)
        }
        events.append(.linkChanged(pf.netdev))
        return dialect.modeChanged(to: target)
    }

    private mutating func setInlineMode(_ mode: DevlinkInlineMode, pf index: Int) throws(SimNICError) {
        guard canChangeMode, dialect.hasInlineMode else { throw SimNICError(.notSupported) }
        // ConnectX-5 and later need no inline headers (MLX5_CAP_INLINE_MODE_NOT_REQUIRED): only
        // "none" is accepted.
        guard mode == .none else { throw dialect.inlineModeCannotBeSet() }
        physicalFunctions[index].inlineMode = mode
    }

    private mutating func setEncapMode(_ mode: DevlinkEncapMode, pf index: Int) throws(SimNICError) {
        guard canChangeMode, dialect.hasEncapMode else { throw SimNICError(.notSupported) }
        guard mode == .none || mode == .basic else { throw SimNICError(.notSupported) }
        if mode != .none, !(profile.tunnels.vxlan.encap || profile.tunnels.geneve.encap || profile.tunnels.gre.encap) {
            throw SimNICError(.notSupported)
        }
        let pf = physicalFunctions[index]
        if pf.eswitchMode == .switchdev, pf.encapMode != mode, hardwareFilterCount(onPF: index) > 0 {
            throw dialect.encapWithFlows()
        }
        physicalFunctions[index].encapMode = mode
    }

    /// Takes the filters of PF `index`'s eswitch out of hardware (the eswitch went back to legacy).
    mutating func withdrawHardwareFilters(ofPF index: Int) {
        for (blockID, block) in blocks {
            for (chainIndex, chain) in block.chains {
                for (p, proto) in chain.protos.enumerated() {
                    for (handle, filter) in proto.filters where filter.inHardware && filter.hardwarePF == index {
                        var changed = filter
                        changed.inHardware = false
                        changed.hardwarePF = nil
                        changed.notInHardwareReason = "eswitch left switchdev mode"
                        blocks[blockID]?.chains[chainIndex]?.protos[p].filters[handle] = changed
                        hardwareRuleCount -= 1
                    }
                }
            }
        }
    }
}
