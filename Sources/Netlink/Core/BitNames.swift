/// JSON form of a flag word: a list of names, with any bits that have no name as a hex string
/// (`["request","ack","0x1000"]`), so that every value survives JSON -> bytes unchanged.
public enum BitNames {
    /// Encodes `value` as a list of names (plus a hex string for unnamed bits).
    public static func encode(_ value: UInt64, names: [(String, UInt64)], to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(list(value, names: names))
    }

    /// The names of the set bits, in table order; bits without a name as one "0x..." entry.
    public static func list(_ value: UInt64, names: [(String, UInt64)]) -> [String] {
        var rest = value
        var out: [String] = []
        for (name, bits) in names where bits != 0 && value & bits == bits && rest & bits != 0 {
            out.append(name)
            rest &= ~bits
        }
        if rest != 0 { out.append("0x" + String(rest, radix: 16)) }
        return out
    }

    /// Decodes a list of names / hex strings (or a bare number) into a bit word of `width` bits.
    public static func decode(_ decoder: Decoder, names: [(String, UInt64)], width: Int) throws -> UInt64 {
        let c = try decoder.singleValueContainer()
        var value: UInt64 = 0
        if let number = try? c.decode(UInt64.self) {
            value = number
        } else {
            for entry in try c.decode([String].self) {
                if let bits = names.first(where: { $0.0 == entry })?.1 {
                    value |= bits
                } else if entry.hasPrefix("0x"), let bits = UInt64(entry.dropFirst(2), radix: 16) {
                    value |= bits
                } else {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown flag '\(entry)'; known: \(names.map(\.0).joined(separator: ", "))"))
                }
            }
        }
        guard width == 64 || value >> UInt64(width) == 0 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "flag value 0x\(String(value, radix: 16)) does not fit \(width) bits"))
        }
        return value
    }
}
