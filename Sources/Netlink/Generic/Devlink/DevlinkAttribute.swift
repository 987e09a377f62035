import EswitchModel

/// One DEVLINK_ATTR_* attribute: the ones eswitch reads or writes are typed, every other one (and
/// a known one of unexpected size) is kept verbatim as `unknown`.
public enum DevlinkAttribute: Hashable, Sendable {
    /// DEVLINK_ATTR_BUS_NAME: first half of the device handle ("pci").
    case busName(String)
    /// DEVLINK_ATTR_DEV_NAME: second half of the device handle ("0000:03:00.0").
    case deviceName(String)
    /// DEVLINK_ATTR_PORT_INDEX (u32): the port's index on its device.
    case portIndex(UInt32)
    /// DEVLINK_ATTR_PORT_TYPE (u16).
    case portType(DevlinkPortType)
    /// DEVLINK_ATTR_PORT_DESIRED_TYPE (u16).
    case desiredType(DevlinkPortType)
    /// DEVLINK_ATTR_PORT_NETDEV_IFINDEX (u32): the port's netdev (a representor in switchdev mode).
    case netdevIfindex(IfIndex)
    /// DEVLINK_ATTR_PORT_NETDEV_NAME.
    case netdevName(String)
    /// DEVLINK_ATTR_PORT_IBDEV_NAME.
    case ibdevName(String)
    /// DEVLINK_ATTR_PORT_SPLIT_COUNT (u32).
    case splitCount(UInt32)
    /// DEVLINK_ATTR_PORT_SPLIT_GROUP (u32).
    case splitGroup(UInt32)
    /// DEVLINK_ATTR_ESWITCH_MODE (u16).
    case eswitchMode(DevlinkEswitchMode)
    /// DEVLINK_ATTR_ESWITCH_INLINE_MODE (u8).
    case inlineMode(DevlinkInlineMode)
    /// DEVLINK_ATTR_ESWITCH_ENCAP_MODE (u8).
    case encapMode(DevlinkEncapMode)
    /// DEVLINK_ATTR_PORT_FLAVOUR (u16).
    case flavour(DevlinkPortFlavour)
    /// DEVLINK_ATTR_PORT_NUMBER (u32): the physical port number.
    case portNumber(UInt32)
    /// DEVLINK_ATTR_PORT_SPLIT_SUBPORT_NUMBER (u32).
    case subportNumber(UInt32)
    /// DEVLINK_ATTR_PORT_PCI_PF_NUMBER (u16): the PF a pcipf/pcivf/pcisf port belongs to.
    case pfNumber(UInt16)
    /// DEVLINK_ATTR_PORT_PCI_VF_NUMBER (u16): the VF a pcivf port represents.
    case vfNumber(UInt16)
    /// DEVLINK_ATTR_PORT_PCI_SF_NUMBER (u32): the SF a pcisf port represents.
    case sfNumber(UInt32)
    /// DEVLINK_ATTR_PORT_CONTROLLER_NUMBER (u32): 0 for the local host, others for external hosts
    /// (the host side of a BlueField).
    case controller(UInt32)
    /// DEVLINK_ATTR_PORT_EXTERNAL (u8 0/1): the function belongs to an external controller.
    case external(Bool)
    /// DEVLINK_ATTR_PORT_SPLITTABLE (u8 0/1).
    case splittable(Bool)
    /// DEVLINK_ATTR_PORT_LANES (u32).
    case lanes(UInt32)
    /// DEVLINK_ATTR_PORT_FUNCTION (nested DEVLINK_PORT_FUNCTION_ATTR_*), kept as raw children.
    /// iproute2's `devlink port function set` flags the nest with NLA_F_NESTED, the kernel's
    /// dumps do not; `nestedFlag` keeps which, so both re-encode unchanged.
    case portFunction([RawAttribute], nestedFlag: Bool = false)
    /// DEVLINK_ATTR_INFO_DRIVER_NAME.
    case driverName(String)
    /// DEVLINK_ATTR_INFO_SERIAL_NUMBER.
    case serialNumber(String)
    /// DEVLINK_ATTR_INFO_BOARD_SERIAL_NUMBER.
    case boardSerialNumber(String)
    /// DEVLINK_ATTR_RELOAD_FAILED (u8 0/1).
    case reloadFailed(Bool)
    /// Anything else, kept verbatim.
    case unknown(RawAttribute)
}

