extension ClassifierKey {
    /// The mask of the subtable a rule with this mask may share with rules of other masks
    /// (tuple merging, after Daly and Torng's TupleMerge, 2017): address prefixes shortened to a
    /// byte boundary the common lengths share (IPv4 to /0, /16 or /24; IPv6 to /0, /32 or /64)
    /// and transport ports dropped. Rules whose masks relax alike go into one subtable hashed on
    /// the relaxed mask, each entry listing its rules, which are then checked against their own
    /// masks. Fewer subtables means fewer hash probes per lookup; the classifier bounds the
    /// rules per entry so that the check stays short.
    public var relaxedMask: ClassifierKey {
        var m = self
        m[KeyWord.ipv4] = UInt64(Self.relaxIPv4(UInt32(truncatingIfNeeded: self[KeyWord.ipv4] >> 32))) << 32
            | UInt64(Self.relaxIPv4(UInt32(truncatingIfNeeded: self[KeyWord.ipv4])))
        (m[KeyWord.ipv6SourceHigh], m[KeyWord.ipv6SourceLow]) = Self.relaxIPv6(self[KeyWord.ipv6SourceHigh], self[KeyWord.ipv6SourceLow])
        (m[KeyWord.ipv6DestinationHigh], m[KeyWord.ipv6DestinationLow]) = Self.relaxIPv6(self[KeyWord.ipv6DestinationHigh], self[KeyWord.ipv6DestinationLow])
        // Ports: the high 32 bits of the transport word.
        m[KeyWord.transport] &= 0x0000_0000_FFFF_FFFF
        return m
    }

    /// True when every bit of `self` (a mask) is also set in `other`.
    public func isSubmask(of other: ClassifierKey) -> Bool {
        withWords { a in other.withWords { b in
            var extra: UInt64 = 0
            for i in 0..<Self.wordCount { extra |= a[i] & ~b[i] }
            return extra == 0
        } }
    }

    /// A prefix mask shortened to /24, /16 or /0; other masks unchanged.
    static func relaxIPv4(_ mask: UInt32) -> UInt32 {
        let length = mask.leadingNonzeroBitCount
        guard mask == (length == 0 ? 0 : UInt32.max << (32 - length)) else { return mask }
        switch length {
        case 24...: return 0xFFFF_FF00
        case 16...: return 0xFFFF_0000
        default: return 0
        }
    }

    /// A 128-bit prefix mask shortened to /64, /32 or /0; other masks unchanged.
    static func relaxIPv6(_ high: UInt64, _ low: UInt64) -> (UInt64, UInt64) {
        let isPrefix = low == 0 ? high == (high.leadingNonzeroBitCount == 0 ? 0 : UInt64.max << (64 - high.leadingNonzeroBitCount))
            : high == .max && low == UInt64.max << (64 - low.leadingNonzeroBitCount)
        guard isPrefix else { return (high, low) }
        if high == .max { return (.max, 0) }
        return high >> 32 == 0xFFFF_FFFF ? (0xFFFF_FFFF_0000_0000, 0) : (0, 0)
    }
}

extension FixedWidthInteger {
    /// The number of leading one bits.
    @inlinable var leadingNonzeroBitCount: Int { (~self).leadingZeroBitCount }
}
