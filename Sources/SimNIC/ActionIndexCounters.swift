import Netlink

/// The next free index of each action kind's table (indexes start at 1, as idr_alloc_u32 hands
/// them out). The kinds eswitch uses have a field each: every inserted action takes one, and a
/// dictionary keyed by the kind would hash it twice per action.
struct ActionIndexCounters: Hashable, Sendable {
    private var mirred: UInt32 = 1, tunnelKey: UInt32 = 1, vlan: UInt32 = 1, pedit: UInt32 = 1
    private var csum: UInt32 = 1, gact: UInt32 = 1, police: UInt32 = 1
    private var others: [String: UInt32] = [:]

    /// Hands out the next index of `kind`'s table.
    mutating func take(for kind: TCActionKind) -> UInt32 {
        func next(_ counter: inout UInt32) -> UInt32 {
            defer { counter &+= 1 }
            return counter
        }
        switch kind {
        case .mirred: return next(&mirred)
        case .tunnelKey: return next(&tunnelKey)
        case .vlan: return next(&vlan)
        case .pedit: return next(&pedit)
        case .csum: return next(&csum)
        case .gact: return next(&gact)
        case .police: return next(&police)
        case .other(let name): return next(&others[name, default: 1])
        }
    }
}
