/// The stable name of a hardware profile, e.g. `connectx-6dx`; also its file name in HardwareProfiles/.
public struct HardwareProfileID: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ value: String) { rawValue = value }

    /// True for 1 to 64 characters of lower-case letters, digits and inner hyphens (usable as a file name).
    public var isValid: Bool {
        guard (1...64).contains(rawValue.count), !rawValue.hasPrefix("-"), !rawValue.hasSuffix("-") else { return false }
        return rawValue.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(rawValue) }
}
