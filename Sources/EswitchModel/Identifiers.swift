/// A VXLAN network identifier (24 bits, 1...16777215 for tenant networks).
public struct VNI: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var rawValue: UInt32
    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// The range the VXLAN header can carry (RFC 7348 section 5: 24-bit VNI).
    public static let validRange: ClosedRange<UInt32> = 1...0xFF_FFFF
    /// True when the value fits the 24-bit field and is not the reserved 0.
    public var isValid: Bool { VNI.validRange.contains(rawValue) }
    public var description: String { String(rawValue) }
    public static func < (a: VNI, b: VNI) -> Bool { a.rawValue < b.rawValue }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(UInt32.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(rawValue) }
}

/// A kernel network interface index (`ifindex`), never reused as identity across reboots.
public struct IfIndex: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var rawValue: UInt32
    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ value: UInt32) { rawValue = value }
    public var description: String { String(rawValue) }
    public static func < (a: IfIndex, b: IfIndex) -> Bool { a.rawValue < b.rawValue }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(UInt32.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(rawValue) }
}

/// The number of a virtual function on its physical function (0-based, as in `ip link set PF vf N`).
public struct VFIndex: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var rawValue: UInt32
    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ value: UInt32) { rawValue = value }
    public var description: String { String(rawValue) }
    public static func < (a: VFIndex, b: VFIndex) -> Bool { a.rawValue < b.rawValue }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(UInt32.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(rawValue) }
}
