/// The checks on the raw domain XML bytes that come before any parsing: a size limit, UTF-8 only,
/// and no document type declaration at all.
///
/// libvirt never writes a DOCTYPE into domain XML, and every entity attack (billion laughs, external
/// entities reading files or URLs) needs one, so refusing the declaration outright, before the
/// parser sees a byte, removes the whole class instead of relying on parser settings. The
/// scan is sound because the text must be UTF-8 without NUL bytes and without a declared
/// encoding other than UTF-8: a parser then reads exactly the characters scanned here.
public enum DomainXMLGuard {
    /// 1 MiB: a domain with hundreds of devices is far below; anything larger is refused.
    public static let maximumSize = 1 << 20

    /// Checks `data` (the whole of standard input; `totalSize` counts bytes beyond what was kept).
    /// - Throws: `HookError.domainXML` naming the first problem.
    public static func check(_ data: [UInt8], totalSize: Int) throws(HookError) {
        guard totalSize <= maximumSize else {
            throw .domainXML("\(totalSize) bytes on stdin exceed the \(maximumSize)-byte limit")
        }
        guard !data.isEmpty else { throw .domainXML("stdin is empty (libvirt passes the domain XML there)") }
        if let zero = data.firstIndex(of: 0) { throw .domainXML("NUL byte at offset \(zero)") }
        guard String(validating: data, as: UTF8.self) != nil else { throw .domainXML("not UTF-8 text") }
        if let offset = find(Array("<!DOCTYPE".utf8), in: data, caseInsensitive: true) {
            throw .domainXML("document type declaration at offset \(offset) (DOCTYPE and ENTITY declarations are not accepted)")
        }
        if let offset = find(Array("<!ENTITY".utf8), in: data, caseInsensitive: true) {
            throw .domainXML("entity declaration at offset \(offset) (DOCTYPE and ENTITY declarations are not accepted)")
        }
        if let encoding = declaredEncoding(data), !["utf-8", "utf8", "us-ascii", "ascii"].contains(encoding.lowercased()) {
            throw .domainXML("declared encoding '\(encoding)' (only UTF-8 is accepted)")
        }
    }

    /// The `encoding="..."` of a leading `<?xml ...?>` declaration, if any.
    static func declaredEncoding(_ data: [UInt8]) -> String? {
        var start = 0
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let head = data[start...]
        guard head.starts(with: Array("<?xml".utf8)), let end = find(Array("?>".utf8), in: Array(head), caseInsensitive: false) else {
            return nil
        }
        let declaration = String(decoding: head.prefix(end), as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    /// The offset of the first occurrence of `needle` (ASCII) in `haystack`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], caseInsensitive: Bool) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        func fold(_ byte: UInt8) -> UInt8 { caseInsensitive && byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte }
        let pattern = needle.map(fold)
        var index = 0
        while index + pattern.count <= haystack.count {
            if fold(haystack[index]) == pattern[0] {
                var matched = true
                for offset in 1..<pattern.count where fold(haystack[index + offset]) != pattern[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}
