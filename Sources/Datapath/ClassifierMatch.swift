/// A wildcard match over ``ClassifierKey``s: the words a key must equal where `mask` has bits set.
/// `value` is kept pre-masked, so two matches with equal mask and value are the same match.
public struct ClassifierMatch: Sendable {
    public private(set) var value: ClassifierKey
    public private(set) var mask: ClassifierKey

    /// A match of everything (all mask bits clear).
    public init() {
        value = ClassifierKey()
        mask = ClassifierKey()
    }

    /// Requires `bits` of word `word` to equal those bits of `value` (on top of what is already required).
    public mutating func require(word: Int, value bits: UInt64, mask wanted: UInt64) {
        mask[word] |= wanted
        value[word] = (value[word] & ~wanted) | (bits & wanted)
    }

    /// True when `key` agrees with the match on every masked bit.
    @inlinable
    public func matches(_ key: ClassifierKey) -> Bool {
        key.withWords { k in
            value.withWords { v in
                mask.withWords { m in
                    var difference: UInt64 = 0
                    for i in 0..<ClassifierKey.wordCount { difference |= (k[i] & m[i]) ^ v[i] }
                    return difference == 0
                }
            }
        }
    }
}
