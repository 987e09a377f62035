/// The Internet checksum (RFC 1071) and its incremental update (RFC 1624).
public enum InternetChecksum {
    /// The one's complement sum of `bytes[range]` folded to 16 bits, plus `initial`.
    @inlinable
    public static func sum(_ p: UnsafeRawBufferPointer, _ range: Range<Int>, initial: UInt32 = 0) -> UInt32 {
        var s = UInt64(initial)
        var i = range.lowerBound
        let end = range.upperBound
        while i + 1 < end {
            s &+= UInt64(p[i]) << 8 | UInt64(p[i + 1])
            i += 2
        }
        if i < end { s &+= UInt64(p[i]) << 8 }
        while s > 0xFFFF { s = (s & 0xFFFF) &+ (s >> 16) }
        return UInt32(s)
    }

    /// The checksum field value for a sum: its one's complement.
    @inlinable
    public static func finish(_ sum: UInt32) -> UInt16 {
        var s = sum
        while s > 0xFFFF { s = (s & 0xFFFF) &+ (s >> 16) }
        return ~UInt16(truncatingIfNeeded: s)
    }

    /// RFC 1624 eqn. 3: the new checksum field after a 16-bit word changed from `old` to `new`:
    /// HC' = ~(~HC + ~m + m').
    @inlinable
    public static func update(_ checksum: UInt16, old: UInt16, new: UInt16) -> UInt16 {
        var s = UInt32(~checksum) &+ UInt32(~old) &+ UInt32(new)
        s = (s & 0xFFFF) &+ (s >> 16)
        s = (s & 0xFFFF) &+ (s >> 16)
        return ~UInt16(truncatingIfNeeded: s)
    }

    /// ``update(_:old:new:)`` for a 32-bit field (two words).
    @inlinable
    public static func update(_ checksum: UInt16, old: UInt32, new: UInt32) -> UInt16 {
        let c = update(checksum, old: UInt16(truncatingIfNeeded: old >> 16), new: UInt16(truncatingIfNeeded: new >> 16))
        return update(c, old: UInt16(truncatingIfNeeded: old), new: UInt16(truncatingIfNeeded: new))
    }
}
