extension HardwareProfile {
    /// Published or observed set-up latencies, in milliseconds.
    public struct Latencies: Hashable, Sendable, Codable {
        /// From writing sriov_numvfs to the VF's netdev being registered, per VF.
        public var vfCreateMS: Int?
        /// From `vdpa dev add` to the vDPA device being usable.
        public var vdpaCreateMS: Int?

        public init(vfCreateMS: Int? = nil, vdpaCreateMS: Int? = nil) {
            self.vfCreateMS = vfCreateMS
            self.vdpaCreateMS = vdpaCreateMS
        }

        enum CodingKeys: String, CodingKey {
            case vfCreateMS = "vf_create_ms"
            case vdpaCreateMS = "vdpa_create_ms"
        }
    }
}
