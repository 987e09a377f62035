/// A kernel enumeration carried as a number on the wire (eswitch mode, port flavour, a family's
/// commands...) whose JSON form is iproute2's word for the value, or the bare number when the value
/// has no name, so that every value survives JSON -> bytes unchanged.
public protocol NamedEnumeration: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible
where RawValue: FixedWidthInteger & Codable & Sendable {
    /// Word and value of every named value, in header order.
    static var names: [(String, RawValue)] { get }
    /// Any value is valid: unnamed ones are kept as numbers.
    init(rawValue: RawValue)
}

extension NamedEnumeration {
    /// iproute2's word for the value, nil when it has none.
    public var name: String? {
        for (word, value) in Self.names where value == rawValue { return word }
        return nil
    }

    /// The word, or the number when the value has no name.
    public var description: String { name ?? String(rawValue) }

    /// The value named `word`; nil when no value has that name.
    public init?(name word: String) {
        for (known, value) in Self.names where known == word {
            self.init(rawValue: value)
            return
        }
        return nil
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let word = try? c.decode(String.self) {
            guard let value = Self(name: word) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "unknown value '\(word)'; known: \(Self.names.map(\.0).joined(separator: ", ")) or a number")
            }
            self = value
        } else {
            self.init(rawValue: try c.decode(RawValue.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let word = name { try c.encode(word) } else { try c.encode(rawValue) }
    }
}
