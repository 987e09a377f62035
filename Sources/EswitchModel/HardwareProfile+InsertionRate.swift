extension HardwareProfile {
    /// A published rule insertion rate for one steering engine.
    public struct InsertionRate: Hashable, Sendable, Codable {
        /// Who writes the rules into the device tables.
        public enum Steering: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
            /// Firmware commands (mlx5 DMFS).
            case firmware
            /// The driver writes table entries itself (mlx5 SMFS / SW steering).
            case software
            /// The driver posts rules to hardware queues (mlx5 HWS).
            case hardware
            public var description: String { rawValue }
        }

        public var steering: Steering
        public var rulesPerSecond: Int

        public init(steering: Steering, rulesPerSecond: Int) {
            self.steering = steering
            self.rulesPerSecond = rulesPerSecond
        }

        enum CodingKeys: String, CodingKey {
            case steering
            case rulesPerSecond = "rules_per_second"
        }
    }

    /// The highest published insertion rate, if any.
    public var bestInsertionRate: Int? { insertionRates.map(\.rulesPerSecond).max() }
}
