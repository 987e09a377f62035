import EswitchModel
import Foundation

extension NetworkState {
    /// Reads a network state from YAML text (one document; see examples/two-node.yaml).
    ///
    /// The result is not validated yet: call `validated()` before using it.
    /// - Throws: `NetworkStateDecodingError` listing every syntax error, type mismatch, missing
    ///   required key and unknown key, each with its path and line.
    public static func fromYAML(_ text: String) throws(NetworkStateDecodingError) -> NetworkState {
        let root: StrictNode?
        do {
            root = try StrictNode.parseYAML(text)
        } catch {
            throw NetworkStateDecodingError(problems: [error.problem])
        }
        guard let root else {
            throw NetworkStateDecodingError(problems: [ValidationProblem(path: "", message: "empty document (expected a mapping with at least 'node')")])
        }
        return try StrictDecoder.decode(NetworkState.self, from: root)
    }

    /// Reads a network state from JSON (the same keys and shapes as the YAML form).
    ///
    /// The result is not validated yet: call `validated()` before using it.
    /// - Throws: `NetworkStateDecodingError` listing every problem with its path.
    public static func fromJSON(_ data: Data) throws(NetworkStateDecodingError) -> NetworkState {
        let root: StrictNode
        do {
            root = try StrictNode.parseJSON(data)
        } catch {
            throw NetworkStateDecodingError(problems: [error.problem])
        }
        return try StrictDecoder.decode(NetworkState.self, from: root)
    }

    /// Reads a network state from JSON text.
    public static func fromJSON(_ text: String) throws(NetworkStateDecodingError) -> NetworkState {
        try fromJSON(Data(text.utf8))
    }

    /// The state as pretty-printed JSON with sorted keys, readable by `fromJSON`.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

extension StrictNodeError {
    /// The error as a document-level problem.
    var problem: ValidationProblem {
        ValidationProblem(path: "", message: line.map { "\(message) (line \($0))" } ?? message)
    }
}
