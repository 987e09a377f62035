import EswitchModel

// JSON keys follow `devlink -j` where it has a word (netdev, flavour, port, pfnum, vfnum, sfnum,
// controller, external, splittable, lanes, function, driver, serial_number) and the header name
// otherwise; eswitch modes are "mode", "inline_mode" and "encap_mode" (devlink's inline-mode and
// encap-mode in snake_case).

extension DevlinkAttribute: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "bus_name": self = .busName(try c.decode(String.self, forKey: key))
        case "dev_name": self = .deviceName(try c.decode(String.self, forKey: key))
        case "port_index": self = .portIndex(try c.decode(UInt32.self, forKey: key))
        case "port_type": self = .portType(try c.decode(DevlinkPortType.self, forKey: key))
        case "desired_type": self = .desiredType(try c.decode(DevlinkPortType.self, forKey: key))
        case "netdev_ifindex": self = .netdevIfindex(try c.decode(IfIndex.self, forKey: key))
        case "netdev": self = .netdevName(try c.decode(String.self, forKey: key))
        case "ibdev": self = .ibdevName(try c.decode(String.self, forKey: key))
        case "split_count": self = .splitCount(try c.decode(UInt32.self, forKey: key))
        case "split_group": self = .splitGroup(try c.decode(UInt32.self, forKey: key))
        case "mode": self = .eswitchMode(try c.decode(DevlinkEswitchMode.self, forKey: key))
        case "inline_mode": self = .inlineMode(try c.decode(DevlinkInlineMode.self, forKey: key))
        case "encap_mode": self = .encapMode(try c.decode(DevlinkEncapMode.self, forKey: key))
        case "flavour": self = .flavour(try c.decode(DevlinkPortFlavour.self, forKey: key))
        case "port": self = .portNumber(try c.decode(UInt32.self, forKey: key))
        case "subport": self = .subportNumber(try c.decode(UInt32.self, forKey: key))
        case "pfnum": self = .pfNumber(try c.decode(UInt16.self, forKey: key))
        case "vfnum": self = .vfNumber(try c.decode(UInt16.self, forKey: key))
        case "sfnum": self = .sfNumber(try c.decode(UInt32.self, forKey: key))
        case "controller": self = .controller(try c.decode(UInt32.self, forKey: key))
        case "external": self = .external(try c.decode(Bool.self, forKey: key))
        case "splittable": self = .splittable(try c.decode(Bool.self, forKey: key))
        case "lanes": self = .lanes(try c.decode(UInt32.self, forKey: key))
        case "function": self = .portFunction(try c.decode([RawAttribute].self, forKey: key))
        case "function_nested": self = .portFunction(try c.decode([RawAttribute].self, forKey: key), nestedFlag: true)
        case "driver": self = .driverName(try c.decode(String.self, forKey: key))
        case "serial_number": self = .serialNumber(try c.decode(String.self, forKey: key))
        case "board_serial_number": self = .boardSerialNumber(try c.decode(String.self, forKey: key))
        case "reload_failed": self = .reloadFailed(try c.decode(Bool.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "devlink")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .busName(let s): try c.encode(s, for: "bus_name")
        case .deviceName(let s): try c.encode(s, for: "dev_name")
        case .portIndex(let v): try c.encode(v, for: "port_index")
        case .portType(let t): try c.encode(t, for: "port_type")
        case .desiredType(let t): try c.encode(t, for: "desired_type")
        case .netdevIfindex(let i): try c.encode(i, for: "netdev_ifindex")
        case .netdevName(let s): try c.encode(s, for: "netdev")
        case .ibdevName(let s): try c.encode(s, for: "ibdev")
        case .splitCount(let v): try c.encode(v, for: "split_count")
        case .splitGroup(let v): try c.encode(v, for: "split_group")
        case .eswitchMode(let m): try c.encode(m, for: "mode")
        case .inlineMode(let m): try c.encode(m, for: "inline_mode")
        case .encapMode(let m): try c.encode(m, for: "encap_mode")
        case .flavour(let f): try c.encode(f, for: "flavour")
        case .portNumber(let v): try c.encode(v, for: "port")
        case .subportNumber(let v): try c.encode(v, for: "subport")
        case .pfNumber(let v): try c.encode(v, for: "pfnum")
        case .vfNumber(let v): try c.encode(v, for: "vfnum")
        case .sfNumber(let v): try c.encode(v, for: "sfnum")
        case .controller(let v): try c.encode(v, for: "controller")
        case .external(let b): try c.encode(b, for: "external")
        case .splittable(let b): try c.encode(b, for: "splittable")
        case .lanes(let v): try c.encode(v, for: "lanes")
        case .portFunction(let children, let nestedFlag): try c.encode(children, for: nestedFlag ? "function_nested" : "function")
        case .driverName(let s): try c.encode(s, for: "driver")
        case .serialNumber(let s): try c.encode(s, for: "serial_number")
        case .boardSerialNumber(let s): try c.encode(s, for: "board_serial_number")
        case .reloadFailed(let b): try c.encode(b, for: "reload_failed")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}
