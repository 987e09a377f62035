/// Why bytes could not be decoded as netlink, with the byte offset in the input where it happened.
public struct NetlinkDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Offset of the offending byte from the start of the input buffer.
    public var offset: Int
    /// What was wrong, in a few words.
    public var reason: String

    public init(offset: Int, _ reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "offset \(offset): \(reason)" }
}
