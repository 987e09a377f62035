/// An IEEE 802.1Q VLAN identifier.
public struct VLANID: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ value: UInt16) { rawValue = value }

    /// The usable ids: 0 means "priority tag only" and 4095 is reserved (IEEE 802.1Q-2018, table 9-2).
    public static let validRange: ClosedRange<UInt16> = 1...4094
    /// True when the id can tag traffic.
    public var isValid: Bool { VLANID.validRange.contains(rawValue) }

    public var description: String { String(rawValue) }
    public static func < (a: VLANID, b: VLANID) -> Bool { a.rawValue < b.rawValue }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(UInt16.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(rawValue) }
}
