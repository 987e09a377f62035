import EswitchModel

// PLACEHOLDER (to be replaced by the tc codec): tcmsg + raw attributes.
/// A filter request/answer (RTM_*TFILTER).
public struct FilterMessage: NetlinkBody {
    public var header: [UInt8]
    public var attributes: [RawAttribute]
    public init(header: [UInt8], attributes: [RawAttribute]) { self.header = header; self.attributes = attributes }
    public init(decoding body: ArraySlice<UInt8>) throws(NetlinkDecodingError) {
        try body.require(20, for: "tcmsg")
        header = Array(body.prefix(20))
        attributes = try Self.decodeAttributes(body.dropFirst(20)) { a throws(NetlinkDecodingError) in RawAttribute(a) }
    }
    public func encode(into w: inout NetlinkWriter) {
        w.append(contentsOf: header)
        for a in attributes { a.encode(into: &w) }
    }
}
