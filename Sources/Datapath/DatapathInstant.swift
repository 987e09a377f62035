/// A point on the caller's monotonic clock, in nanoseconds. The datapath reads no clock: every
/// call that needs the time (policers, upcall limits, connection timeouts) is given it, so tests
/// drive time by hand.
public struct DatapathInstant: RawRepresentable, Hashable, Comparable, Sendable {
    public var rawValue: UInt64
    @inlinable public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// `seconds` after the clock's origin.
    @inlinable public init(seconds: Double) { rawValue = UInt64(max(0, seconds) * 1e9) }

    /// `nanoseconds` later.
    @inlinable public func advanced(by nanoseconds: UInt64) -> DatapathInstant { DatapathInstant(rawValue: rawValue &+ nanoseconds) }

    /// `seconds` later.
    @inlinable public func advanced(bySeconds seconds: Double) -> DatapathInstant { advanced(by: UInt64(max(0, seconds) * 1e9)) }

    @inlinable public static func < (a: DatapathInstant, b: DatapathInstant) -> Bool { a.rawValue < b.rawValue }

    /// The clock's origin.
    public static let zero = DatapathInstant(rawValue: 0)
}
