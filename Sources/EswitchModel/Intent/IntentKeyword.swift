/// A closed set of words in the intent file (`vf`, `ingress`, `IPv4`...), decoded with an error that
/// lists the accepted words.
public protocol IntentKeyword: RawRepresentable<String>, CaseIterable, Codable, Sendable {}

extension IntentKeyword {
    /// The accepted words, in declaration order, for messages.
    public static var acceptedWords: String { allCases.map(\.rawValue).joined(separator: ", ") }

    public init(from decoder: Decoder) throws {
        let word = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(rawValue: word) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "invalid value '\(word)' (expected one of: \(Self.acceptedWords))"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
