/// One thing wrong with an intent: where (`ports[3].mac`) and what (`multicast MAC not allowed`).
public struct ValidationProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The location in the intent document: keys joined by `.`, array indexes in brackets.
    /// Empty for the document as a whole.
    public var path: String
    /// What is wrong, in words.
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message` (or just the message for the whole document).
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
