extension HardwareProfile {
    /// What the driver requires while `devlink dev eswitch set ... mode switchdev|legacy` runs.
    ///
    /// The agent orders VF creation, VF driver binding and the mode change by these rules; SimNIC
    /// refuses a mode change that breaks them, with the driver's own error text.
    public struct ModeChangeRules: Hashable, Sendable, Codable {
        /// The state VFs may be in during the change.
        public var vfs: VFState
        /// Which side manages the eswitch.
        public var eswitchManager: EswitchManager
        /// Further preconditions in the driver's words (e.g. "ADQ must not be active").
        public var preconditions: [String]

        /// The state VFs may be in while the eswitch mode changes.
        public enum VFState: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
            /// No VF may exist: set the mode first, then create the VFs (ice).
            case mustNotExist = "must_not_exist"
            /// VFs may exist but must be unbound from their driver (mlx5).
            case mustBeUnbound = "must_be_unbound"
            /// The driver sets no condition on VFs.
            case unrestricted
            public var description: String { rawValue }
        }

        /// Where the eswitch manager runs.
        public enum EswitchManager: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
            /// The host's PF driver manages the eswitch.
            case host
            /// The card's embedded CPU (a DPU's Arm cores) manages it; the host PF stays in legacy mode.
            case embeddedCPU = "embedded_cpu"
            public var description: String { rawValue }
        }

        public init(vfs: VFState, eswitchManager: EswitchManager, preconditions: [String] = []) {
            self.vfs = vfs
            self.eswitchManager = eswitchManager
            self.preconditions = preconditions
        }

        /// True when VFs may be created before the eswitch is put in switchdev mode.
        public var vfsMayExistBeforeModeChange: Bool { vfs != .mustNotExist }

        /// True when VFs must be unbound from their driver (where they exist) during the change.
        public var vfsMustBeUnbound: Bool { vfs == .mustBeUnbound }

        enum CodingKeys: String, CodingKey {
            case vfs
            case eswitchManager = "eswitch_manager"
            case preconditions
        }
    }
}
