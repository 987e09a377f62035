import EswitchModel

/// The VLAN item (`struct rte_flow_item_vlan`): the 802.1Q tag's VLAN id and the EtherType after
/// the tag.
public struct RteFlowItemVLAN: Hashable, Sendable {
    /// The 12-bit VLAN id (the low bits of the TCI); its mask covers at most ``vidMask``.
    public var vid: MaskedField<UInt16>?
    /// The EtherType of the encapsulated frame (`inner_type`).
    public var innerType: MaskedField<UInt16>?

    public init(vid: MaskedField<UInt16>? = nil, innerType: MaskedField<UInt16>? = nil) {
        self.vid = vid
        self.innerType = innerType
    }

    /// The VLAN id bits of the TCI (IEEE 802.1Q: PCP 3 bits, DEI 1 bit, VID 12 bits).
    public static let vidMask: UInt16 = 0x0FFF

    /// An exact VLAN id match: the value and all twelve VID bits.
    public static func exactVID(_ vid: UInt16) -> MaskedField<UInt16> { MaskedField(vid & vidMask, mask: vidMask) }
}
