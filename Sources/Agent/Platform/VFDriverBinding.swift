import EswitchModel
import Platform

/// Binds and unbinds SR-IOV virtual functions to and from their PF driver's VF driver
/// (`/sys/bus/pci/drivers/<driver>/unbind` and `/sys/bus/pci/drivers_probe` on Linux).
///
/// The eswitch set-up needs it on NICs whose driver refuses a mode change while VFs are bound
/// (mlx5: ``HardwareProfile/ModeChangeRules/VFState/mustBeUnbound``). The Platform module has no
/// such protocol yet, so the agent declares the narrow one it needs; the daemon supplies the sysfs
/// implementation, tests the emulated host's.
public protocol VFDriverBinding: Sendable {
    /// Unbinds the VF at `vf` from its driver; a VF that is not bound is left as it is.
    /// - Throws: ``PlatformError`` with the errno of the failed write (ENODEV: no such VF).
    func unbind(vf: PCIAddress) throws(PlatformError)

    /// Binds the VF at `vf` to its driver again; a bound VF is left as it is.
    /// - Throws: ``PlatformError`` with the errno of the failed write.
    func bind(vf: PCIAddress) throws(PlatformError)
}
