extension HardwareProfile {
    /// The answer to "can the hardware do this?": yes, or no with a reason that names the profile
    /// and the item, e.g. "E810: action tunnel_key set on representor not supported".
    public enum Support: Hashable, Sendable, CustomStringConvertible {
        case supported
        case unsupported(reason: String)

        /// True for `.supported`.
        public var isSupported: Bool {
            if case .supported = self { return true }
            return false
        }

        /// The reason when unsupported; nil when supported.
        public var reason: String? {
            if case .unsupported(let reason) = self { return reason }
            return nil
        }

        public var description: String { reason ?? "supported" }
    }

    /// Whether a filter on some port kind can match `key` in hardware.
    public func supports(key: FlowerKey) -> Support {
        guard matchKeys.contains(where: { $0.key == key }) else {
            return unsupported("match key \(key)")
        }
        return .supported
    }

    /// Whether a filter attached to a `port` kind of device can match `key` in hardware.
    public func supports(key: FlowerKey, on port: PortKind) -> Support {
        guard let entry = matchKeys.first(where: { $0.key == key }), entry.allows(port) else {
            return unsupported("match key \(key) on \(port)")
        }
        return .supported
    }

    /// Whether some port kind can carry `action` in hardware.
    public func supports(action: OffloadAction) -> Support {
        guard actions.contains(where: { $0.action == action }) else {
            return unsupported("action \(action.tcName)")
        }
        return .supported
    }

    /// Whether a filter attached to a `port` kind of device can carry `action` in hardware.
    public func supports(action: OffloadAction, on port: PortKind) -> Support {
        guard let entry = actions.first(where: { $0.action == action }), entry.allows(port) else {
            return unsupported("action \(action.tcName) on \(port)")
        }
        return .supported
    }

    /// Whether one hardware rule may carry `count` actions.
    public func supports(actionCount count: Int) -> Support {
        if let limit = maxActionsPerRule, count > limit {
            return unsupported("\(count) actions in one rule (at most \(limit))")
        }
        return .supported
    }

    /// Whether `type` tunnels can be encapsulated in hardware.
    public func supports(encap type: TunnelType) -> Support {
        tunnels[type].encap ? .supported : unsupported("\(type) encap")
    }

    /// Whether `type` tunnels can be decapsulated in hardware.
    public func supports(decap type: TunnelType) -> Support {
        tunnels[type].decap ? .supported : unsupported("\(type) decap")
    }

    /// Whether a rule can use TC chain `chain` with priority `priority` in hardware.
    public func supports(chain: UInt32, priority: UInt16) -> Support {
        if chain > chains.maxChain { return unsupported("chain \(chain) (at most \(chains.maxChain))") }
        if priority > chains.maxPriority { return unsupported("priority \(priority) (at most \(chains.maxPriority))") }
        return .supported
    }

    /// Whether connection tracking (and NAT on tracked connections, when `nat`) is offloaded.
    public func supportsConntrack(nat: Bool = false) -> Support {
        guard let ct = ctOffload else { return unsupported("connection tracking offload") }
        if nat && !ct.nat { return unsupported("ct nat offload") }
        return .supported
    }

    private func unsupported(_ item: String) -> Support {
        .unsupported(reason: isSoftwareOnly
            ? "\(name): \(item) not offloaded (software-only profile)"
            : "\(name): \(item) not supported")
    }
}
