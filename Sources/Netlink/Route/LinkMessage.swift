import EswitchModel

// PLACEHOLDER (to be replaced by the rtnetlink link codec): ifinfomsg + raw attributes.
/// A link request/answer (RTM_*LINK): `struct ifinfomsg` followed by IFLA_* attributes.
public struct LinkMessage: NetlinkBody {
    public var family: UInt8
    public var deviceType: UInt16
    public var ifindex: IfIndex
    public var flags: UInt32
    public var change: UInt32
    public var attributes: [RawAttribute]

    public init(family: UInt8 = 0, deviceType: UInt16 = 0, ifindex: IfIndex = IfIndex(0), flags: UInt32 = 0, change: UInt32 = 0, attributes: [RawAttribute] = []) {
        self.family = family; self.deviceType = deviceType; self.ifindex = ifindex; self.flags = flags; self.change = change; self.attributes = attributes
    }

    public init(decoding body: ArraySlice<UInt8>) throws(NetlinkDecodingError) {
        try body.require(16, for: "ifinfomsg")
        let s = body.startIndex
        family = body[s]
        deviceType = body.readLE(UInt16.self, at: s + 2)
        ifindex = IfIndex(body.readLE(UInt32.self, at: s + 4))
        flags = body.readLE(UInt32.self, at: s + 8)
        change = body.readLE(UInt32.self, at: s + 12)
        attributes = try Self.decodeAttributes(body[(s + 16)...]) { a throws(NetlinkDecodingError) in RawAttribute(a) }
    }

    public func encode(into w: inout NetlinkWriter) {
        w.append(family); w.append(UInt8(0)); w.append(deviceType); w.append(ifindex.rawValue); w.append(flags); w.append(change)
        for a in attributes { a.encode(into: &w) }
    }
}
