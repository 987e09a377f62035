import EswitchModel

/// A filter request/answer (RTM_NEWTFILTER / RTM_DELTFILTER / RTM_GETTFILTER): `struct tcmsg`
/// followed by TCA_* attributes in wire order.
///
/// The header carries the device, the parent (ffff:fff2 for ingress), the filter handle and, in
/// `tcm_info`, the priority and protocol (``priority``, ``protocol``). A flower filter's keys, flags
/// and actions are in ``flower``. Build requests with ``flower(ifindex:parent:priority:protocol:chain:handle:match:actions:flags:)``.
public struct FilterMessage: NetlinkBody {
    /// The `tcmsg` header.
    public var header: TCMessageHeader
    /// Attributes in wire order; unknown ones are kept as bytes.
    public var attributes: [FilterAttribute]

    /// Creates a message from its header and attributes (in wire order).
    public init(header: TCMessageHeader, attributes: [FilterAttribute] = []) {
        self.header = header
        self.attributes = attributes
    }

    /// Decodes `tcmsg` and the attributes; TCA_OPTIONS after a `flower` TCA_KIND becomes ``FilterAttribute/flower(_:)``.
    public init(decoding body: ArraySlice<UInt8>) throws(NetlinkDecodingError) {
        try self.init(decoding: body, memo: nil)
    }

    init(decoding body: ArraySlice<UInt8>, memo: UnsafeMutablePointer<TCActionListMemo>?) throws(NetlinkDecodingError) {
        // One borrowed view for the whole message: the nested decoders then walk it without
        // reference counting (see BorrowedBytes).
        self = try body.withBorrowedBytes { (b) throws(NetlinkDecodingError) in try FilterMessage(decoding: b, memo: memo) }
    }

    init(decoding body: BorrowedBytes, memo: UnsafeMutablePointer<TCActionListMemo>? = nil) throws(NetlinkDecodingError) {
        header = try TCMessageHeader(decoding: body)
        var kindIsFlower = false
        attributes = try body[(body.startIndex + TCMessageHeader.length)..<body.endIndex].decodeAttributes { (a) throws(NetlinkDecodingError) in
            let attribute = try FilterAttribute(decoding: a, kindIsFlower: kindIsFlower, memo: memo)
            if case .kind(let k) = attribute { kindIsFlower = k == "flower" }
            return attribute
        }
    }

    /// Appends `tcmsg` and the attributes in order.
    public func encode(into writer: inout NetlinkWriter) {
        header.encode(into: &writer)
        for attribute in attributes { attribute.encode(into: &writer) }
    }
}

extension FilterMessage {
    /// The filter priority (`tcm_info` upper half; tc's `prio`/`pref`).
    public var priority: UInt16 {
        get { header.priority }
        set { header.priority = newValue }
    }

    /// The protocol the filter applies to (`tcm_info` lower half).
    public var `protocol`: EtherType {
        get { header.protocol }
        set { header.protocol = newValue }
    }

    /// The filter handle (`tcm_handle`), chosen by the kernel when 0 on add.
    public var handle: UInt32 {
        get { header.handle.rawValue }
        set { header.handle = TCHandle(rawValue: newValue) }
    }

    /// TCA_KIND, if present.
    public var kind: String? {
        for case .kind(let k) in attributes { return k }
        return nil
    }

    /// TCA_CHAIN, if present (absent means chain 0).
    public var chain: UInt32? {
        for case .chain(let c) in attributes { return c }
        return nil
    }

    /// The flower options, if this is a flower filter with options.
    public var flower: FlowerOptions? {
        for case .flower(let o) in attributes { return o }
        return nil
    }

    /// TCA_FLOWER_FLAGS (skip_sw, skip_hw; in_hw, not_in_hw in answers).
    public var flags: FilterFlags? { flower?.flags }

    /// TCA_FLOWER_IN_HW_COUNT (answers).
    public var inHardwareCount: UInt32? { flower?.inHardwareCount }

    /// The flower action list, empty when absent.
    public var actions: [TCAction] { flower?.actions ?? [] }
}
