/// The fields of a `struct nlmsghdr`, as echoed inside an NLMSG_ERROR.
public struct NetlinkHeader: Hashable, Sendable, Codable {
    public var length: UInt32
    public var type: UInt16
    public var flags: NetlinkFlags
    public var sequence: UInt32
    public var portID: UInt32

    public init(length: UInt32, type: UInt16, flags: NetlinkFlags, sequence: UInt32, portID: UInt32) {
        self.length = length
        self.type = type
        self.flags = flags
        self.sequence = sequence
        self.portID = portID
    }

    init(decoding b: ArraySlice<UInt8>) throws(NetlinkDecodingError) {
        try b.require(netlinkHeaderLength, for: "nlmsghdr")
        let s = b.startIndex
        self.init(length: b.readLE(UInt32.self, at: s), type: b.readLE(UInt16.self, at: s + 4),
                  flags: NetlinkFlags(rawValue: b.readLE(UInt16.self, at: s + 6)),
                  sequence: b.readLE(UInt32.self, at: s + 8), portID: b.readLE(UInt32.self, at: s + 12))
    }

    func encode(into w: inout NetlinkWriter) {
        w.append(length); w.append(type); w.append(flags.rawValue); w.append(sequence); w.append(portID)
    }

    enum CodingKeys: String, CodingKey { case length = "len", type, flags, sequence = "seq", portID = "pid" }
}

extension NetlinkFlags: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(UInt16.self) { rawValue = n; return }
        let text = try c.decode(String.self)
        guard text.hasPrefix("0x"), let n = UInt16(text.dropFirst(2), radix: 16) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "flags must be a number or \"0x...\" hex, got '\(text)'")
        }
        rawValue = n
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode("0x" + String(rawValue, radix: 16))
    }

    /// Readable names for the bits; the upper byte is named as for a NEW, GET or ACK message.
    public func names(forType type: UInt16) -> [String] {
        var names: [(String, UInt64)] = [("request", 0x1), ("multi", 0x2), ("ack", 0x4), ("echo", 0x8), ("dump_intr", 0x10), ("dump_filtered", 0x20)]
        switch type {
        case NLMSG.error: names += [("capped", 0x100), ("ack_tlvs", 0x200)]
        case RTM.getLink, RTM.getNeigh, RTM.getQdisc, RTM.getTFilter: names += [("dump", 0x300), ("root", 0x100), ("match", 0x200), ("atomic", 0x400)]
        case RTM.newLink, RTM.newNeigh, RTM.newQdisc, RTM.newTFilter, RTM.setLink: names += [("replace", 0x100), ("excl", 0x200), ("create", 0x400), ("append", 0x800)]
        default: names += [("dump", 0x300), ("root", 0x100), ("match", 0x200), ("atomic", 0x400)]
        }
        return BitNames.list(UInt64(rawValue), names: names)
    }
}
