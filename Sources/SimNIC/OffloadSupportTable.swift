import EswitchModel

/// The profile's match-key and action support per port kind as bit sets, built once per host:
/// the offload decision asks about every key and action of every filter inserted, and the
/// profile's lists answer by searching (hundreds of instructions per question).
struct OffloadSupportTable: Hashable, Sendable {
    /// True when every case's in-memory tag is its declaration index (see ``ordinal(_:)``).
    static let tagsUsable = tagsAreOrdinals(FlowerKey.self) && tagsAreOrdinals(OffloadAction.self) && tagsAreOrdinals(PortKind.self)

    /// Per port kind (by case order), bit n set when the n-th FlowerKey case is supported.
    private var keys: [UInt64]
    /// Per port kind, bit n set when the n-th OffloadAction case is supported.
    private var actions: [UInt64]
    /// False when a case's in-memory tag is not its declaration index (the table then answers
    /// nothing and callers ask the profile).
    private let usable: Bool

    init(profile: HardwareProfile) {
        usable = Self.tagsUsable
        keys = Array(repeating: 0, count: PortKind.allCases.count)
        actions = Array(repeating: 0, count: PortKind.allCases.count)
        guard usable else { return }
        for (p, port) in PortKind.allCases.enumerated() {
            for (k, key) in FlowerKey.allCases.enumerated() where profile.supports(key: key, on: port).isSupported {
                keys[p] |= 1 << UInt64(k)
            }
            for (a, action) in OffloadAction.allCases.enumerated() where profile.supports(action: action, on: port).isSupported {
                actions[p] |= 1 << UInt64(a)
            }
        }
    }

    /// Whether a filter on `port` can match `key` in hardware; nil when the table cannot say.
    func supports(_ key: FlowerKey, on port: PortKind) -> Bool? {
        guard usable else { return nil }
        return keys[Self.ordinal(port)] & (1 << UInt64(Self.ordinal(key))) != 0
    }

    /// Whether a filter on `port` can carry `action` in hardware; nil when the table cannot say.
    func supports(_ action: OffloadAction, on port: PortKind) -> Bool? {
        guard usable else { return nil }
        return actions[Self.ordinal(port)] & (1 << UInt64(Self.ordinal(action))) != 0
    }

    /// Whether every key of `bits` (``bit(_:)-(FlowerKey)``) is supported on `port`; nil when the
    /// table cannot say.
    func supportsKeys(_ bits: UInt64, on port: PortKind) -> Bool? {
        guard usable else { return nil }
        return bits & ~keys[Self.ordinal(port)] == 0
    }

    /// Whether every action of `bits` is supported on `port`; nil when the table cannot say.
    func supportsActions(_ bits: UInt64, on port: PortKind) -> Bool? {
        guard usable else { return nil }
        return bits & ~actions[Self.ordinal(port)] == 0
    }

    /// The bit standing for `key` in key sets; nil when the table cannot be used.
    static func bit(_ key: FlowerKey) -> UInt64? { tagsUsable ? 1 << UInt64(ordinal(key)) : nil }

    /// The bit standing for `action` in action sets; nil when the table cannot be used.
    static func bit(_ action: OffloadAction) -> UInt64? { tagsUsable ? 1 << UInt64(ordinal(action)) : nil }

    /// The case's tag: for an enum without payloads of fewer than 256 cases, one byte holding the
    /// declaration index (checked for every case by ``tagsAreOrdinals(_:)`` before use).
    private static func ordinal<T>(_ value: T) -> Int {
        withUnsafeBytes(of: value) { Int($0[0]) }
    }

    private static func tagsAreOrdinals<T: CaseIterable>(_ type: T.Type) -> Bool {
        guard MemoryLayout<T>.size == 1, T.allCases.count <= 64 else { return false }
        return T.allCases.enumerated().allSatisfy { ordinal($0.element) == $0.offset }
    }
}
