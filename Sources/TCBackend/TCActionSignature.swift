import EswitchModel
import Netlink

/// One action by meaning (see ``TCFilterSignature``).
enum TCActionSignature: Hashable {
    case mirred(action: Int32, device: IfIndex, verdict: Int32)
    case gact(verdict: Int32)
    case tunnelKey(operation: Int32, keyID: UInt32?, source: IPAddress?, destination: IPAddress?, port: UInt16?, ttl: UInt8?)
    case vlan(operation: Int32, id: UInt16?)
    case pedit(keys: [PeditKey]?, verdict: Int32?)
    case csum(flags: UInt32, verdict: Int32)
    case police(rate: UInt64?, exceed: Int32?, conform: Int32)
    case ct(zone: UInt16, flags: UInt16?, natMinimum: IPAddress?, natMaximum: IPAddress?)
    case other(kind: String?, cookie: [UInt8]?)

    init(_ action: TCAction) {
        switch action.options {
        case .mirred(let o)?:
            if let p = o.parameters {
                self = .mirred(action: p.action.rawValue, device: p.ifindex, verdict: p.common.verdict.rawValue)
                return
            }
        case .gact(let o)?:
            if let v = o.verdict {
                self = .gact(verdict: v.rawValue)
                return
            }
        case .tunnelKey(let o)?:
            if let p = o.parameters {
                let ttl = o.attributes.lazy.compactMap { if case .ttl(let t) = $0 { t } else { nil } }.first
                self = .tunnelKey(operation: p.action.rawValue, keyID: o.keyID, source: o.source, destination: o.destination, port: o.destinationPort, ttl: ttl)
                return
            }
        case .vlan(let o)?:
            if let p = o.parameters {
                self = .vlan(operation: p.action.rawValue, id: p.action == .pop ? nil : o.vlanID)
                return
            }
        case .pedit(let o)?:
            self = .pedit(keys: o.keys, verdict: o.selector?.common.verdict.rawValue)
            return
        case .csum(let o)?:
            if let p = o.parameters {
                self = .csum(flags: p.updateFlags.rawValue, verdict: p.common.verdict.rawValue)
                return
            }
        case .police(let o)?:
            var conform: Int32 = 0
            for case .result(let v) in o.attributes { conform = v.rawValue }
            self = .police(rate: o.rate, exceed: o.parameters?.verdict.rawValue, conform: conform)
            return
        case .raw?:
            if action.kind == ConntrackAction.kind, let options = action.options, let f = try? ConntrackAction.fields(options) {
                self = .ct(zone: f.zone, flags: f.flags, natMinimum: f.natMinimum, natMaximum: f.natMaximum)
                return
            }
        case nil:
            break
        }
        self = .other(kind: action.kind?.name, cookie: action.cookie)
    }
}
