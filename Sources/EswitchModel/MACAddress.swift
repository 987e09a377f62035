/// A 48-bit Ethernet MAC address. Stored as an integer (first wire byte most significant) so that
/// comparing and hashing cost one machine word.
public struct MACAddress: Hashable, Sendable, Comparable {
    /// The address in the low 48 bits; the first byte on the wire is the most significant.
    public let integer: UInt64

    /// Creates an address from the low 48 bits of an integer.
    @inlinable public init(integer: UInt64) { self.integer = integer & 0xFFFF_FFFF_FFFF }

    /// Creates an address from its six wire-order bytes.
    @inlinable public init(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8, _ b4: UInt8, _ b5: UInt8) {
        integer = UInt64(b0) << 40 | UInt64(b1) << 32 | UInt64(b2) << 24 | UInt64(b3) << 16 | UInt64(b4) << 8 | UInt64(b5)
    }

    /// Creates an address from a 6-byte collection; nil if the count is not 6.
    @inlinable public init?<C: Collection>(bytes collection: C) where C.Element == UInt8 {
        guard collection.count == 6 else { return nil }
        integer = collection.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Parses `aa:bb:cc:dd:ee:ff` (also accepts `-` as separator); nil when malformed.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let fields = parts.count == 6 ? parts : text.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 6 else { return nil }
        var value: UInt64 = 0
        for field in fields {
            guard (1...2).contains(field.count), let byte = UInt8(field, radix: 16) else { return nil }
            value = value << 8 | UInt64(byte)
        }
        integer = value
    }

    /// The six bytes in wire order.
    @inlinable public var bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) {
        (UInt8(truncatingIfNeeded: integer >> 40), UInt8(truncatingIfNeeded: integer >> 32), UInt8(truncatingIfNeeded: integer >> 24),
         UInt8(truncatingIfNeeded: integer >> 16), UInt8(truncatingIfNeeded: integer >> 8), UInt8(truncatingIfNeeded: integer))
    }

    /// The bytes as an array, in wire order.
    public var array: [UInt8] { (0..<6).map { UInt8(truncatingIfNeeded: integer >> (UInt64(5 - $0) * 8)) } }

    /// All zeros: the "no address" value the kernel uses.
    public static let zero = MACAddress(integer: 0)
    /// ff:ff:ff:ff:ff:ff, also the exact-match mask.
    public static let broadcast = MACAddress(integer: 0xFFFF_FFFF_FFFF)

    /// True when the group bit (least significant bit of the first byte) is set.
    @inlinable public var isMulticast: Bool { (integer >> 40) & 1 == 1 }
    /// True for 00:00:00:00:00:00.
    @inlinable public var isZero: Bool { integer == 0 }

    @inlinable public static func < (a: MACAddress, b: MACAddress) -> Bool { a.integer < b.integer }
}

extension MACAddress: CustomStringConvertible {
    /// Lower-case colon form, as iproute2 prints it.
    public var description: String {
        array.map { byte in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined(separator: ":")
    }
}

extension MACAddress: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let mac = MACAddress(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid MAC address '\(text)'"))
        }
        self = mac
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
