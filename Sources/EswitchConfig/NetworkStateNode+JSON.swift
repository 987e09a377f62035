import Foundation

extension StrictNode {
    /// Parses JSON text (RFC 8259) into a tree. Object keys come out sorted, since Foundation's
    /// parser does not keep their order; JSON carries no line numbers here.
    static func parseJSON(_ data: Data) throws(StrictNodeError) -> StrictNode {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo["NSDebugDescription"].map { "\($0)" } ?? error.localizedDescription
            throw StrictNodeError(line: nil, message: "JSON syntax error: \(detail)")
        }
        return try StrictNode(json: object)
    }

    init(json object: Any) throws(StrictNodeError) {
        switch object {
        case let dictionary as [String: Any]:
            var entries: [Entry] = []
            entries.reserveCapacity(dictionary.count)
            for key in dictionary.keys.sorted() {
                entries.append(Entry(key: key, keyLine: nil, value: try StrictNode(json: dictionary[key]!)))
            }
            self.init(value: .mapping(entries), line: nil)
        case let array as [Any]:
            var items: [StrictNode] = []
            items.reserveCapacity(array.count)
            for item in array { items.append(try StrictNode(json: item)) }
            self.init(value: .sequence(items), line: nil)
        case let string as String:
            self.init(value: .scalar(string, .string), line: nil)
        case is NSNull:
            self.init(value: .scalar("null", .null), line: nil)
        case let number as NSNumber:
            // Foundation boxes JSON true/false as a CFBoolean, whose type encoding is "c" (char);
            // JSON integers come out as "i", "q" or "Q", fractions and exponents as "d".
            switch String(cString: number.objCType) {
            case "c": self.init(value: .scalar(number.boolValue ? "true" : "false", .boolean), line: nil)
            case "d", "f": self.init(value: .scalar(number.stringValue, .float), line: nil)
            default: self.init(value: .scalar(number.stringValue, .integer), line: nil)
            }
        default:
            throw StrictNodeError(line: nil, message: "unsupported JSON value \(type(of: object))")
        }
    }
}
