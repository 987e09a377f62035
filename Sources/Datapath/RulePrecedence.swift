import EswitchModel

/// The order in which overlapping rules of one chain win: the lower value wins. Packed into one
/// integer so that the classifier compares candidates with a single instruction.
///
/// The high 16 bits are the rule's priority (lower first, as in TC); the low 48 bits break ties
/// between rules of equal priority. The datapath takes them from the rule id's cookie, a hash of
/// the id's text: content-derived, so the winner does not depend on the order in which rules were
/// inserted. (TC leaves the order of overlapping equal-priority filters unspecified, and the
/// compiler gives such rules the same effect; two such rules whose cookies agree in 48 bits —
/// about one pair in 10^14 — would be ordered by subtable position instead.)
public struct RulePrecedence: RawRepresentable, Hashable, Comparable, Sendable {
    public var rawValue: UInt64
    @inlinable public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// Priority `priority`, ties broken by `tiebreak` (its low 48 bits count).
    @inlinable public init(priority: UInt16, tiebreak: UInt64) {
        rawValue = UInt64(priority) << 48 | (tiebreak & 0xFFFF_FFFF_FFFF)
    }

    /// The precedence of a compiled rule: its kind's priority, then its id's cookie.
    public init(rule id: RuleID) {
        self.init(priority: id.kind.priority, tiebreak: id.cookie >> 16)
    }

    /// The priority part.
    @inlinable public var priority: UInt16 { UInt16(truncatingIfNeeded: rawValue >> 48) }

    /// Worse than every rule: the bound of an empty search.
    public static let lowest = RulePrecedence(rawValue: .max)

    @inlinable public static func < (a: RulePrecedence, b: RulePrecedence) -> Bool { a.rawValue < b.rawValue }
}

/// A rule's place in the classifier's tables, chosen by its owner (the datapath's rule slot).
public struct ClassifierRuleHandle: RawRepresentable, Hashable, Sendable {
    public var rawValue: Int32
    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }
    @inlinable public init(_ index: Int) { rawValue = Int32(truncatingIfNeeded: index) }
    /// The index it stands for.
    @inlinable public var index: Int { Int(rawValue) }
    /// No rule.
    public static let none = ClassifierRuleHandle(rawValue: -1)
}
