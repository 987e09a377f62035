/// What follows genlmsghdr, by family: the family's typed command and attributes, or, for a
/// family id the decoder was not told about, the command number and raw attributes.
public enum GenericBody: Hashable, Sendable {
    /// The controller, "nlctrl" (family resolution).
    case control(ControlMessage)
    /// "devlink": devices, ports, eswitch mode.
    case devlink(DevlinkMessage)
    /// "vdpa": management devices and vDPA devices.
    case vdpa(VDPAMessage)
    /// A family the decoding context does not know: the command and attributes verbatim.
    case raw(command: UInt8, attributes: [RawAttribute])

    /// The family, nil for `raw`.
    public var family: GenericFamily? {
        switch self {
        case .control: return .control
        case .devlink: return .devlink
        case .vdpa: return .vdpa
        case .raw: return nil
        }
    }

    /// The genlmsghdr command number.
    public var command: UInt8 {
        switch self {
        case .control(let m): return m.command.rawValue
        case .devlink(let m): return m.command.rawValue
        case .vdpa(let m): return m.command.rawValue
        case .raw(let command, _): return command
        }
    }
}
