extension HardwareProfile {
    /// TC chain and priority limits of the offload.
    public struct Chains: Hashable, Sendable, Codable {
        /// True when `goto chain` is offloaded (rules in chains other than 0).
        public var gotoChain: Bool
        /// The highest chain index a rule may use (0: chain 0 only).
        public var maxChain: UInt32
        /// The highest TC priority (`pref`) a rule may use.
        public var maxPriority: UInt16
        /// True when the hardware evaluates overlapping rules in TC priority order.
        public var prioritiesHonored: Bool

        public init(gotoChain: Bool, maxChain: UInt32, maxPriority: UInt16, prioritiesHonored: Bool) {
            self.gotoChain = gotoChain
            self.maxChain = maxChain
            self.maxPriority = maxPriority
            self.prioritiesHonored = prioritiesHonored
        }

        enum CodingKeys: String, CodingKey {
            case gotoChain = "goto_chain"
            case maxChain = "max_chain"
            case maxPriority = "max_priority"
            case prioritiesHonored = "priorities_honored"
        }
    }
}