extension DevlinkAttribute {
    /// Decodes one attribute; a known type with an unexpected size or shape is kept as `unknown`.
    public init(decoding a: NetlinkAttribute) {
        self = Self.typed(a) ?? .unknown(RawAttribute(a))
    }

    // Matches the full type field: an attribute with NLA_F_* flag bits is kept raw, so that it
    // re-encodes with them; only the port function nest records its NLA_F_NESTED in the case.
    static func typed(_ a: NetlinkAttribute) -> DevlinkAttribute? {
        switch a.rawType {
        case DEVLINK_ATTR.busName: return a.exactString.map(Self.busName)
        case DEVLINK_ATTR.devName: return a.exactString.map(Self.deviceName)
        case DEVLINK_ATTR.portIndex: return a.exactU32.map(Self.portIndex)
        case DEVLINK_ATTR.portType: return a.exactU16.map { .portType(DevlinkPortType(rawValue: $0)) }
        case DEVLINK_ATTR.portDesiredType: return a.exactU16.map { .desiredType(DevlinkPortType(rawValue: $0)) }
        case DEVLINK_ATTR.portNetdevIfindex: return a.exactU32.map { .netdevIfindex(IfIndex($0)) }
        case DEVLINK_ATTR.portNetdevName: return a.exactString.map(Self.netdevName)
        case DEVLINK_ATTR.portIbdevName: return a.exactString.map(Self.ibdevName)
        case DEVLINK_ATTR.portSplitCount: return a.exactU32.map(Self.splitCount)
        case DEVLINK_ATTR.portSplitGroup: return a.exactU32.map(Self.splitGroup)
        case DEVLINK_ATTR.eswitchMode: return a.exactU16.map { .eswitchMode(DevlinkEswitchMode(rawValue: $0)) }
        case DEVLINK_ATTR.eswitchInlineMode: return a.exactU8.map { .inlineMode(DevlinkInlineMode(rawValue: $0)) }
        case DEVLINK_ATTR.eswitchEncapMode: return a.exactU8.map { .encapMode(DevlinkEncapMode(rawValue: $0)) }
        case DEVLINK_ATTR.portFlavour: return a.exactU16.map { .flavour(DevlinkPortFlavour(rawValue: $0)) }
        case DEVLINK_ATTR.portNumber: return a.exactU32.map(Self.portNumber)
        case DEVLINK_ATTR.portSplitSubportNumber: return a.exactU32.map(Self.subportNumber)
        case DEVLINK_ATTR.portPciPfNumber: return a.exactU16.map(Self.pfNumber)
        case DEVLINK_ATTR.portPciVfNumber: return a.exactU16.map(Self.vfNumber)
        case DEVLINK_ATTR.portPciSfNumber: return a.exactU32.map(Self.sfNumber)
        case DEVLINK_ATTR.portControllerNumber: return a.exactU32.map(Self.controller)
        case DEVLINK_ATTR.portExternal: return a.exactBool.map(Self.external)
        case DEVLINK_ATTR.portSplittable: return a.exactBool.map(Self.splittable)
        case DEVLINK_ATTR.portLanes: return a.exactU32.map(Self.lanes)
        case DEVLINK_ATTR.portFunction: return a.exactNested(RawAttribute.init).map { .portFunction($0) }
        case DEVLINK_ATTR.portFunction | NLA.fNested: return a.exactNested(RawAttribute.init).map { .portFunction($0, nestedFlag: true) }
        case DEVLINK_ATTR.infoDriverName: return a.exactString.map(Self.driverName)
        case DEVLINK_ATTR.infoSerialNumber: return a.exactString.map(Self.serialNumber)
        case DEVLINK_ATTR.infoBoardSerialNumber: return a.exactString.map(Self.boardSerialNumber)
        case DEVLINK_ATTR.reloadFailed: return a.exactBool.map(Self.reloadFailed)
        default: return nil
        }
    }

