import EswitchModel
import Netlink

/// One change the eswitch set-up makes to a PF, in the order it makes them.
public enum SetupStep: Hashable, Sendable, CustomStringConvertible {
    /// `sriov_numvfs = N`.
    case createVFs(Int)
    /// `sriov_numvfs = 0`.
    case removeVFs
    /// Unbinds every VF from its driver.
    case unbindVFs
    /// Binds every VF to its driver again.
    case bindVFs
    /// `devlink dev eswitch set ... mode switchdev`.
    case switchdev

    /// `create_vfs 8`, `remove_vfs`, `unbind_vfs`, `bind_vfs`, `switchdev`.
    public var description: String {
        switch self {
        case .createVFs(let n): return "create_vfs \(n)"
        case .removeVFs: return "remove_vfs"
        case .unbindVFs: return "unbind_vfs"
        case .bindVFs: return "bind_vfs"
        case .switchdev: return "switchdev"
        }
    }
}

/// The driver-correct order of the set-up of one PF, from what its profile says the driver requires
/// during a mode change (``HardwareProfile/ModeChangeRules``). Pure: the executor performs the steps.
///
/// - A PF already in switchdev mode is adopted as it is (a restarted daemon must not disturb VFs
///   that VMs hold); it only gets VFs if it has none.
/// - `must_not_exist` (ice): existing VFs are removed, the mode is changed, then VFs are created.
/// - `must_be_unbound` (mlx5): VFs are created (or kept), unbound, the mode is changed, and they
///   are bound again.
/// - `unrestricted`: VFs first, then the mode.
/// - No switchdev, or an eswitch managed by the card's own CPU (a DPU seen from the host): VFs only.
public enum SetupPlanner {
    /// The steps for a PF now in `mode` with `currentVFs` VFs, to end in switchdev with VFs.
    /// - Parameter desiredVFs: the VFs to create when the PF has none (already capped at TotalVFs).
    public static func steps(profile: HardwareProfile, mode: DevlinkEswitchMode?, currentVFs: Int, desiredVFs: Int) -> [SetupStep] {
        let create: [SetupStep] = desiredVFs > 0 ? [.createVFs(desiredVFs)] : []
        guard profile.switchdev, let rules = profile.modeChangeRules, rules.eswitchManager == .host, mode != .switchdev else {
            return currentVFs == 0 ? create : []
        }
        switch rules.vfs {
        case .mustNotExist:
            return (currentVFs > 0 ? [.removeVFs] : []) + [.switchdev] + create
        case .mustBeUnbound:
            let vfs = currentVFs > 0 || desiredVFs > 0
            return (currentVFs == 0 ? create : []) + (vfs ? [.unbindVFs] : []) + [.switchdev] + (vfs ? [.bindVFs] : [])
        case .unrestricted:
            return (currentVFs == 0 ? create : []) + [.switchdev]
        }
    }
}
