/// A Linux network interface (netdev) name, such as `p0` or `enp3s0f0np0`.
public struct InterfaceName: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ value: String) { rawValue = value }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public static func < (a: InterfaceName, b: InterfaceName) -> Bool { a.rawValue < b.rawValue }

    /// The longest name the kernel accepts: IFNAMSIZ (16) minus the terminating NUL
    /// (include/uapi/linux/if.h).
    public static let maximumLength = 15

    /// Why the kernel would refuse this name, or nil when it is valid.
    ///
    /// Mirrors `dev_valid_name()` in linux/net/core/dev.c: non-empty, shorter than IFNAMSIZ, not
    /// "." or "..", and no '/', ':' or whitespace. Because ':' is never valid, a text containing
    /// one is unambiguously a PCI address where either is accepted.
    public var problem: String? {
        if rawValue.isEmpty { return "empty interface name" }
        if rawValue.utf8.count > InterfaceName.maximumLength {
            return "interface name '\(rawValue)' longer than \(InterfaceName.maximumLength) bytes"
        }
        if rawValue == "." || rawValue == ".." { return "interface name '\(rawValue)' not allowed" }
        if rawValue.unicodeScalars.contains(where: { $0 == "/" || $0 == ":" || $0.properties.isWhitespace }) {
            return "interface name '\(rawValue)' contains '/', ':' or whitespace"
        }
        return nil
    }
}
