/// A PCI vendor id (config space offset 0x00), e.g. 0x15b3 for Mellanox.
public struct PCIVendorID: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ value: UInt16) { rawValue = value }
    /// Parses `0x15b3` (the `0x` prefix is required; 1 to 4 hex digits); nil when malformed.
    public init?(hex text: String) {
        guard let value = parsePCIHex(text) else { return nil }
        rawValue = value
    }
    /// `0x15b3`: four lower-case hex digits, as lspci -n prints them.
    public var description: String { formatPCIHex(rawValue) }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public init(from decoder: Decoder) throws { self = try decodePCIHex(decoder, Self.init(rawValue:)) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(description) }
}

/// A PCI device id (config space offset 0x02), e.g. 0x101d for a ConnectX-6 Dx PF.
public struct PCIDeviceID: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ value: UInt16) { rawValue = value }
    /// Parses `0x101d` (the `0x` prefix is required; 1 to 4 hex digits); nil when malformed.
    public init?(hex text: String) {
        guard let value = parsePCIHex(text) else { return nil }
        rawValue = value
    }
    /// `0x101d`: four lower-case hex digits, as lspci -n prints them.
    public var description: String { formatPCIHex(rawValue) }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public init(from decoder: Decoder) throws { self = try decodePCIHex(decoder, Self.init(rawValue:)) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(description) }
}

func parsePCIHex(_ text: String) -> UInt16? {
    let lower = text.lowercased()
    guard lower.hasPrefix("0x") else { return nil }
    let digits = lower.dropFirst(2)
    guard (1...4).contains(digits.count), digits.allSatisfy(\.isHexDigit) else { return nil }
    return UInt16(digits, radix: 16)
}

func formatPCIHex(_ value: UInt16) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 4 - digits.count) + digits
}

func decodePCIHex<T>(_ decoder: Decoder, _ make: (UInt16) -> T) throws -> T {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let value = parsePCIHex(text) else {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid PCI id '\(text)', expected hex like 0x15b3"))
    }
    return make(value)
}
