import Yams

extension StrictNode {
    /// Converts a composed YAML node (aliases already resolved by the composer).
    init(yaml node: Node) throws(StrictNodeError) {
        let line = node.mark?.line
        switch node {
        case .scalar(let scalar):
            let kind = scalar.style == .plain ? StrictNode.plainKind(scalar.string) : .string
            self.init(value: .scalar(scalar.string, kind), line: line)
        case .sequence(let sequence):
            var items: [StrictNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try StrictNode(yaml: item)) }
            self.init(value: .sequence(items), line: line)
        case .mapping(let mapping):
            var entries: [Entry] = []
            entries.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw StrictNodeError(line: key.mark?.line, message: "mapping keys must be plain strings")
                }
                entries.append(Entry(key: keyScalar.string, keyLine: key.mark?.line, value: try StrictNode(yaml: value)))
            }
            self.init(value: .mapping(entries), line: line)
        case .alias(let alias):
            throw StrictNodeError(line: alias.mark?.line, message: "unresolved alias '\(alias.anchor.rawValue)'")
        }
    }

    /// Parses YAML text holding one document; nil for an empty document.
    static func parseYAML(_ text: String) throws(StrictNodeError) -> StrictNode? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw StrictNodeError(yaml: error)
        } catch {
            throw StrictNodeError(line: nil, message: "\(error)")
        }
        guard let root else { return nil }
        return try StrictNode(yaml: root)
    }
}

extension StrictNodeError {
    /// Keeps libyaml's problem text and position, without the source snippet Yams appends.
    init(yaml error: YamlError) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            self.init(line: mark.line, message: "YAML syntax error: \(prefix)\(problem) (column \(mark.column))")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            self.init(line: context.mark.line, message: "duplicate key \(keys) in a mapping")
        case .reader(let problem, _, _, _):
            self.init(line: nil, message: "YAML reader error: \(problem)")
        default:
            self.init(line: nil, message: "YAML error: \(error)")
        }
    }
}

/// A document that could not be read at all (syntax error), with its line when known.
struct StrictNodeError: Error {
    var line: Int?
    var message: String
}
