/// A coding key for attribute lists in JSON, where each attribute is a one-key object
/// (`{"dst_mac": "02:00:00:00:00:01"}`) so that the list keeps the wire order.
public struct JSONKey: CodingKey, Hashable {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(_ string: String) { stringValue = string }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer where Key == JSONKey {
    /// The single key of a one-key attribute object; throws naming the path otherwise.
    public func singleKey() throws -> JSONKey {
        guard allKeys.count == 1, let key = allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "an attribute must be an object with exactly one key, got \(allKeys.map(\.stringValue))"))
        }
        return key
    }

    /// Throws the standard "unknown attribute name" error for `key`.
    public func unknownKey(_ key: JSONKey, in space: String) -> DecodingError {
        DecodingError.dataCorrupted(.init(codingPath: codingPath + [key], debugDescription: "unknown \(space) attribute '\(key.stringValue)'"))
    }
}

extension KeyedEncodingContainer where Key == JSONKey {
    /// Encodes `value` under `name` (one-key attribute objects).
    public mutating func encode<T: Encodable>(_ value: T, for name: String) throws {
        try encode(value, forKey: JSONKey(name))
    }
}
