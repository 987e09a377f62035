extension AttributeReader {
    /// How many attributes `bytes` holds, reading only the length fields (stops at the first bad
    /// header; the decoding pass reports it). Used to size arrays once instead of growing them.
    @inlinable static func count(in bytes: ArraySlice<UInt8>) -> Int {
        var n = 0
        var i = bytes.startIndex
        while bytes.endIndex - i >= NLA.headerLength {
            let length = Int(bytes[i]) | Int(bytes[i + 1]) << 8
            guard length >= NLA.headerLength else { break }
            n += 1
            i += netlinkAlign(length)
        }
        return n
    }
}
