/// A meter a METER action refers to: one srTCM (RFC 2697) meter with its own profile, created
/// through rte_mtr before any rule that uses it. Frames over the committed rate and burst turn
/// red and the policy drops them: the rte_mtr form of TC's `police ... conform-exceed drop`.
public struct RteFlowMeter: Hashable, Sendable {
    public var id: RteFlowMeterID
    /// The committed information rate in bytes per second (`cir`).
    public var committedRateBytesPerSecond: UInt64
    /// The committed burst size in bytes (`cbs`).
    public var committedBurstBytes: UInt64
    /// The policy: green passes, red is dropped.
    public var policy: RteFlowMeterPolicyID

    public init(id: RteFlowMeterID, committedRateBytesPerSecond: UInt64, committedBurstBytes: UInt64, policy: RteFlowMeterPolicyID) {
        self.id = id
        self.committedRateBytesPerSecond = committedRateBytesPerSecond
        self.committedBurstBytes = committedBurstBytes
        self.policy = policy
    }

    /// The profile id: each meter has its own profile with the meter's number.
    public var profileID: UInt32 { id.rawValue }
}
