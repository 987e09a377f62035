import Foundation

extension ControlReport {
    /// A report holding `value` as compact JSON with sorted keys.
    /// - Throws: What `JSONEncoder` throws.
    public init<T: Encodable>(encoding value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.init(json: String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// The report read as `T`, or nil when it has another shape.
    public func decode<T: Decodable>(_ type: T.Type) -> T? {
        try? JSONDecoder().decode(T.self, from: Data(json.utf8))
    }
}
