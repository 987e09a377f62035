import EswitchModel

/// A `Decoder` over a `StrictNode` tree that rejects unknown keys and reports every problem it can
/// find with its path, instead of stopping at the first one.
///
/// How it keeps going: a failure is recorded once, where a keyed or unkeyed container asked for a
/// value, and then travels up as `StrictDecodingAbort`. An unkeyed container skips a failed element
/// and decodes the next; a keyed container turns a failed optional into nil, a failed collection
/// into an empty one and a failed required value into a stand-in (`StrictPlaceholder`), so the
/// other keys of the same object are still checked. Only a required value of a type without a
/// stand-in aborts its enclosing object, which its own array then skips. The decoded value is
/// thrown away whenever anything was recorded.
///
/// Unknown keys are found when a type asks for a keyed container: a key its `CodingKeys` cannot
/// represent is recorded (with the closest known key as a suggestion when the `CodingKeys` are
/// `CaseIterable`). Model types therefore must not probe keyed containers with `try?`; probing a
/// single-value container is fine, as its errors are only recorded when they leave the type.
struct StrictDecoder: Decoder {
    let node: StrictNode
    let codingPath: [CodingKey]
    let sink: StrictDecodingSink
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Decodes a whole document, throwing every problem found.
    static func decode<T: Decodable>(_ type: T.Type, from root: StrictNode) throws(NetworkStateDecodingError) -> T {
        let sink = StrictDecodingSink()
        let decoder = StrictDecoder(node: root, codingPath: [], sink: sink)
        var value: T?
        do {
            value = try T(from: decoder)
        } catch is StrictDecodingAbort {
        } catch {
            sink.record(error, at: [], line: root.line)
        }
        guard let value, sink.problems.isEmpty else { throw NetworkStateDecodingError(problems: sink.sortedProblems) }
        return value
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let entries) = node.value else {
            throw DecodingError.typeMismatch([String: Any].self, .init(codingPath: codingPath, debugDescription: "expected mapping, found \(node.summary)"))
        }
        var byKey: [String: StrictNode] = [:]
        byKey.reserveCapacity(entries.count)
        for entry in entries {
            byKey[entry.key] = entry.value
            if Key(stringValue: entry.key) == nil {
                sink.record(path: codingPath + [StrictKey(entry.key)], message: unknownKeyMessage(entry.key, Key.self), line: entry.keyLine)
            }
        }
        return KeyedDecodingContainer(StrictKeyedContainer<Key>(decoder: self, entries: byKey))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        guard case .sequence(let items) = node.value else {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "expected sequence, found \(node.summary)"))
        }
        return StrictUnkeyedContainer(decoder: self, items: items)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer { StrictSingleValueContainer(decoder: self) }

    /// A decoder for a child node.
    func child(_ node: StrictNode, key: CodingKey) -> StrictDecoder {
        StrictDecoder(node: node, codingPath: codingPath + [key], sink: sink)
    }

    /// Decodes `T` from a child node, recording a failure once and turning it into an abort.
    func decodeChild<T: Decodable>(_ type: T.Type, from node: StrictNode, key: CodingKey) throws -> T {
        let child = child(node, key: key)
        do {
            return try T(from: child)
        } catch let abort as StrictDecodingAbort {
            throw abort
        } catch {
            sink.record(error, at: child.codingPath, line: node.line)
            throw StrictDecodingAbort()
        }
    }

    func unknownKeyMessage<Key: CodingKey>(_ key: String, _ type: Key.Type) -> String {
        guard let cases = (Key.self as? any CaseIterable.Type)?.allCasesAsCodingKeys else { return "unknown key" }
        let known = cases.map(\.stringValue)
        if let suggestion = closestKey(to: key, among: known) { return "unknown key (did you mean '\(suggestion)'?)" }
        return "unknown key (expected one of: \(known.joined(separator: ", ")))"
    }
}

extension CaseIterable {
    /// The cases of a `CodingKeys` enum, seen as coding keys.
    static var allCasesAsCodingKeys: [CodingKey] { allCases.compactMap { $0 as? CodingKey } }
}

/// The known key nearest to a misspelt one (edit distance at most 2, or 1 for short keys).
func closestKey(to key: String, among known: [String]) -> String? {
    let limit = key.count <= 3 ? 1 : 2
    let scored = known.map { ($0, editDistance(key.lowercased(), $0)) }.filter { $0.1 <= limit }
    return scored.min { $0.1 < $1.1 }?.0
}

/// The edit distance between two strings counting insertions, deletions, substitutions and
/// swaps of neighbours (optimal string alignment), so `mut` is one edit from `mtu`.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
        }
    }
    return d[a.count][b.count]
}

/// Collects the problems of one decode; shared by all decoders and containers of a document.
final class StrictDecodingSink {
    private var recorded: [(problem: ValidationProblem, line: Int?, order: Int)] = []

    var problems: [ValidationProblem] { recorded.map(\.problem) }

    /// Problems by source line when known (YAML), else in the order found.
    var sortedProblems: [ValidationProblem] {
        recorded.sorted { ($0.line ?? 0, $0.order) < ($1.line ?? 0, $1.order) }.map { problem in
            guard let line = problem.line else { return problem.problem }
            return ValidationProblem(path: problem.problem.path, message: "\(problem.problem.message) (line \(line))")
        }
    }

    func record(path: [CodingKey], message: String, line: Int?) {
        recorded.append((ValidationProblem(path: StrictDecodingSink.render(path), message: message), line, recorded.count))
    }

    /// Records an error thrown by a type's decoder, using the path the error carries.
    func record(_ error: Error, at path: [CodingKey], line: Int?) {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            record(path: context.codingPath.count >= path.count ? context.codingPath : path, message: context.debugDescription, line: line)
        case DecodingError.keyNotFound(let key, let context):
            record(path: context.codingPath + [key], message: "missing required key", line: line)
        default:
            record(path: path, message: "\(error)", line: line)
        }
    }

    /// `ports[3].mac`: keys joined by dots, indexes in brackets.
    static func render(_ path: [CodingKey]) -> String {
        var text = ""
        for key in path {
            if key.stringValue.isEmpty, let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}

/// Thrown after a failure has been recorded, to unwind to a container that can carry on.
struct StrictDecodingAbort: Error {}

/// A key of the document: a mapping key (string) or a sequence position (index).
struct StrictKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(_ string: String) {
        stringValue = string
        intValue = nil
    }

    init(index: Int) {
        stringValue = ""
        intValue = index
    }

    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(index: intValue) }
}
