import EswitchModel

extension FilterMessage {
    /// A flower filter message as `tc filter add/replace/del/get dev D PARENT protocol P [chain C]
    /// prio N [handle H] flower KEYS [skip_sw|skip_hw] action ...` builds it: TCA_CHAIN (when
    /// given), TCA_KIND "flower", then TCA_OPTIONS with the keys in canonical order, the action list,
    /// the flags and the protocol as TCA_FLOWER_KEY_ETH_TYPE (left out for protocol `all`).
    ///
    /// - Parameters:
    ///   - parent: ffff:fff2 (``TCHandle/ingressHook``) for ingress, ffff:fff3 for clsact egress.
    ///   - handle: 0 lets the kernel choose on add; del and get name the filter with it.
    /// - Throws: ``FlowerMatchError`` when `match` cannot be expressed (see ``FlowerMatch/attributes()``).
    public static func flower(
        ifindex: IfIndex, parent: TCHandle = .ingressHook, priority: UInt16, protocol: EtherType,
        chain: UInt32? = nil, handle: UInt32 = 0, match: FlowerMatch = FlowerMatch(),
        actions: [TCAction] = [], flags: FilterFlags = []
    ) throws(FlowerMatchError) -> FilterMessage {
        let options = try FlowerOptions(match: match, actions: actions, flags: flags, ethType: `protocol` == .all ? nil : `protocol`)
        var attributes: [FilterAttribute] = []
        attributes.reserveCapacity(3)
        if let chain { attributes.append(.chain(chain)) }
        attributes.append(.kind("flower"))
        attributes.append(.flower(options))
        return FilterMessage(
            header: TCMessageHeader(ifindex: ifindex, handle: handle, parent: parent, priority: priority, protocol: `protocol`),
            attributes: attributes)
    }

    /// A dump request for the filters under `parent` on a device (`tc filter show dev D ingress`);
    /// with `chain`, only that chain's.
    public static func dump(ifindex: IfIndex, parent: TCHandle = .ingressHook, chain: UInt32? = nil) -> FilterMessage {
        FilterMessage(header: TCMessageHeader(ifindex: ifindex, parent: parent), attributes: chain.map { [.chain($0)] } ?? [])
    }
}
