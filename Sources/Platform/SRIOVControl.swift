import EswitchModel

/// SR-IOV control of physical functions: how many virtual functions a PF supports and has, and
/// changing that number (the `sriov_totalvfs` / `sriov_numvfs` files of a PCI device in sysfs).
///
/// Linux semantics (drivers/pci/iov.c, sriov_numvfs_store) hold for every implementation: writing
/// N creates N VFs, writing 0 removes them all, writing the current count is a no-op, changing a
/// non-zero count to another non-zero count fails with EBUSY (the VFs must be removed first), and a
/// count above TotalVFs fails with ERANGE. PlatformLinux writes sysfs; SimNIC changes its emulated
/// host the same way.
public protocol SRIOVControl: Sendable {
    /// TotalVFs: the most VFs `pf` can have.
    /// - Throws: ``PlatformError/systemCall(_:)`` with ENOENT when `pf` has no SR-IOV capability.
    func totalVFs(of pf: PCIAddress) throws(PlatformError) -> Int

    /// NumVFs: the VFs `pf` has now.
    func numVFs(of pf: PCIAddress) throws(PlatformError) -> Int

    /// Sets the number of VFs of `pf` (0 removes them).
    /// - Throws: ``PlatformError/systemCall(_:)`` with EBUSY (VFs exist and `count` is another
    ///   non-zero number), ERANGE (above TotalVFs), ENOENT (no such PF), or the driver's errno.
    func setNumVFs(_ count: Int, on pf: PCIAddress) throws(PlatformError)
}
