import EswitchModel

/// `struct tcmsg`, the fixed header of qdisc, class and filter messages.
///
/// For filters, `tcm_info` packs the priority and the protocol (`prio << 16 | htons(proto)`):
/// ``priority`` and ``protocol`` read and write those halves.
public struct TCMessageHeader: Hashable, Sendable {
    /// `tcm_family` (AF_UNSPEC for tc).
    public var family: UInt8
    /// `tcm_ifindex`: the device (TCM_IFINDEX_MAGIC_BLOCK when `parent` is a shared block index).
    public var ifindex: IfIndex
    /// `tcm_handle`: a qdisc's handle (ffff: for ingress/clsact) or a classifier-specific filter handle.
    public var handle: TCHandle
    /// `tcm_parent`: where the qdisc or filter hangs (ffff:fff1 for an ingress qdisc, ffff:fff2 for
    /// ingress filters).
    public var parent: TCHandle
    /// `tcm_info`: for filters the priority and protocol, for qdisc answers the reference count.
    public var info: UInt32

    /// sizeof(struct tcmsg).
    public static let length = 20

    /// Creates a header from its raw fields.
    public init(family: UInt8 = AddressFamily.unspec, ifindex: IfIndex, handle: TCHandle = .unspecified, parent: TCHandle, info: UInt32 = 0) {
        self.family = family
        self.ifindex = ifindex
        self.handle = handle
        self.parent = parent
        self.info = info
    }

    /// A filter header: `info` built from priority and protocol as tc does.
    public init(ifindex: IfIndex, handle: UInt32 = 0, parent: TCHandle, priority: UInt16, protocol: EtherType) {
        self.init(ifindex: ifindex, handle: TCHandle(rawValue: handle), parent: parent, info: Self.filterInfo(priority: priority, protocol: `protocol`))
    }

    /// `tcm_info` of a filter: priority in the upper 16 bits, the protocol in network order in the lower.
    @inlinable public static func filterInfo(priority: UInt16, protocol: EtherType) -> UInt32 {
        // The field is host order (little-endian) on the wire, with the protocol stored as __be16:
        // its low half therefore holds the byte-swapped protocol.
        UInt32(priority) << 16 | UInt32(`protocol`.rawValue.byteSwapped)
    }

    /// The filter priority (tc's `prio`/`pref`), the upper half of `tcm_info`.
    @inlinable public var priority: UInt16 {
        get { UInt16(truncatingIfNeeded: info >> 16) }
        set { info = UInt32(newValue) << 16 | (info & 0xFFFF) }
    }

    /// The filter protocol (tc's `protocol`), the lower half of `tcm_info` in network order.
    @inlinable public var `protocol`: EtherType {
        get { EtherType(UInt16(truncatingIfNeeded: info).byteSwapped) }
        set { info = (info & 0xFFFF_0000) | UInt32(newValue.rawValue.byteSwapped) }
    }

    /// Decodes the 20 header bytes at the start of `body` (the padding bytes are not kept).
    @inlinable public init(decoding body: ArraySlice<UInt8>) throws(NetlinkDecodingError) {
        try body.require(Self.length, for: "tcmsg")
        let s = body.startIndex
        family = body[s]
        ifindex = IfIndex(body.readLE(UInt32.self, at: s + 4))
        handle = TCHandle(rawValue: body.readLE(UInt32.self, at: s + 8))
        parent = TCHandle(rawValue: body.readLE(UInt32.self, at: s + 12))
        info = body.readLE(UInt32.self, at: s + 16)
    }

    /// Decodes the 20 header bytes at the start of a borrowed body (the filter decoder's view).
    init(decoding body: BorrowedBytes) throws(NetlinkDecodingError) {
        try body.require(Self.length, for: "tcmsg")
        let s = body.startIndex
        family = body[s]
        ifindex = IfIndex(body.readLE(UInt32.self, at: s + 4))
        handle = TCHandle(rawValue: body.readLE(UInt32.self, at: s + 8))
        parent = TCHandle(rawValue: body.readLE(UInt32.self, at: s + 12))
        info = body.readLE(UInt32.self, at: s + 16)
    }

    /// Appends the 20 header bytes.
    @inlinable public func encode(into writer: inout NetlinkWriter) {
        writer.append(family)
        writer.appendZeros(3)
        writer.append(ifindex.rawValue)
        writer.append(handle.rawValue)
        writer.append(parent.rawValue)
        writer.append(info)
    }
}

extension TCMessageHeader: Codable {
    enum CodingKeys: String, CodingKey { case family, ifindex, handle, parent, info }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        family = try c.decodeIfPresent(UInt8.self, forKey: .family) ?? 0
        ifindex = try c.decode(IfIndex.self, forKey: .ifindex)
        handle = try c.decodeIfPresent(TCHandle.self, forKey: .handle) ?? .unspecified
        parent = try c.decode(TCHandle.self, forKey: .parent)
        info = try c.decodeIfPresent(UInt32.self, forKey: .info) ?? 0
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(family, forKey: .family)
        try c.encode(ifindex, forKey: .ifindex)
        try c.encode(handle, forKey: .handle)
        try c.encode(parent, forKey: .parent)
        try c.encode(info, forKey: .info)
    }
}
