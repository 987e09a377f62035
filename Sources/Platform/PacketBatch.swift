/// Frames moved by one ``PacketPort`` call: a fixed number of slots in one allocation, reused from
/// call to call so that packet I/O allocates nothing per frame.
///
/// A receive appends frames to the batch (up to its free slots); a send takes the frames from the
/// first to ``count``. The bytes of a frame stay valid until the batch is cleared or the slot is
/// written again. A batch belongs to one thread at a time.
public final class PacketBatch {
    /// How many frames the batch holds.
    public let capacity: Int
    /// The largest frame a slot holds, in bytes.
    public let slotSize: Int
    /// Frames in the batch.
    public private(set) var count = 0

    private let storage: UnsafeMutableRawPointer
    private let lengths: UnsafeMutablePointer<Int>
    private let flagStorage: UnsafeMutablePointer<PacketFlags>

    /// - Parameters:
    ///   - capacity: frames per batch (at least 1).
    ///   - slotSize: bytes per frame (at least 64; 2048 holds a 1500-byte MTU frame with a VLAN tag
    ///     and VXLAN headers).
    public init(capacity: Int = 64, slotSize: Int = 2048) {
        self.capacity = max(1, capacity)
        self.slotSize = max(64, slotSize)
        storage = UnsafeMutableRawPointer.allocate(byteCount: self.capacity * self.slotSize, alignment: 64)
        lengths = UnsafeMutablePointer<Int>.allocate(capacity: self.capacity)
        lengths.initialize(repeating: 0, count: self.capacity)
        flagStorage = UnsafeMutablePointer<PacketFlags>.allocate(capacity: self.capacity)
        flagStorage.initialize(repeating: [], count: self.capacity)
    }

    deinit {
        storage.deallocate()
        lengths.deallocate()
        flagStorage.deallocate()
    }

    /// True when no slot is free.
    @inline(__always)
    public var isFull: Bool { count == capacity }

    /// True when the batch holds no frame.
    @inline(__always)
    public var isEmpty: Bool { count == 0 }

    /// The bytes of frame `index` (valid until the slot is reused).
    @inline(__always)
    public subscript(index: Int) -> UnsafeRawBufferPointer {
        precondition(index >= 0 && index < count, "frame \(index) of a batch of \(count)")
        return UnsafeRawBufferPointer(start: storage + index * slotSize, count: lengths[index])
    }

    /// What the receiving side knew about frame `index`.
    @inline(__always)
    public func flags(at index: Int) -> PacketFlags {
        precondition(index >= 0 && index < count, "frame \(index) of a batch of \(count)")
        return flagStorage[index]
    }

    /// Forgets every frame (the slots are reused by the next receive or append).
    @inline(__always)
    public func removeAll() { count = 0 }

    /// Appends a copy of `frame`.
    ///
    /// - Returns: false when the batch is full or the frame is longer than a slot (nothing is appended).
    @discardableResult
    public func append(_ frame: UnsafeRawBufferPointer, flags: PacketFlags = []) -> Bool {
        guard count < capacity, frame.count <= slotSize else { return false }
        if let base = frame.baseAddress, frame.count > 0 {
            (storage + count * slotSize).copyMemory(from: base, byteCount: frame.count)
        }
        lengths[count] = frame.count
        flagStorage[count] = flags
        count += 1
        return true
    }

    /// Appends a copy of `frame`.
    ///
    /// - Returns: false when the batch is full or the frame is longer than a slot.
    @discardableResult
    public func append(_ frame: [UInt8], flags: PacketFlags = []) -> Bool {
        frame.withUnsafeBytes { append($0, flags: flags) }
    }

    /// Lets `fill` write the next frame straight into the next free slot (receive paths copy out of
    /// a ring or read from a descriptor this way).
    ///
    /// - Parameter fill: gets the whole free slot; returns the frame's length and flags, or nil to
    ///   leave the slot free.
    /// - Returns: false when the batch is full or `fill` returned nil.
    @inline(__always)
    @discardableResult
    public func appendInPlace(_ fill: (UnsafeMutableRawBufferPointer) throws(PacketPortError) -> (length: Int, flags: PacketFlags)?) throws(PacketPortError) -> Bool {
        guard count < capacity else { return false }
        let slot = UnsafeMutableRawBufferPointer(start: storage + count * slotSize, count: slotSize)
        guard let (length, flags) = try fill(slot) else { return false }
        precondition(length >= 0 && length <= slotSize, "a frame of \(length) bytes in a \(slotSize)-byte slot")
        lengths[count] = length
        flagStorage[count] = flags
        count += 1
        return true
    }

    /// The free slot `offset` places after the last frame, for receive paths where the kernel
    /// writes several frames at once; ``appendInPlace(_:)`` then records them in order.
    @inline(__always)
    public func freeSlot(_ offset: Int) -> UnsafeMutableRawBufferPointer {
        precondition(offset >= 0 && count + offset < capacity, "free slot \(offset) of a batch of \(count)/\(capacity)")
        return UnsafeMutableRawBufferPointer(start: storage + (count + offset) * slotSize, count: slotSize)
    }

    /// Drops the first `n` frames and moves the rest to the front (a send that took only part of
    /// the batch keeps the remainder for the next attempt).
    public func removeFirst(_ n: Int) {
        let n = min(max(0, n), count)
        guard n > 0 else { return }
        let rest = count - n
        if rest > 0 {
            storage.copyMemory(from: storage + n * slotSize, byteCount: rest * slotSize)  // memmove
            for i in 0..<rest {
                lengths[i] = lengths[i + n]
                flagStorage[i] = flagStorage[i + n]
            }
        }
        count = rest
    }
}

/// What a receive knew about a frame beyond its bytes.
public struct PacketFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The sender left the transport checksum to the device (checksum offload): the checksum field
    /// holds only the pseudo-header sum, and whoever puts the frame on a wire must complete it.
    public static let checksumPending = PacketFlags(rawValue: 1 << 0)
    /// The frame was longer than the slot; the batch holds its beginning only.
    public static let truncated = PacketFlags(rawValue: 1 << 1)
}
