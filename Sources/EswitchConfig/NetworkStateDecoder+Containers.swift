/// The keyed container of `StrictDecoder`: required keys must be present and non-null; a failed
/// optional becomes nil and a failed collection becomes empty, so decoding can continue.
struct StrictKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: StrictDecoder
    let entries: [String: StrictNode]

    var codingPath: [CodingKey] { decoder.codingPath }
    var allKeys: [Key] { entries.keys.compactMap { Key(stringValue: $0) } }
    func contains(_ key: Key) -> Bool { entries[key.stringValue] != nil }

    func decodeNil(forKey key: Key) throws -> Bool { entries[key.stringValue]?.isNull ?? true }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let node = entries[key.stringValue] else {
            decoder.sink.record(path: codingPath + [key], message: "missing required key", line: decoder.node.line)
            return try StrictKeyedContainer.fallback(T.self)
        }
        guard !node.isNull else {
            decoder.sink.record(path: codingPath + [key], message: "required value is null", line: node.line)
            return try StrictKeyedContainer.fallback(T.self)
        }
        do {
            return try decoder.decodeChild(T.self, from: node, key: key)
        } catch {
            return try StrictKeyedContainer.fallback(T.self)
        }
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let node = entries[key.stringValue], !node.isNull else { return nil }
        return try? decoder.decodeChild(T.self, from: node, key: key)
    }

    /// A stand-in for a required value that failed (its problem is recorded): an empty
    /// collection or a type's placeholder. Without one, the enclosing value is abandoned.
    static func fallback<T>(_ type: T.Type) throws -> T {
        if let collection = T.self as? any RangeReplaceableCollection.Type, let empty = collection.init() as? T {
            return empty
        }
        if let placeholder = (T.self as? any StrictPlaceholder.Type)?.strictPlaceholder as? T { return placeholder }
        throw StrictDecodingAbort()
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try childDecoder(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        try childDecoder(key).unkeyedContainer()
    }

    func superDecoder() throws -> Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> Decoder { try childDecoder(key) }

    private func childDecoder(_ key: Key) throws -> StrictDecoder {
        guard let node = entries[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing required key"))
        }
        return decoder.child(node, key: key)
    }

    // The primitive overloads all go through the generic paths above.
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type as Bool.Type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type as String.Type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type as Double.Type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type as Float.Type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type as Int.Type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type as Int8.Type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type as Int16.Type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type as Int32.Type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type as Int64.Type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type as UInt.Type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type as UInt8.Type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type as UInt16.Type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type as UInt32.Type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type as UInt64.Type, key) }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decodeIfPresent(type as Bool.Type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decodeIfPresent(type as String.Type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decodeIfPresent(type as Double.Type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try decodeIfPresent(type as Float.Type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decodeIfPresent(type as Int.Type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try decodeIfPresent(type as Int8.Type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try decodeIfPresent(type as Int16.Type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try decodeIfPresent(type as Int32.Type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try decodeIfPresent(type as Int64.Type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try decodeIfPresent(type as UInt.Type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try decodeIfPresent(type as UInt8.Type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try decodeIfPresent(type as UInt16.Type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try decodeIfPresent(type as UInt32.Type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try decodeIfPresent(type as UInt64.Type, key) }

    private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T { try decode(type, forKey: key) as T }
    private func decodeIfPresent<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? { try decodeIfPresent(type, forKey: key) as T? }
}

/// The unkeyed container of `StrictDecoder`: an element that fails is recorded and skipped.
struct StrictUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: StrictDecoder
    let items: [StrictNode]
    var currentIndex = 0

    init(decoder: StrictDecoder, items: [StrictNode]) {
        self.decoder = decoder
        self.items = items
    }

    var codingPath: [CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    /// Decodes the next element that decodes; failed ones are recorded and skipped. Aborts when
    /// no element is left (nothing new to record then, unless the sequence was already empty).
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if isAtEnd {
            decoder.sink.record(path: codingPath, message: "unexpected end of sequence", line: decoder.node.line)
            throw StrictDecodingAbort()
        }
        while !isAtEnd {
            let index = currentIndex
            currentIndex += 1
            let node = items[index]
            if node.isNull {
                decoder.sink.record(path: codingPath + [StrictKey(index: index)], message: "null element not allowed", line: node.line)
                continue
            }
            if let value = try? decoder.decodeChild(T.self, from: node, key: StrictKey(index: index)) { return value }
        }
        throw StrictDecodingAbort()
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try nextDecoder().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer { try nextDecoder().unkeyedContainer() }
    mutating func superDecoder() throws -> Decoder { try nextDecoder() }

    private mutating func nextDecoder() throws -> StrictDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "unexpected end of sequence"))
        }
        defer { currentIndex += 1 }
        return decoder.child(items[currentIndex], key: StrictKey(index: currentIndex))
    }
}

/// The single-value container of `StrictDecoder`: scalars of the right kind, in range. Its errors
/// are plain `DecodingError`s (not recorded), so a type may try one reading and then another.
struct StrictSingleValueContainer: SingleValueDecodingContainer {
    let decoder: StrictDecoder
    var codingPath: [CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.node.isNull }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .scalar(let text, .boolean) = decoder.node.value else { throw mismatch(Bool.self, "boolean") }
        return text.lowercased() == "true"
    }

    /// Strings accept any non-null scalar, so that `id: 42` in YAML is the id "42".
    func decode(_ type: String.Type) throws -> String {
        switch decoder.node.value {
        case .scalar(let text, .string), .scalar(let text, .integer), .scalar(let text, .float): return text
        default: throw mismatch(String.self, "string")
        }
    }

    func decode(_ type: Double.Type) throws -> Double {
        switch decoder.node.value {
        case .scalar(let text, .integer), .scalar(let text, .float):
            if let value = Double(text.lowercased().replacingOccurrences(of: ".inf", with: "inf").replacingOccurrences(of: ".nan", with: "nan")) {
                return value
            }
            if let value = StrictNode.parseInteger(text, as: Int64.self) { return Double(value) }
            throw mismatch(Double.self, "number")
        default: throw mismatch(Double.self, "number")
        }
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }
    func decode(_ type: Int.Type) throws -> Int { try integer() }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: decoder) }

    private func integer<T: FixedWidthInteger>() throws -> T {
        guard case .scalar(let text, .integer) = decoder.node.value else { throw mismatch(T.self, "integer") }
        guard let value = StrictNode.parseInteger(text, as: T.self) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: codingPath, debugDescription: "integer \(text) out of range \(T.min)...\(T.max)"))
        }
        return value
    }

    private func mismatch(_ type: Any.Type, _ expected: String) -> DecodingError {
        let found = decoder.node.isNull ? "null" : decoder.node.summary
        return DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "expected \(expected), found \(found)"))
    }
}
