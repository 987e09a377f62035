extension HardwareProfile {
    /// A flower key the driver offloads, on every port kind or only on some.
    public struct KeySupport: Hashable, Sendable, Codable {
        public var key: FlowerKey
        /// The port kinds a filter matching this key may be attached to; nil means any.
        public var onlyOn: Set<PortKind>?

        public init(_ key: FlowerKey, onlyOn: Set<PortKind>? = nil) {
            self.key = key
            self.onlyOn = onlyOn
        }

        /// True when a filter on `port` may match this key.
        public func allows(_ port: PortKind) -> Bool { onlyOn?.contains(port) ?? true }

        /// Writes `only_on` in PortKind order so that encoded profiles are byte-stable.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key)
            try c.encodeIfPresent(onlyOn.map(PortKind.ordered), forKey: .onlyOn)
        }

        enum CodingKeys: String, CodingKey {
            case key
            case onlyOn = "only_on"
        }
    }

    /// An action the driver offloads, on every port kind or only on some.
    public struct ActionSupport: Hashable, Sendable, Codable {
        public var action: OffloadAction
        /// The port kinds a filter carrying this action may be attached to; nil means any.
        public var onlyOn: Set<PortKind>?

        public init(_ action: OffloadAction, onlyOn: Set<PortKind>? = nil) {
            self.action = action
            self.onlyOn = onlyOn
        }

        /// True when a filter on `port` may carry this action.
        public func allows(_ port: PortKind) -> Bool { onlyOn?.contains(port) ?? true }

        /// Writes `only_on` in PortKind order so that encoded profiles are byte-stable.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(action, forKey: .action)
            try c.encodeIfPresent(onlyOn.map(PortKind.ordered), forKey: .onlyOn)
        }

        enum CodingKeys: String, CodingKey {
            case action
            case onlyOn = "only_on"
        }
    }
}

extension PortKind {
    /// The kinds in `kinds`, in declaration order.
    static func ordered(_ kinds: Set<PortKind>) -> [PortKind] { allCases.filter(kinds.contains) }
}
