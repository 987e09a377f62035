/// A Unix user id.
public struct UnixUserID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ value: UInt32) { rawValue = value }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(UInt32.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    public var description: String { "\(rawValue)" }
}

/// A Unix group id.
public struct UnixGroupID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ value: UInt32) { rawValue = value }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(UInt32.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    public var description: String { "\(rawValue)" }
}

/// A process id.
public struct ProcessID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public var description: String { "\(rawValue)" }
}

/// Who is at the other end of a Unix socket, as the kernel says (SO_PEERCRED: the credentials the
/// peer had when it connected, which it cannot forge).
public struct PeerCredentials: Hashable, Sendable {
    public var pid: ProcessID
    public var uid: UnixUserID
    public var gid: UnixGroupID

    public init(pid: ProcessID, uid: UnixUserID, gid: UnixGroupID) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }
}
