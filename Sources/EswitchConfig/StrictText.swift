import EswitchModel
import Foundation

/// Reads YAML or JSON text into any `Decodable` type with the rules of the intent reader: unknown
/// keys refused (with the nearest known key when the type's `CodingKeys` are `CaseIterable`),
/// YAML 1.2 core-schema scalars, and every problem reported with its key path and line.
public enum StrictText {
    /// Decodes one YAML document.
    /// - Parameters:
    ///   - type: The type to decode; its `CodingKeys` decide which keys are known.
    ///   - text: The YAML text.
    /// - Throws: `StrictTextError` listing every problem (`path: message (line N)`).
    public static func decodeYAML<T: Decodable>(_ type: T.Type, from text: String) throws(StrictTextError) -> T {
        let root: StrictNode?
        do {
            root = try StrictNode.parseYAML(text)
        } catch {
            throw StrictTextError(problems: [error.problem])
        }
        guard let root else { throw StrictTextError(problems: [ValidationProblem(path: "", message: "empty document")]) }
        do {
            return try StrictDecoder.decode(T.self, from: root)
        } catch {
            throw StrictTextError(problems: error.problems)
        }
    }

    /// Decodes one JSON document.
    /// - Throws: `StrictTextError` listing every problem with its path.
    public static func decodeJSON<T: Decodable>(_ type: T.Type, from data: Data) throws(StrictTextError) -> T {
        let root: StrictNode
        do {
            root = try StrictNode.parseJSON(data)
        } catch {
            throw StrictTextError(problems: [error.problem])
        }
        do {
            return try StrictDecoder.decode(T.self, from: root)
        } catch {
            throw StrictTextError(problems: error.problems)
        }
    }
}

/// Every problem found while reading a document with `StrictText` (never empty).
public struct StrictTextError: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [ValidationProblem]

    public init(problems: [ValidationProblem]) { self.problems = problems }

    /// One line per problem.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
