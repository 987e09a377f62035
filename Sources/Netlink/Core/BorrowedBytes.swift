/// A read-only view of part of the buffer being decoded, indexed like the `ArraySlice` it stands
/// for (by offset in the original buffer, so that errors name the byte), without a reference count.
///
/// Why it exists: a flower filter holds some forty attributes. Decoded through `ArraySlice`s, every
/// attribute, reader step and accessor retained and released the array (and went through generic
/// value witnesses to do so), which was most of the decode time. The hot decoders (tc filters and
/// actions) therefore read through this view instead, made once per message by
/// ``Swift/ArraySlice/withBorrowedBytes(_:)``.
///
/// A view is only valid inside that call, so the type is internal and never stored in a decoded
/// value: decoders copy what they keep (``RawAttribute`` payloads, strings) into owned values.
/// Every load checks its bounds (a precondition, as an array subscript does): decoders check lengths
/// first and throw, the precondition is the safety net that keeps a decoder bug from reading past
/// the buffer on hostile input.
struct BorrowedBytes {
    /// The bytes, from `startIndex` to `endIndex`.
    let buffer: UnsafeRawBufferPointer
    /// Offset of the first byte in the original buffer.
    let startIndex: Int

    /// A view of `buffer`, whose first byte sits at `startIndex` in the original buffer.
    @inline(__always) init(_ buffer: UnsafeRawBufferPointer, startIndex: Int) {
        self.buffer = buffer
        self.startIndex = startIndex
    }

    /// Offset just past the last byte in the original buffer.
    @inline(__always) var endIndex: Int { startIndex + buffer.count }
    @inline(__always) var count: Int { buffer.count }
    @inline(__always) var isEmpty: Bool { buffer.isEmpty }

    /// Throws unless at least `n` bytes remain: names the struct that was cut short.
    @inline(__always) func require(_ n: Int, for what: String) throws(NetlinkDecodingError) {
        guard count >= n else {
            throw NetlinkDecodingError(offset: startIndex, "truncated \(what): \(count) bytes, need \(n)")
        }
    }

    /// The byte at absolute offset `index`.
    @inline(__always) subscript(index: Int) -> UInt8 {
        let i = index &- startIndex
        precondition(i >= 0 && i < buffer.count, "read outside the borrowed bytes")
        return buffer.load(fromByteOffset: i, as: UInt8.self)
    }

    /// The bytes between two absolute offsets.
    @inline(__always) subscript(range: Range<Int>) -> BorrowedBytes {
        let lower = range.lowerBound &- startIndex, upper = range.upperBound &- startIndex
        precondition(lower >= 0 && upper <= buffer.count, "range outside the borrowed bytes")
        return BorrowedBytes(UnsafeRawBufferPointer(rebasing: buffer[lower..<upper]), startIndex: range.lowerBound)
    }

    /// Host-order (little-endian) integer at absolute offset `index`.
    @inline(__always) func readLE<T: FixedWidthInteger>(_: T.Type, at index: Int) -> T {
        T(littleEndian: load(T.self, at: index))
    }

    /// Network-order integer at absolute offset `index`.
    @inline(__always) func readBE<T: FixedWidthInteger>(_: T.Type, at index: Int) -> T {
        T(bigEndian: load(T.self, at: index))
    }

    @inline(__always) private func load<T: FixedWidthInteger>(_: T.Type, at index: Int) -> T {
        let i = index &- startIndex
        precondition(i >= 0 && i <= buffer.count &- MemoryLayout<T>.size, "read outside the borrowed bytes")
        return buffer.loadUnaligned(fromByteOffset: i, as: T.self)
    }

    /// The bytes as an owned array.
    var array: [UInt8] { Array(buffer) }

    /// Whether the bytes are exactly `text`'s UTF-8 (the known wire forms of kinds).
    @inline(__always) func equals(_ text: StaticString) -> Bool {
        guard text.utf8CodeUnitCount == buffer.count else { return false }
        let other = UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        for i in 0..<other.count where other[i] != buffer[i] { return false }
        return true
    }
}

extension ArraySlice where Element == UInt8 {
    /// Calls `body` with a ``BorrowedBytes`` view of the slice that keeps its indices. The view
    /// must not escape `body`.
    @inline(__always) func withBorrowedBytes<R, E: Error>(_ body: (BorrowedBytes) throws(E) -> R) throws(E) -> R {
        // `withUnsafeBytes` is untyped-rethrows: carry the typed error out in a Result.
        let result = withUnsafeBytes { raw in
            Result { () throws(E) -> R in try body(BorrowedBytes(raw, startIndex: startIndex)) }
        }
        return try result.get()
    }
}
