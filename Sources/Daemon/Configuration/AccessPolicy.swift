/// The uids and gids allowed on one socket.
public struct AllowList: Hashable, Sendable {
    public var uids: Set<UnixUserID>
    public var gids: Set<UnixGroupID>

    public init(uids: Set<UnixUserID> = [], gids: Set<UnixGroupID> = []) {
        self.uids = uids
        self.gids = gids
    }

    /// True when the caller's uid or its primary gid is listed. (SO_PEERCRED gives the primary
    /// gid only; list an operator group as the group of the account that calls.)
    public func allows(_ credentials: PeerCredentials) -> Bool {
        uids.contains(credentials.uid) || gids.contains(credentials.gid)
    }

    /// Both lists together.
    public func union(_ other: AllowList) -> AllowList {
        AllowList(uids: uids.union(other.uids), gids: gids.union(other.gids))
    }
}

/// Which socket a connection came in on.
public enum SocketRole: String, Hashable, Sendable, CustomStringConvertible {
    case readWrite = "read-write"
    case readOnly = "read-only"
    public var description: String { rawValue }
}

/// Who may use which socket. Callers allowed on the read-write socket may also read.
public struct AccessPolicy: Hashable, Sendable {
    public var readWrite: AllowList
    public var readOnly: AllowList

    /// By default only root may use either socket.
    public init(readWrite: AllowList = AllowList(uids: [UnixUserID(0)]), readOnly: AllowList = AllowList(uids: [UnixUserID(0)])) {
        self.readWrite = readWrite
        self.readOnly = readOnly
    }

    /// The allow-list in force on a socket.
    public func allowList(for role: SocketRole) -> AllowList {
        switch role {
        case .readWrite: return readWrite
        case .readOnly: return readOnly.union(readWrite)
        }
    }
}
