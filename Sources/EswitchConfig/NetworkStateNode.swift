/// A parsed YAML or JSON document as a plain tree, the input of `StrictDecoder`.
///
/// YAML and JSON both land here, so both formats get the same type rules and the same messages.
/// Plain YAML scalars are typed with the YAML 1.2 core schema (so `no` and `52:54:00:00:00:01`
/// stay strings, unlike YAML 1.1); quoted scalars are always strings.
struct StrictNode {
    enum Value {
        case mapping([Entry])
        case sequence([StrictNode])
        case scalar(String, ScalarKind)
    }

    /// One key of a mapping, in document order.
    struct Entry {
        var key: String
        var keyLine: Int?
        var value: StrictNode
    }

    enum ScalarKind {
        case string, integer, float, boolean, null
    }

    var value: Value
    /// The 1-based line in the source text (YAML only).
    var line: Int?

    var isNull: Bool {
        if case .scalar(_, .null) = value { return true }
        return false
    }

    /// What the node is, for "expected X, found Y" messages.
    var summary: String {
        switch value {
        case .mapping: return "mapping"
        case .sequence: return "sequence"
        case .scalar(let text, let kind):
            switch kind {
            case .string: return "string '\(text)'"
            case .integer: return "integer \(text)"
            case .float: return "number \(text)"
            case .boolean: return "boolean \(text)"
            case .null: return "null"
            }
        }
    }

    /// Types a plain (unquoted) YAML scalar by the YAML 1.2 core schema (yaml.org/spec/1.2.2,
    /// section 10.3.2).
    static func plainKind(_ text: String) -> ScalarKind {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "false", "False", "FALSE": return .boolean
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN": return .float
        default: break
        }
        if parseInteger(text, as: Int64.self) != nil || parseInteger(text, as: UInt64.self) != nil || isIntegerText(text) {
            return .integer
        }
        if isFloatText(text) { return .float }
        return .string
    }

    /// True for `[-+]?[0-9]+`, `0o[0-7]+` and `0x[0-9a-fA-F]+`, whatever their size.
    static func isIntegerText(_ text: String) -> Bool {
        var body = Substring(text)
        if body.hasPrefix("0x") { return body.count > 2 && body.dropFirst(2).allSatisfy(\.isHexDigit) }
        if body.hasPrefix("0o") { return body.count > 2 && body.dropFirst(2).allSatisfy { ("0"..."7").contains($0) } }
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        return !body.isEmpty && body.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// True for `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
    static func isFloatText(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        let digits: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        let intPart = rest.prefix(while: digits)
        rest = rest.dropFirst(intPart.count)
        var fracPart = Substring("")
        if rest.first == "." {
            rest = rest.dropFirst()
            fracPart = rest.prefix(while: digits)
            rest = rest.dropFirst(fracPart.count)
        }
        guard !intPart.isEmpty || !fracPart.isEmpty else { return false }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
            let expPart = rest.prefix(while: digits)
            guard !expPart.isEmpty else { return false }
            rest = rest.dropFirst(expPart.count)
        }
        return rest.isEmpty
    }

    /// Parses integer text (decimal with sign, `0x` hex, `0o` octal) into `T`; nil when it is not
    /// an integer or does not fit.
    static func parseInteger<T: FixedWidthInteger>(_ text: String, as: T.Type) -> T? {
        if text.hasPrefix("0x") { return T(text.dropFirst(2), radix: 16) }
        if text.hasPrefix("0o") { return T(text.dropFirst(2), radix: 8) }
        return T(text, radix: 10)
    }
}
