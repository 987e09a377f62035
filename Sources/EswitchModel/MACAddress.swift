/// A 48-bit Ethernet MAC address, stored as six bytes in wire order.
public struct MACAddress: Hashable, Sendable, Comparable {
    /// The six bytes, most significant first (wire order).
    public var bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)

    /// Creates an address from its six wire-order bytes.
    public init(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8, _ b4: UInt8, _ b5: UInt8) {
        bytes = (b0, b1, b2, b3, b4, b5)
    }

    /// Creates an address from a 6-byte collection; nil if the count is not 6.
    public init?<C: Collection>(bytes collection: C) where C.Element == UInt8 {
        guard collection.count == 6 else { return nil }
        var i = collection.startIndex
        func next() -> UInt8 { defer { i = collection.index(after: i) }; return collection[i] }
        self.init(next(), next(), next(), next(), next(), next())
    }

    /// Parses `aa:bb:cc:dd:ee:ff` (also accepts `-` as separator); nil when malformed.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let fields = parts.count == 6 ? parts : text.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 6 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(6)
        for field in fields {
            guard (1...2).contains(field.count), let value = UInt8(field, radix: 16) else { return nil }
            out.append(value)
        }
        self.init(bytes: out)
    }

    /// The bytes as an array, in wire order.
    public var array: [UInt8] { [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5] }

    /// The address as a 48-bit integer (first byte most significant).
    public var integer: UInt64 {
        array.reduce(0) { ($0 << 8) | UInt64($1) }
    }

    /// Creates an address from the low 48 bits of an integer.
    public init(integer: UInt64) {
        self.init(
            UInt8(truncatingIfNeeded: integer >> 40), UInt8(truncatingIfNeeded: integer >> 32),
            UInt8(truncatingIfNeeded: integer >> 24), UInt8(truncatingIfNeeded: integer >> 16),
            UInt8(truncatingIfNeeded: integer >> 8), UInt8(truncatingIfNeeded: integer))
    }

    /// All zeros: the "no address" value the kernel uses.
    public static let zero = MACAddress(0, 0, 0, 0, 0, 0)
    /// ff:ff:ff:ff:ff:ff, also the exact-match mask.
    public static let broadcast = MACAddress(0xff, 0xff, 0xff, 0xff, 0xff, 0xff)

    /// True when the group bit (least significant bit of the first byte) is set.
    public var isMulticast: Bool { bytes.0 & 1 == 1 }
    /// True for 00:00:00:00:00:00.
    public var isZero: Bool { self == .zero }

    public static func == (a: MACAddress, b: MACAddress) -> Bool { a.integer == b.integer }
    public func hash(into hasher: inout Hasher) { hasher.combine(integer) }
    public static func < (a: MACAddress, b: MACAddress) -> Bool { a.integer < b.integer }
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
