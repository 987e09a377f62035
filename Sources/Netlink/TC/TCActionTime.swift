/// `struct tcf_t`: when an action was installed, last used, first used and when it expires, in
/// clock ticks (USER_HZ), as the kernel reports them on dump (TCA_<KIND>_TM).
public struct TCActionTime: Hashable, Sendable {
    /// When the action was installed.
    public var install: UInt64
    /// When a packet last hit it.
    public var lastUse: UInt64
    /// When it expires (0: never).
    public var expires: UInt64
    /// When a packet first hit it.
    public var firstUse: UInt64

    /// Times as the kernel reports them.
    public init(install: UInt64, lastUse: UInt64, expires: UInt64 = 0, firstUse: UInt64 = 0) {
        self.install = install
        self.lastUse = lastUse
        self.expires = expires
        self.firstUse = firstUse
    }

    /// Reads a 32-byte payload; nil for any other length (the caller keeps it raw).
    init?(_ a: BorrowedAttribute) {
        let p = a.payload, s = p.startIndex
        guard p.count == tcfTimeLength else { return nil }
        install = p.readLE(UInt64.self, at: s)
        lastUse = p.readLE(UInt64.self, at: s + 8)
        expires = p.readLE(UInt64.self, at: s + 16)
        firstUse = p.readLE(UInt64.self, at: s + 24)
    }

    /// Writes the attribute `type` holding the struct.
    func encode(_ type: UInt16, into w: inout NetlinkWriter) {
        let s = w.beginAttribute(type)
        w.append(install)
        w.append(lastUse)
        w.append(expires)
        w.append(firstUse)
        w.endAttribute(s)
    }
}

extension TCActionTime: Codable {
    // iproute2's words (print_tm): installed, last_used, expires, first_used.
    enum CodingKeys: String, CodingKey { case install = "installed", lastUse = "last_used", expires, firstUse = "first_used" }
}
