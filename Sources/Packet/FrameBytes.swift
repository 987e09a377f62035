/// Big-endian field access on a frame held in a byte array (the writers' primitives).
extension Array where Element == UInt8 {
    @inlinable @inline(__always) func be16(_ i: Int) -> UInt16 { UInt16(self[i]) << 8 | UInt16(self[i + 1]) }
    @inlinable @inline(__always) func be32(_ i: Int) -> UInt32 { UInt32(be16(i)) << 16 | UInt32(be16(i + 2)) }
    @inlinable @inline(__always) mutating func put16(_ v: UInt16, at i: Int) {
        self[i] = UInt8(truncatingIfNeeded: v >> 8); self[i + 1] = UInt8(truncatingIfNeeded: v)
    }
    @inlinable @inline(__always) mutating func put32(_ v: UInt32, at i: Int) {
        put16(UInt16(truncatingIfNeeded: v >> 16), at: i); put16(UInt16(truncatingIfNeeded: v), at: i + 2)
    }
    @inlinable @inline(__always) mutating func put64(_ v: UInt64, at i: Int) {
        put32(UInt32(truncatingIfNeeded: v >> 32), at: i); put32(UInt32(truncatingIfNeeded: v), at: i + 4)
    }
    @inlinable @inline(__always) mutating func putMAC(_ v: UInt64, at i: Int) {
        put16(UInt16(truncatingIfNeeded: v >> 32), at: i); put32(UInt32(truncatingIfNeeded: v), at: i + 2)
    }
}
