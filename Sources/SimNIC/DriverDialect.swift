import EswitchModel
import Platform

/// The errors a profile's kernel driver returns, with the driver's own extended-ack text, so that
/// an emulated refusal reads like the real one.
///
/// Texts are the drivers' NL_SET_ERR_MSG_MOD strings (include/linux/netlink.h prefixes them with
/// the module name and ": "), read in torvalds/linux:
/// - mlx5 (drivers/net/ethernet/mellanox/mlx5/core): en_tc.c `__parse_cls_flower` "Unsupported key",
///   en_tc.c `parse_tc_actions` "Not implemented offload action", en_tc.c `mlx5e_tc_add_fdb_flow`
///   "Requested chain is out of supported range" / "Requested priority is out of supported range",
///   en/tc/act/mirred.c "devices are not on same switch HW, can't offload forwarding",
///   eswitch_offloads.c `esw_offloads_start` "Failed setting eswitch to offloads",
///   `esw_offloads_stop` "Failed setting eswitch back to legacy" (spelled "Failed setting eswitch to
///   legacy" in current trees), `mlx5_devlink_eswitch_mode_set` "Can't change mode, E-Switch is busy"
///   (EBUSY from mlx5_esw_try_lock while offloaded flows hold the eswitch),
///   `mlx5_devlink_eswitch_inline_mode_set` "Inline mode can't be set" (ConnectX-5 and later report
///   MLX5_CAP_INLINE_MODE_NOT_REQUIRED), `mlx5_devlink_eswitch_encap_mode_set` "Can't set
///   encapsulation when flows are configured".
/// - ice (drivers/net/ethernet/intel/ice): ice_tc_lib.c `ice_parse_cls_flower` "Unsupported key
///   used" and "Tunnel key used, but device isn't a tunnel", `ice_eswitch_tc_parse_action`
///   "Unsupported action in switchdev mode" (EINVAL) and "Unsupported netdevice in switchdev mode",
///   ice_eswitch.c `ice_eswitch_mode_set` "Changing eswitch mode is allowed only if there is no VFs
///   created" (EOPNOTSUPP) and, on success, "Changed eswitch mode to switchdev|legacy".
/// - Devices without tc offload: include/net/pkt_cls.h `tc_can_offload_extack` "TC offload is
///   disabled on net device" (net/sched/cls_api.c `tc_setup_cb_add` returns EOPNOTSUPP for skip_sw
///   filters on such a block).
struct DriverDialect: Hashable, Sendable {
    enum Kind: Hashable, Sendable { case mlx5, ice, other }

    let kind: Kind
    /// The module name the kernel prefixes to driver messages (KBUILD_MODNAME).
    let module: String
    /// The profile's short name, for texts the emulator words itself.
    let profileName: String

    init(profile: HardwareProfile) {
        profileName = profile.name
        switch profile.driver {
        case "mlx5_core"?: kind = .mlx5; module = "mlx5_core"
        case "ice"?: kind = .ice; module = "ice"
        case let driver?: kind = .other; module = driver
        case nil: kind = .other; module = "software"
        }
    }

    private func text(_ message: String) -> String { "\(module): \(message)" }

    // MARK: tc flower offload

    /// A match key the hardware cannot match (on this port kind).
    func unsupportedKey(_ key: FlowerKey, on port: PortKind) -> SimNICError {
        switch kind {
        case .mlx5: return SimNICError(.notSupported, text("Unsupported key"))
        case .ice:
            if key.isTunnelKey && port != .tunnelDevice {
                return SimNICError(.notSupported, text("Tunnel key used, but device isn't a tunnel"))
            }
            return SimNICError(.notSupported, text("Unsupported key used"))
        case .other: return SimNICError(.notSupported, text("Unsupported key \(key) on \(port)"))
        }
    }

    /// A masked (prefix) match on a profile that matches exactly only.
    func partialMask(_ key: FlowerKey) -> SimNICError {
        switch kind {
        case .ice: return SimNICError(.notSupported, text("Unsupported key used"))
        default: return SimNICError(.notSupported, text("Unsupported mask on key \(key)"))
        }
    }

    /// An action the hardware cannot run (on this port kind).
    func unsupportedAction(_ action: String) -> SimNICError {
        switch kind {
        case .mlx5: return SimNICError(.notSupported, text("Not implemented offload action"))
        case .ice: return SimNICError(.invalidArgument, text("Unsupported action in switchdev mode"))
        case .other: return SimNICError(.notSupported, text("Unsupported action \(action)"))
        }
    }

