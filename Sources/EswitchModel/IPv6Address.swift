/// An IPv6 address as two host-order 64-bit halves (network order on the wire).
public struct IPv6Address: Hashable, Sendable, Comparable {
    /// The first 64 bits (most significant).
    public var high: UInt64
    /// The last 64 bits.
    public var low: UInt64

    @inlinable public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Creates an address from its 16 wire-order bytes; nil if the count is not 16.
    public init?<C: Collection>(bytes: C) where C.Element == UInt8 {
        guard bytes.count == 16 else { return nil }
        var h: UInt64 = 0, l: UInt64 = 0
        for (i, byte) in bytes.enumerated() {
            if i < 8 { h = h << 8 | UInt64(byte) } else { l = l << 8 | UInt64(byte) }
        }
        self.init(high: h, low: l)
    }

    /// The 16 bytes in wire order.
    public var bytes: [UInt8] {
        (0..<16).map { i in
            let word = i < 8 ? high : low
            return UInt8(truncatingIfNeeded: word >> (UInt64(7 - i % 8) * 8))
        }
    }

    /// The eight 16-bit groups.
    public var groups: [UInt16] {
        (0..<8).map { i in
            let word = i < 4 ? high : low
            return UInt16(truncatingIfNeeded: word >> (UInt64(3 - i % 4) * 16))
        }
    }

    /// Parses RFC 4291 text forms (with `::` compression and an optional dotted-quad tail).
    public init?(_ text: String) {
        guard !text.isEmpty, text.count <= 45 else { return nil }
        var groups: [UInt16] = []
        var tail = text[...]
        var embeddedV4: IPv4Address? = nil
        if tail.contains(".") {
            guard let colon = tail.lastIndex(of: ":"), let v4 = IPv4Address(String(tail[tail.index(after: colon)...])) else { return nil }
            embeddedV4 = v4
            tail = tail[...colon]
            if tail.hasSuffix("::") == false { tail = tail.dropLast() }
        }
        let halves = tail.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return nil }
        func parse(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            for g in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(g.count), let v = UInt16(g, radix: 16) else { return nil }
                out.append(v)
            }
            return out
        }
        let want = embeddedV4 == nil ? 8 : 6
        guard let head = parse(halves[0]) else { return nil }
        if halves.count == 2 {
            guard let rest = parse(halves[1]), head.count + rest.count < want else { return nil }
            groups = head + Array(repeating: 0, count: want - head.count - rest.count) + rest
        } else {
            guard head.count == want else { return nil }
            groups = head
        }
        if let v4 = embeddedV4 {
            groups.append(UInt16(v4.rawValue >> 16))
            groups.append(UInt16(truncatingIfNeeded: v4.rawValue))
        }
        var h: UInt64 = 0, l: UInt64 = 0
        for (i, g) in groups.enumerated() {
            if i < 4 { h = h << 16 | UInt64(g) } else { l = l << 16 | UInt64(g) }
        }
        self.init(high: h, low: l)
    }

    /// The mask with the first `length` bits set (0...128).
    public static func mask(prefixLength length: Int) -> IPv6Address {
        precondition((0...128).contains(length), "IPv6 prefix length out of range")
        func bits(_ n: Int) -> UInt64 { n <= 0 ? 0 : (n >= 64 ? .max : UInt64.max << (64 - n)) }
        return IPv6Address(high: bits(length), low: bits(length - 64))
    }

    /// The prefix length if this is a contiguous mask, nil otherwise.
    public var prefixLength: Int? {
        let ones = high == .max ? 64 + (~low).leadingZeroBitCount : (~high).leadingZeroBitCount
        return IPv6Address.mask(prefixLength: min(ones, 128)) == self ? min(ones, 128) : nil
    }

    public static let any = IPv6Address(high: 0, low: 0)

    public static func < (a: IPv6Address, b: IPv6Address) -> Bool { (a.high, a.low) < (b.high, b.low) }
}

extension IPv6Address: CustomStringConvertible {
    /// RFC 5952 canonical text: lower case, longest run of two or more zero groups compressed.
    public var description: String {
        let g = groups
        var bestStart = -1, bestLength = 1, runStart = -1
        for i in 0...8 {
            if i < 8 && g[i] == 0 {
                if runStart < 0 { runStart = i }
            } else if runStart >= 0 {
                if i - runStart > bestLength { bestStart = runStart; bestLength = i - runStart }
                runStart = -1
            }
        }
        func hex(_ range: Range<Int>) -> String { g[range].map { String($0, radix: 16) }.joined(separator: ":") }
        if bestStart < 0 { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }
}

extension IPv6Address: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let ip = IPv6Address(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid IPv6 address '\(text)'"))
        }
        self = ip
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
