import EswitchModel

/// Non-throwing readers for link attributes: each returns nil when the payload does not have the
/// exact shape the encoder would write back, so the caller keeps the attribute as raw bytes and
/// decode -> encode stays the identity.
enum LinkWire {
    static func u8(_ a: NetlinkAttribute) -> UInt8? {
        a.payload.count == 1 ? a.payload[a.payload.startIndex] : nil
    }
    static func u16(_ a: NetlinkAttribute) -> UInt16? {
        a.payload.count == 2 ? a.payload.readLE(UInt16.self, at: a.payload.startIndex) : nil
    }
    static func u32(_ a: NetlinkAttribute) -> UInt32? {
        a.payload.count == 4 ? a.payload.readLE(UInt32.self, at: a.payload.startIndex) : nil
    }
    static func u64(_ a: NetlinkAttribute) -> UInt64? {
        a.payload.count == 8 ? a.payload.readLE(UInt64.self, at: a.payload.startIndex) : nil
    }
    static func bigEndian16(_ a: NetlinkAttribute) -> UInt16? {
        a.payload.count == 2 ? a.payload.readBE(UInt16.self, at: a.payload.startIndex) : nil
    }
    static func bigEndian32(_ a: NetlinkAttribute) -> UInt32? {
        a.payload.count == 4 ? a.payload.readBE(UInt32.self, at: a.payload.startIndex) : nil
    }
    /// A u8 that is 0 or 1.
    static func bool(_ a: NetlinkAttribute) -> Bool? {
        switch u8(a) {
        case 0: return false
        case 1: return true
        default: return nil
        }
    }
    /// True for a zero-length (NLA_FLAG) attribute.
    static func flag(_ a: NetlinkAttribute) -> Bool { a.payload.isEmpty }

    static func mac(_ a: NetlinkAttribute) -> MACAddress? {
        MACAddress(bytes: a.payload)
    }
    static func ipv4(_ a: NetlinkAttribute) -> IPv4Address? {
        bigEndian32(a).map { IPv4Address(rawValue: $0) }
    }
    static func ipv6(_ a: NetlinkAttribute) -> IPv6Address? {
        a.payload.count == 16 ? IPv6Address(bytes: a.payload) : nil
    }

    /// A NUL-terminated UTF-8 string with no NUL before the end (what nla_put_string and
    /// iproute2's addattr_l(strlen + 1) write); nil for any other shape.
    static func terminatedString(_ a: NetlinkAttribute) -> String? {
        let p = a.payload
        guard let nul = p.firstIndex(of: 0), nul == p.endIndex - 1 else { return nil }
        return String(validating: p[p.startIndex..<nul], as: UTF8.self)
    }

    /// A UTF-8 string without any NUL (what iproute2 writes for IFLA_INFO_KIND).
    static func bareString(_ a: NetlinkAttribute) -> String? {
        let p = a.payload
        guard !p.contains(0) else { return nil }
        return String(validating: p, as: UTF8.self)
    }

    /// The children of a nested attribute whose encoding is canonical: the payload is a whole
    /// number of aligned attributes (the writer pads the last child inside its parent, as the
    /// kernel's nla_nest_end and iproute2's addattr_nest_end do). Nil otherwise.
    static func canonicalNest(_ a: NetlinkAttribute) -> AttributeReader? {
        a.payload.count % 4 == 0 ? a.nested() : nil
    }

    /// The fixed bytes `count..<payload.count` are all zero (struct padding, unused array tail).
    static func zeroTail(_ p: ArraySlice<UInt8>, from offset: Int) -> Bool {
        var i = p.startIndex + offset
        while i < p.endIndex {
            if p[i] != 0 { return false }
            i += 1
        }
        return true
    }
}

/// JSON helpers shared by the link types: enumerations as iproute2 words with a numeric fallback.
enum LinkJSON {
    /// Encodes `value` as its word from `names`, or as a number when it has none.
    static func encodeWord(_ value: UInt64, _ names: [(String, UInt64)], to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let name = names.first(where: { $0.1 == value })?.0 {
            try c.encode(name)
        } else {
            try c.encode(value)
        }
    }

    /// Decodes a word from `names` or a number no wider than `max`; the error names the field.
    static func decodeWord(_ decoder: Decoder, _ names: [(String, UInt64)], max: UInt64) throws -> UInt64 {
        let c = try decoder.singleValueContainer()
        if let number = try? c.decode(UInt64.self) {
            guard number <= max else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "value \(number) is larger than \(max)"))
            }
            return number
        }
        let word = try c.decode(String.self)
        guard let value = names.first(where: { $0.0 == word })?.1 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown value '\(word)'; known: \(names.map(\.0).joined(separator: ", ")) or a number"))
        }
        return value
    }

    /// Decodes a string for a netlink string attribute: a NUL inside it could not be read back.
    static func decodeText<K: CodingKey>(_ c: KeyedDecodingContainer<K>, forKey key: K) throws -> String {
        let text = try c.decode(String.self, forKey: key)
        guard !text.utf8.contains(0) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "a name cannot contain a NUL character")
        }
        return text
    }

    /// Decodes a lower-case hex string without separators; the error names the field.
    static func decodeHex<K: CodingKey>(_ c: KeyedDecodingContainer<K>, forKey key: K) throws -> [UInt8] {
        let text = try c.decode(String.self, forKey: key)
        guard let bytes = [UInt8](hex: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "invalid hex '\(text)'")
        }
        return bytes
    }

    /// Decodes `true` for a flag attribute (present means set); `false` is refused rather than
    /// silently turned into a set flag.
    static func decodeFlag<K: CodingKey>(_ c: KeyedDecodingContainer<K>, forKey key: K) throws {
        guard try c.decode(Bool.self, forKey: key) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "a flag attribute is present or absent: write true, or leave it out")
        }
    }
}
