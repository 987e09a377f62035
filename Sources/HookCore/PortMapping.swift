import EswitchModel

/// One `<eswitch:port mac=... id=.../>`: the interface with this MAC belongs to this port.
public struct PortMapping: Hashable, Sendable {
    public var mac: MACAddress
    public var port: PortID

    public init(mac: MACAddress, port: PortID) {
        self.mac = mac
        self.port = port
    }
}