    /// A mirred target that is not a port of this eswitch.
    func foreignTarget() -> SimNICError {
        switch kind {
        case .mlx5: return SimNICError(.notSupported, text("devices are not on same switch HW, can't offload forwarding"))
        case .ice: return SimNICError(.invalidArgument, text("Unsupported netdevice in switchdev mode"))
        case .other: return SimNICError(.notSupported, text("redirect target is not a port of this eswitch"))
        }
    }

    /// A chain above the hardware's range.
    func chainOutOfRange() -> SimNICError {
        switch kind {
        case .mlx5: return SimNICError(.notSupported, text("Requested chain is out of supported range"))
        // ice_setup_tc_cls_flower: "if (cls_flower->common.chain_index) return -EOPNOTSUPP;" (no text)
        case .ice: return SimNICError(.notSupported)
        case .other: return SimNICError(.notSupported, text("Requested chain is out of supported range"))
        }
    }

    /// A priority above the hardware's range.
    func priorityOutOfRange() -> SimNICError {
        SimNICError(.notSupported, text("Requested priority is out of supported range"))
    }

    /// The hardware table is full (the firmware refuses the entry).
    func tableFull(capacity: Int) -> SimNICError {
        SimNICError(.noSpace, text("hardware rule table full (capacity \(capacity) rules)"))
    }

    /// The eswitch is in legacy mode: there is no FDB table to put eswitch rules in.
    func legacyMode() -> SimNICError {
        SimNICError(.notSupported, text("E-Switch is in legacy mode, eswitch rules need switchdev mode"))
    }

    /// tunnel_key set on an eswitch whose encap mode is none.
    func encapDisabled() -> SimNICError {
        SimNICError(.notSupported, text("Encap offload is disabled (encap-mode none)"))
    }

    /// A skip_sw filter on a device that offloads nothing.
    static func offloadDisabled() -> SimNICError {
        SimNICError(.notSupported, "TC offload is disabled on net device")
    }

    // MARK: devlink eswitch

    /// The host does not manage the eswitch (a DPU's host side): mlx5_eswitch_check returns EPERM.
    func notEswitchManager() -> SimNICError { SimNICError(.notPermitted) }

    /// VFs exist and the driver wants none during the change (ice).
    func modeChangeWithVFs() -> SimNICError {
        SimNICError(.notSupported, text("Changing eswitch mode is allowed only if there is no VFs created"))
    }

    /// The change failed in the driver or firmware (mlx5's generic failure; also what bound VFs give).
    func modeChangeFailed(to mode: DevlinkEswitchModeName) -> SimNICError {
        switch kind {
        case .mlx5:
            return SimNICError(.invalidArgument, text(mode == .switchdev ? "Failed setting eswitch to offloads" : "Failed setting eswitch to legacy"))
        case .ice:
            return SimNICError(.ioError, text("Failed to change eswitch mode to \(mode)"))
        case .other:
            return SimNICError(.ioError, text("Failed to change eswitch mode to \(mode)"))
        }
    }

    /// Offloaded flows hold the eswitch (mlx5_esw_try_lock: EBUSY).
    func eswitchBusy() -> SimNICError { SimNICError(.resourceBusy, text("Can't change mode, E-Switch is busy")) }

    /// The text ice leaves in the ACK of a successful mode change (a warning iproute2 prints).
    func modeChanged(to mode: DevlinkEswitchModeName) -> String? {
        kind == .ice ? text("Changed eswitch mode to \(mode)") : nil
    }

    /// The driver implements inline-mode get/set (mlx5 does, ice does not).
    var hasInlineMode: Bool { kind == .mlx5 }
    /// The driver implements encap-mode get/set.
    var hasEncapMode: Bool { kind == .mlx5 }

    func inlineModeCannotBeSet() -> SimNICError { SimNICError(.notSupported, text("Inline mode can't be set")) }

    func encapWithFlows() -> SimNICError { SimNICError(.notSupported, text("Can't set encapsulation when flows are configured")) }
}

/// The two eswitch modes, as words for messages.
enum DevlinkEswitchModeName: String, Hashable, Sendable, CustomStringConvertible {
    case legacy, switchdev
    var description: String { rawValue }
}
