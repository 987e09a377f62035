import ControlAPI
import EswitchModel

/// Everything the agent needs to come back after a restart without losing anything: the intent
/// document, the port bindings (port -> VF / vDPA device / software device, and the domain), and
/// the rules the NIC refused. The daemon persists it (the agent does no file I/O) after every
/// request that changes something, and passes it to ``Agent/start(restoring:)``.
///
/// JSON keys: `version`, `intent` (`format`, `text`, `source`), `ports` (``PortBindingRecord``:
/// `port`, `domain`, `domain_uuid`, `kind`, `device`), `fallbacks` (``RuleFallback``: `rule`,
/// `reason`, `errno`).
public struct AgentSnapshot: Hashable, Sendable, Codable {
    /// The snapshot format this build writes.
    public static let currentVersion = 1

    /// The format of this snapshot (``currentVersion`` when written by this build).
    public var version: Int
    /// The intent as it was applied; nil before the first one.
    public var intent: IntentDocument?
    /// The plugged ports, by port id.
    public var ports: [PortBindingRecord]
    /// The NIC's refusals, by rule id.
    public var fallbacks: [RuleFallback]

    /// A snapshot of the given state.
    public init(version: Int = AgentSnapshot.currentVersion, intent: IntentDocument?, ports: [PortBindingRecord], fallbacks: [RuleFallback]) {
        self.version = version
        self.intent = intent
        self.ports = ports
        self.fallbacks = fallbacks
    }

    /// Reads the fields, refusing a snapshot from a newer format (whose meaning this build cannot know).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        guard version <= Self.currentVersion else {
            throw DecodingError.dataCorruptedError(forKey: .version, in: c, debugDescription: "snapshot version \(version) is newer than \(Self.currentVersion)")
        }
        intent = try c.decodeIfPresent(IntentDocument.self, forKey: .intent)
        ports = try c.decode([PortBindingRecord].self, forKey: .ports)
        fallbacks = try c.decodeIfPresent([RuleFallback].self, forKey: .fallbacks) ?? []
    }

    enum CodingKeys: String, CodingKey { case version, intent, ports, fallbacks }
}

extension Agent {
    /// The state to persist now (see ``AgentSnapshot``); ports and refusals sorted, so that equal
    /// states give equal bytes.
    public func snapshot() -> AgentSnapshot {
        AgentSnapshot(intent: intent?.document, ports: bindings.values.sorted { $0.port < $1.port },
                      fallbacks: reconciler.fallbacks.values.sorted { $0.rule < $1.rule })
    }
}
