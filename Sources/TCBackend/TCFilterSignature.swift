import EswitchModel
import Netlink

/// What a filter does, read so that a filter eswitch sent and the same filter dumped back by the
/// kernel compare equal: the kernel dumps keys with masks it was not sent (port masks), adds
/// attributes to actions (timestamps, indexes, reference counts, defaults) and orders them its own
/// way, so filters are compared by meaning, not bytes.
struct TCFilterSignature: Hashable {
    var match: FlowerMatch
    var ethType: EtherType?
    /// Raw keys (ct_state) by type.
    var rawKeys: [UInt16: [UInt8]]
    var skipFlags: FilterFlags
    var actions: [TCActionSignature]

    init(_ filter: FilterMessage) {
        let options = filter.flower ?? FlowerOptions([])
        match = options.match.normalized
        ethType = options.ethType.flatMap { $0 == .all ? nil : $0 }
        var raw: [UInt16: [UInt8]] = [:]
        for case .unknown(let a) in options.attributes where a.type == TCA_FLOWER.keyCTState || a.type == TCA_FLOWER.keyCTStateMask {
            raw[a.type] = a.payload
        }
        rawKeys = raw
        skipFlags = (options.flags ?? []).intersection([.skipHardware, .skipSoftware])
        actions = options.actions.sorted { $0.order < $1.order }.map(TCActionSignature.init)
    }
}

extension FlowerMatch {
    /// The match with the masks the kernel reports for keys sent without one (all ones).
    var normalized: FlowerMatch {
        var m = self
        func fill<V>(_ slot: inout Masked<V>?, _ ones: V) {
            if slot != nil, slot?.mask == nil { slot?.mask = ones }
        }
        fill(&m.srcPort, 0xFFFF)
        fill(&m.dstPort, 0xFFFF)
        fill(&m.encDstPort, 0xFFFF)
        fill(&m.encSrcPort, 0xFFFF)
        fill(&m.icmpType, 0xFF)
        fill(&m.icmpCode, 0xFF)
        fill(&m.dstMAC, .broadcast)
        fill(&m.srcMAC, .broadcast)
        for keyPath in [\FlowerMatch.srcIP, \.dstIP, \.encSrcIP, \.encDstIP] {
            if let v = m[keyPath: keyPath], v.mask == nil { m[keyPath: keyPath] = .exact(v.value) }
        }
        return m
    }
}
