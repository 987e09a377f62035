extension HardwareProfile {
    /// SR-IOV limits of one PF.
    public struct SRIOV: Hashable, Sendable, Codable {
        /// The most VFs one PF can have (the SR-IOV capability's TotalVFs).
        public var maxVFsPerPF: Int
        /// True when the PF can cap a VF's transmit rate (`ip link set PF vf N max_tx_rate`).
        public var vfRateLimit: Bool

        public init(maxVFsPerPF: Int, vfRateLimit: Bool) {
            self.maxVFsPerPF = maxVFsPerPF
            self.vfRateLimit = vfRateLimit
        }

        enum CodingKeys: String, CodingKey {
            case maxVFsPerPF = "max_vfs_per_pf"
            case vfRateLimit = "vf_rate_limit"
        }
    }
}
