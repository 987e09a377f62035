import Platform

/// What a ``SimNICDataPlaneRunner`` did since it started: per device frame counters and the
/// eswitch's verdicts.
public struct SimNICRunnerStatistics: Hashable, Sendable, Codable {
    /// Counters of each backing device, by the port it backs (`vf pf0/0`, `wire pf0`,
    /// `representor pf0vf0`).
    public var devices: [String: PacketPortStatistics] = [:]
    /// Frames the eswitch delivered out of a VF.
    public var deliveredToVF: UInt64 = 0
    /// Frames the eswitch sent on a PF's wire.
    public var sentOnWire: UInt64 = 0
    /// Frames that missed the hardware rules and went to a representor (the slow path).
    public var toRepresentor: UInt64 = 0
    /// Frames the slow path wrote into a representor.
    public var fromRepresentor: UInt64 = 0
    /// Frames the eswitch dropped, by reason.
    public var dropped: [String: UInt64] = [:]
    /// Frames for a port that has no backing device (for example a representor created after
    /// the runner started).
    public var unbacked: UInt64 = 0
    /// Frames cut short by the receive buffer size (dropped: the eswitch never sees part of a frame).
    public var truncated: UInt64 = 0
    /// Transport checksums completed for frames sent with checksum offload (as a NIC does).
    public var checksumsCompleted: UInt64 = 0
    /// Times the rules were recompiled because the host changed.
    public var reloads: UInt64 = 0
    /// The last device error seen, if any.
    public var lastError: String?

    public init() {}
}
