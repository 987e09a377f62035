/// An IPv4 address held as a host-order 32-bit integer (network order on the wire).
public struct IPv4Address: Hashable, Sendable, Comparable, RawRepresentable {
    /// The address as an integer, first octet most significant.
    public var rawValue: UInt32
    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Creates an address from four octets.
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        rawValue = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Parses dotted-quad text; nil when malformed.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let octet = UInt8(part) else { return nil }
            value = value << 8 | UInt32(octet)
        }
        rawValue = value
    }

    /// The four octets in wire order.
    public var octets: [UInt8] {
        [UInt8(rawValue >> 24), UInt8(truncatingIfNeeded: rawValue >> 16), UInt8(truncatingIfNeeded: rawValue >> 8), UInt8(truncatingIfNeeded: rawValue)]
    }

    /// The mask with the first `length` bits set (0...32).
    public static func mask(prefixLength length: Int) -> IPv4Address {
        precondition((0...32).contains(length), "IPv4 prefix length out of range")
        return IPv4Address(rawValue: length == 0 ? 0 : UInt32.max << (32 - length))
    }

    /// The prefix length if this is a contiguous mask, nil otherwise.
    public var prefixLength: Int? {
        let ones = rawValue.leadingZeroBitCount == 0 ? (~rawValue).leadingZeroBitCount : 0
        return IPv4Address.mask(prefixLength: ones) == self ? ones : nil
    }

    public static let any = IPv4Address(rawValue: 0)
    public static func < (a: IPv4Address, b: IPv4Address) -> Bool { a.rawValue < b.rawValue }
}

extension IPv4Address: CustomStringConvertible {
    public var description: String { octets.map(String.init).joined(separator: ".") }
}

extension IPv4Address: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let ip = IPv4Address(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid IPv4 address '\(text)'"))
        }
        self = ip
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
