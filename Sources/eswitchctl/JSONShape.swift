/// A cheap pre-parse check of JSON text: refuses nesting deeper than a limit (a "nesting bomb")
/// before the recursive parser sees it.
enum JSONShape {
    struct TooDeep: Error, CustomStringConvertible {
        let offset: Int
        let limit: Int
        var description: String { "JSON nesting deeper than \(limit) at character \(offset)" }
    }

    static func check(_ text: String, maximumDepth: Int) throws {
        var depth = 0
        var inString = false
        var escaped = false
        for (offset, byte) in text.utf8.enumerated() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > maximumDepth { throw TooDeep(offset: offset, limit: maximumDepth) }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
    }
}

extension DecodingError {
    /// `filter.attrs[3].dst_mac: invalid MAC address 'zz'` — the path, then what is wrong.
    var oneLine: String {
        func path(_ keys: [CodingKey]) -> String {
            var out = ""
            for key in keys {
                if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
            }
            return out.isEmpty ? "(top level)" : out
        }
        switch self {
        case .typeMismatch(let type, let context): return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context.codingPath)): missing \(type) value"
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])): required field missing"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError).map { " (\($0))" } ?? ""
            return "\(path(context.codingPath)): \(context.debugDescription)\(underlying)"
        @unknown default: return "\(self)"
        }
    }
}
