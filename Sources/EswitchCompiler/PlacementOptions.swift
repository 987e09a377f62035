/// Knobs of one placement run.
public struct PlacementOptions: Hashable, Sendable {
    /// The backend the plan is for (recorded in the plan; see `PlacementBackend`).
    public var backend: PlacementBackend
    /// The number of hardware rules the NIC may hold; nil uses the profile's `ruleCapacity`.
    /// Tests and operators reserving room for other users of the NIC set it lower.
    public var ruleCapacity: Int?

    public init(backend: PlacementBackend = .tc, ruleCapacity: Int? = nil) {
        self.backend = backend
        self.ruleCapacity = ruleCapacity
    }
}
