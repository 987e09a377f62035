/// Faults armed on an emulated host: each one fires on the next operation it concerns, then
/// disarms itself (a firmware that fails once).
public struct SimNICFaults: Hashable, Sendable {
    /// The next hardware insertion of a tc filter fails with this error (ENOSPC for a full table,
    /// EIO for a firmware error). With skip_sw the request fails; without, the filter stays in
    /// software only, as the kernel does when a driver refuses.
    public var nextInsertion: SimNICError?
    /// The next eswitch mode change fails with this error after the driver's checks passed (a
    /// firmware-style failure, e.g. mlx5's "Failed setting eswitch to offloads").
    public var nextModeChange: SimNICError?
    /// The next `sriov_numvfs` write fails with this error.
    public var nextNumVFsChange: SimNICError?

    public init() {}
}