    /// Appends the attribute (strings NUL-terminated, nests without NLA_F_NESTED, as iproute2 and
    /// the kernel write them).
    public func encode(into w: inout NetlinkWriter) {
        switch self {
        case .busName(let s): w.attribute(DEVLINK_ATTR.busName, string: s)
        case .deviceName(let s): w.attribute(DEVLINK_ATTR.devName, string: s)
        case .portIndex(let v): w.attribute(DEVLINK_ATTR.portIndex, u32: v)
        case .portType(let t): w.attribute(DEVLINK_ATTR.portType, u16: t.rawValue)
        case .desiredType(let t): w.attribute(DEVLINK_ATTR.portDesiredType, u16: t.rawValue)
        case .netdevIfindex(let i): w.attribute(DEVLINK_ATTR.portNetdevIfindex, u32: i.rawValue)
        case .netdevName(let s): w.attribute(DEVLINK_ATTR.portNetdevName, string: s)
        case .ibdevName(let s): w.attribute(DEVLINK_ATTR.portIbdevName, string: s)
        case .splitCount(let v): w.attribute(DEVLINK_ATTR.portSplitCount, u32: v)
        case .splitGroup(let v): w.attribute(DEVLINK_ATTR.portSplitGroup, u32: v)
        case .eswitchMode(let m): w.attribute(DEVLINK_ATTR.eswitchMode, u16: m.rawValue)
        case .inlineMode(let m): w.attribute(DEVLINK_ATTR.eswitchInlineMode, u8: m.rawValue)
        case .encapMode(let m): w.attribute(DEVLINK_ATTR.eswitchEncapMode, u8: m.rawValue)
        case .flavour(let f): w.attribute(DEVLINK_ATTR.portFlavour, u16: f.rawValue)
        case .portNumber(let v): w.attribute(DEVLINK_ATTR.portNumber, u32: v)
        case .subportNumber(let v): w.attribute(DEVLINK_ATTR.portSplitSubportNumber, u32: v)
        case .pfNumber(let v): w.attribute(DEVLINK_ATTR.portPciPfNumber, u16: v)
        case .vfNumber(let v): w.attribute(DEVLINK_ATTR.portPciVfNumber, u16: v)
        case .sfNumber(let v): w.attribute(DEVLINK_ATTR.portPciSfNumber, u32: v)
        case .controller(let v): w.attribute(DEVLINK_ATTR.portControllerNumber, u32: v)
        case .external(let b): w.attribute(DEVLINK_ATTR.portExternal, u8: b ? 1 : 0)
        case .splittable(let b): w.attribute(DEVLINK_ATTR.portSplittable, u8: b ? 1 : 0)
        case .lanes(let v): w.attribute(DEVLINK_ATTR.portLanes, u32: v)
        case .portFunction(let children, let nestedFlag):
            let start = w.beginNested(DEVLINK_ATTR.portFunction, flagged: nestedFlag)
            for child in children { child.encode(into: &w) }
            w.endNested(start)
        case .driverName(let s): w.attribute(DEVLINK_ATTR.infoDriverName, string: s)
        case .serialNumber(let s): w.attribute(DEVLINK_ATTR.infoSerialNumber, string: s)
        case .boardSerialNumber(let s): w.attribute(DEVLINK_ATTR.infoBoardSerialNumber, string: s)
        case .reloadFailed(let b): w.attribute(DEVLINK_ATTR.reloadFailed, u8: b ? 1 : 0)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}
