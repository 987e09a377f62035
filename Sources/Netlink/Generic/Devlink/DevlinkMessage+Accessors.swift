import EswitchModel

extension DevlinkMessage {
    /// The device handle (bus name + device name), when both are present.
    public var handle: DevlinkHandle? {
        var bus: String?, device: String?
        for attribute in attributes {
            switch attribute {
            case .busName(let b) where bus == nil: bus = b
            case .deviceName(let d) where device == nil: device = d
            default: break
            }
        }
        guard let bus, let device else { return nil }
        return DevlinkHandle(bus: bus, device: device)
    }

    /// DEVLINK_ATTR_PORT_INDEX.
    public var portIndex: UInt32? {
        for case .portIndex(let v) in attributes { return v }
        return nil
    }
    /// DEVLINK_ATTR_PORT_TYPE.
    public var portType: DevlinkPortType? {
        for case .portType(let v) in attributes { return v }
        return nil
    }
    /// DEVLINK_ATTR_PORT_FLAVOUR.
    public var flavour: DevlinkPortFlavour? {
        for case .flavour(let v) in attributes { return v }
        return nil
    }
    /// DEVLINK_ATTR_PORT_PCI_PF_NUMBER.
    public var pfNumber: UInt16? {
        for case .pfNumber(let v) in attributes { return v }
        return nil
    }
    /// DEVLINK_ATTR_PORT_PCI_VF_NUMBER.
    public var vfNumber: UInt16? {
        for case .vfNumber(let v) in attributes { return v }
        return nil
    }
    /// DEVLINK_ATTR_PORT_PCI_SF_NUMBER.
    public var sfNumber: UInt32? {
        for case .sfNumber(let v) in attributes { return v }
        return nil
    }
    /// DEVLINK_ATTR_PORT_NETDEV_NAME: the representor's netdev name (informative only: identity is
    /// the handle + pfnum/vfnum).
    public var netdevName: String? {
        for case .netdevName(let v) in attributes { return v }
        return nil
    }
    /// DEVLINK_ATTR_PORT_NETDEV_IFINDEX.
    public var netdevIfindex: IfIndex? {
        for case .netdevIfindex(let v) in attributes { return v }
        return nil
    }
    /// DEVLINK_ATTR_PORT_NUMBER.
    public var portNumber: UInt32? {
        for case .portNumber(let v) in attributes { return v }
        return nil
    }
    /// DEVLINK_ATTR_PORT_CONTROLLER_NUMBER.
    public var controller: UInt32? {
        for case .controller(let v) in attributes { return v }
        return nil
    }
    /// DEVLINK_ATTR_PORT_EXTERNAL.
    public var isExternal: Bool? {
        for case .external(let v) in attributes { return v }
        return nil
    }
    /// DEVLINK_ATTR_PORT_FUNCTION children, raw.
    public var portFunction: [RawAttribute]? {
        for case .portFunction(let v, _) in attributes { return v }
        return nil
    }
    /// DEVLINK_PORT_FUNCTION_ATTR_HW_ADDR inside DEVLINK_ATTR_PORT_FUNCTION: the MAC the function
    /// (a VF or SF) will use, when it is 6 bytes long.
    public var functionHardwareAddress: MACAddress? {
        guard let children = portFunction else { return nil }
        for child in children where child.type == DEVLINK_PORT_FUNCTION_ATTR.hwAddr {
            return MACAddress(bytes: child.payload)
        }
        return nil
    }
    /// DEVLINK_ATTR_ESWITCH_MODE.
    public var eswitchMode: DevlinkEswitchMode? {
        for case .eswitchMode(let v) in attributes { return v }
        return nil
    }
    /// DEVLINK_ATTR_ESWITCH_INLINE_MODE.
    public var inlineMode: DevlinkInlineMode? {
        for case .inlineMode(let v) in attributes { return v }
        return nil
    }
    /// DEVLINK_ATTR_ESWITCH_ENCAP_MODE.
    public var encapMode: DevlinkEncapMode? {
        for case .encapMode(let v) in attributes { return v }
        return nil
    }
    /// DEVLINK_ATTR_INFO_DRIVER_NAME.
    public var driverName: String? {
        for case .driverName(let v) in attributes { return v }
        return nil
    }
}
