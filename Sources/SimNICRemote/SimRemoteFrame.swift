/// Encoding and decoding of the frames of ``SimRemoteChannel``'s protocol. Pure: no I/O.
public enum SimRemoteFrame {
    /// The largest frame accepted in either direction (a netlink datagram is far smaller).
    public static let maximumLength: UInt32 = 1 << 24
    /// The reply count that stands for "notifications were dropped" on the events channel.
    public static let overflowCount: UInt32 = 0xFFFF_FFFF

    /// A request frame: length, channel, port id, payload.
    public static func request(_ channel: SimRemoteChannel, port: UInt32, payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(12 + payload.count)
        append(UInt32(payload.count + 8), to: &out)
        append(channel.rawValue, to: &out)
        append(port, to: &out)
        out += payload
        return out
    }

    /// A reply frame: the count, then each datagram with its length.
    public static func reply(_ datagrams: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        append(UInt32(datagrams.count), to: &out)
        for datagram in datagrams {
            append(UInt32(datagram.count), to: &out)
            out += datagram
        }
        return out
    }

    /// The frame that tells an event subscriber notifications were lost.
    public static var overflow: [UInt8] {
        var out: [UInt8] = []
        append(overflowCount, to: &out)
        return out
    }

    /// Reads a little-endian u32 at `offset` (the caller checked the bounds).
    public static func u32<Bytes: RandomAccessCollection>(_ bytes: Bytes, at offset: Int) -> UInt32 where Bytes.Element == UInt8, Bytes.Index == Int {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }

    /// Appends `value` little-endian.
    public static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8),
                  UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 24)]
    }
}

/// The payload of an ``SimRemoteChannel/events`` frame: join or leave one multicast group.
public struct SimEventSubscription: Hashable, Sendable {
    public enum Operation: UInt32, Sendable {
        case join = 1
        case leave = 2
    }

    public var operation: Operation
    /// An rtnetlink multicast group (RTNLGRP_*).
    public var group: UInt32

    public init(_ operation: Operation, group: UInt32) {
        self.operation = operation
        self.group = group
    }

    /// The 8 bytes of the payload.
    public var payload: [UInt8] {
        var out: [UInt8] = []
        SimRemoteFrame.append(operation.rawValue, to: &out)
        SimRemoteFrame.append(group, to: &out)
        return out
    }

    /// Reads a payload.
    /// - Throws: ``SimRemoteError`` (EINVAL) when it is not 8 bytes or names no known operation.
    public init(payload: [UInt8]) throws(SimRemoteError) {
        guard payload.count == 8 else {
            throw SimRemoteError("event subscription of \(payload.count) bytes (expected 8: operation, group)", errno: .invalidArgument)
        }
        guard let operation = Operation(rawValue: SimRemoteFrame.u32(payload, at: 0)) else {
            throw SimRemoteError("event subscription operation \(SimRemoteFrame.u32(payload, at: 0)) (expected 1 join or 2 leave)", errno: .invalidArgument)
        }
        self.init(operation, group: SimRemoteFrame.u32(payload, at: 4))
    }
}
