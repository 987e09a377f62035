extension HardwareProfile {
    /// vDPA support: virtio rings executed by the NIC, virtio-net in the guest.
    public struct VDPA: Hashable, Sendable, Codable {
        /// The kernel vDPA driver, e.g. `mlx5_vdpa`.
        public var driver: String
        /// The most vDPA devices per PF (one per VF or SF).
        public var maxDevicesPerPF: Int
        /// The most virtqueues one vDPA device can have.
        public var maxVirtqueues: Int

        public init(driver: String, maxDevicesPerPF: Int, maxVirtqueues: Int) {
            self.driver = driver
            self.maxDevicesPerPF = maxDevicesPerPF
            self.maxVirtqueues = maxVirtqueues
        }

        enum CodingKeys: String, CodingKey {
            case driver
            case maxDevicesPerPF = "max_devices_per_pf"
            case maxVirtqueues = "max_virtqueues"
        }
    }
}
