import EswitchModel

/// A short text (at most 40 bytes, such as an address) as five big-endian words, so that
/// comparing keys compares the texts byte by byte; zero padding puts a text before any longer
/// text it begins (a prefix first), as text order does.
struct TextKey: Comparable {
    private var words: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)

    /// The key of an address's text (as in rule topics).
    init(_ ip: IPAddress) {
        RuleTopic.address(ip).withText { bytes in
            precondition(bytes.count <= 40, "text too long for a key")
            withUnsafeMutableBytes(of: &words) { raw in
                raw.copyMemory(from: bytes)
            }
        }
        words = (words.0.bigEndian, words.1.bigEndian, words.2.bigEndian, words.3.bigEndian, words.4.bigEndian)
    }

    static func == (a: TextKey, b: TextKey) -> Bool { a.words == b.words }

    static func < (a: TextKey, b: TextKey) -> Bool { a.words < b.words }
}
