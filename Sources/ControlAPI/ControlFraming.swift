import Foundation

/// The wire form of the local API: one JSON object per line (`\n`-terminated), a request from the
/// client, then exactly one response line from the daemon. Lines longer than `maximumLineLength`
/// are refused before parsing, so a hostile client cannot make the daemon buffer without bound.
public enum ControlFraming {
    /// 4 MiB: an intent for thousands of ports fits; anything larger is an error, not a file.
    public static let maximumLineLength = 4 << 20

    /// Encodes one message as a line (without embedded newlines: JSONEncoder never emits them
    /// without `.prettyPrinted`).
    public static func encodeLine<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// Decodes one line (with or without its terminating newline).
    /// - Throws: `ControlFailure(.badRequest)` naming what is wrong with the line.
    public static func decodeLine<T: Decodable>(_ type: T.Type, from line: Data) throws -> T {
        guard line.count <= maximumLineLength else {
            throw ControlFailure(.badRequest, "message of \(line.count) bytes exceeds the \(maximumLineLength)-byte limit")
        }
        do {
            return try JSONDecoder().decode(T.self, from: line)
        } catch let DecodingError.dataCorrupted(context) {
            throw ControlFailure(.badRequest, "malformed JSON: \(context.debugDescription)")
        } catch let DecodingError.keyNotFound(key, context) {
            throw ControlFailure(.badRequest, "missing field \(path(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw ControlFailure(.badRequest, "wrong type at \(path(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.valueNotFound(_, context) {
            throw ControlFailure(.badRequest, "null at \(path(context.codingPath))")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
