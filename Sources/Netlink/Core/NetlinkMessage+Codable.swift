/// JSON form of a message, one object per message:
/// `{"type":"RTM_NEWTFILTER","flags":"0x605","flag_names":[...],"seq":0,"pid":0,"filter":{...}}`.
/// The body sits under a key naming its kind (link, neighbour, qdisc, filter, generic, error,
/// done, raw). `flag_names` is informational; `flags` is what encoding uses.
extension NetlinkMessage: Codable {
    enum CodingKeys: String, CodingKey {
        case type, flags, flagNames = "flag_names", sequence = "seq", portID = "pid"
        case link, neighbour, qdisc, filter, generic, error, done, raw
    }

    /// Message type names for JSON (rtnetlink and the netlink control types).
    static let typeNames: [UInt16: String] = RTM.names.merging([NLMSG.error: "NLMSG_ERROR", NLMSG.done: "NLMSG_DONE", NLMSG.noop: "NLMSG_NOOP"]) { a, _ in a }
    static let typesByName: [String: UInt16] = Dictionary(uniqueKeysWithValues: typeNames.map { ($1, $0) })

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let number = try? c.decode(UInt16.self, forKey: .type) {
            type = number
        } else {
            let name = try c.decode(String.self, forKey: .type)
            guard let number = Self.typesByName[name] else {
                throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown message type '\(name)'")
            }
            type = number
        }
        flags = try c.decodeIfPresent(NetlinkFlags.self, forKey: .flags) ?? []
        sequence = try c.decodeIfPresent(UInt32.self, forKey: .sequence) ?? 0
        portID = try c.decodeIfPresent(UInt32.self, forKey: .portID) ?? 0
        let bodyKeys: [CodingKeys] = [.link, .neighbour, .qdisc, .filter, .generic, .error, .done, .raw]
        let present = bodyKeys.filter { c.contains($0) }
        guard present.count == 1, let key = present.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "a message needs exactly one body key of \(bodyKeys.map(\.stringValue).joined(separator: ", ")), found \(present.count)"))
        }
        switch key {
        case .link: body = .link(try c.decode(LinkMessage.self, forKey: key))
        case .neighbour: body = .neighbour(try c.decode(NeighbourMessage.self, forKey: key))
        case .qdisc: body = .qdisc(try c.decode(QdiscMessage.self, forKey: key))
        case .filter: body = .filter(try c.decode(FilterMessage.self, forKey: key))
        case .generic: body = .generic(try c.decode(GenericMessage.self, forKey: key))
        case .error: body = .error(try c.decode(NetlinkErrorMessage.self, forKey: key))
        case .done: body = .done(try c.decode(Int32.self, forKey: key))
        default:
            let hex = try c.decode(String.self, forKey: key)
            guard let bytes = [UInt8](hex: hex) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "invalid hex")
            }
            body = .raw(bytes)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let name = Self.typeNames[type], !isGeneric { try c.encode(name, forKey: .type) } else { try c.encode(type, forKey: .type) }
        try c.encode(flags, forKey: .flags)
        try c.encode(flags.names(forType: type), forKey: .flagNames)
        try c.encode(sequence, forKey: .sequence)
        try c.encode(portID, forKey: .portID)
        switch body {
        case .link(let m): try c.encode(m, forKey: .link)
        case .neighbour(let m): try c.encode(m, forKey: .neighbour)
        case .qdisc(let m): try c.encode(m, forKey: .qdisc)
        case .filter(let m): try c.encode(m, forKey: .filter)
        case .generic(let m): try c.encode(m, forKey: .generic)
        case .error(let m): try c.encode(m, forKey: .error)
        case .done(let code): try c.encode(code, forKey: .done)
        case .raw(let bytes): try c.encode(bytes.hexString, forKey: .raw)
        }
    }

    private var isGeneric: Bool {
        if case .generic = body { return true }
        return false
    }
}
