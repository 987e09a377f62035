// JSON: {"family":"devlink","cmd":"eswitch_set","version":0,"attrs":[{"bus_name":"pci"},...]}.
// "family" is absent for a family the decoder did not know; then "cmd" is a number and "attrs"
// holds raw attributes. "reserved" appears only when it is not 0.

extension GenericMessage: Codable {
    enum CodingKeys: String, CodingKey { case family, command = "cmd", version, reserved, attributes = "attrs" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decodeIfPresent(UInt8.self, forKey: .version) ?? 0
        reserved = try c.decodeIfPresent(UInt16.self, forKey: .reserved) ?? 0
        switch try c.decodeIfPresent(GenericFamily.self, forKey: .family) {
        case .control:
            body = .control(ControlMessage(
                try c.decode(ControlCommand.self, forKey: .command),
                try c.decodeIfPresent([ControlAttribute].self, forKey: .attributes) ?? []))
        case .devlink:
            body = .devlink(DevlinkMessage(
                try c.decode(DevlinkCommand.self, forKey: .command),
                try c.decodeIfPresent([DevlinkAttribute].self, forKey: .attributes) ?? []))
        case .vdpa:
            body = .vdpa(VDPAMessage(
                try c.decode(VDPACommand.self, forKey: .command),
                try c.decodeIfPresent([VDPAAttribute].self, forKey: .attributes) ?? []))
        case nil:
            body = .raw(
                command: try c.decode(UInt8.self, forKey: .command),
                attributes: try c.decodeIfPresent([RawAttribute].self, forKey: .attributes) ?? [])
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch body {
        case .control(let m):
            try c.encode(GenericFamily.control, forKey: .family)
            try c.encode(m.command, forKey: .command)
        case .devlink(let m):
            try c.encode(GenericFamily.devlink, forKey: .family)
            try c.encode(m.command, forKey: .command)
        case .vdpa(let m):
            try c.encode(GenericFamily.vdpa, forKey: .family)
            try c.encode(m.command, forKey: .command)
        case .raw(let command, _):
            try c.encode(command, forKey: .command)
        }
        try c.encode(version, forKey: .version)
        if reserved != 0 { try c.encode(reserved, forKey: .reserved) }
        switch body {
        case .control(let m): try c.encode(m.attributes, forKey: .attributes)
        case .devlink(let m): try c.encode(m.attributes, forKey: .attributes)
        case .vdpa(let m): try c.encode(m.attributes, forKey: .attributes)
        case .raw(_, let attributes): try c.encode(attributes, forKey: .attributes)
        }
    }
}
