extension HardwareProfile {
    /// Connection tracking offload: established connections forwarded by the NIC.
    public struct CTOffload: Hashable, Sendable, Codable {
        /// True when NAT on tracked connections is offloaded too (`ct nat`).
        public var nat: Bool
        /// The layer-4 protocols whose connections can be offloaded (e.g. tcp, udp).
        public var protocols: [String]
        /// Published offload rate for new connections, if any.
        public var connectionsPerSecond: Int?

        public init(nat: Bool, protocols: [String], connectionsPerSecond: Int? = nil) {
            self.nat = nat
            self.protocols = protocols
            self.connectionsPerSecond = connectionsPerSecond
        }

        enum CodingKeys: String, CodingKey {
            case nat, protocols
            case connectionsPerSecond = "connections_per_second"
        }
    }
}
