import EswitchModel

/// Fits the hardware rules into the NIC's rule capacity, keeping the most valuable ones.
///
/// The unit is a whole pipeline: the rules one local port owns (its ingress chains and its rules
/// on the uplink), or the node-wide rules. A unit is kept or evicted as a whole: half a pipeline
/// in hardware would send the rest through the slow path anyway and only cost table space.
///
/// Value order (most valuable first):
/// 1. node-wide rules (SNAT on the gateway node): few rules that carry the outside traffic of
///    every port of the covered networks, on every node;
/// 2. ports bound `vf`, then `vdpa`: a passed-through VF has no fast software fallback (a miss goes
///    through the representor to the slow path and back), while a vDPA port's guest already runs
///    virtio and suffers less from it; others last (they have no hardware rules anyway);
/// 3. within a class, ports with fewer hardware rules first, so that more ports fit;
/// 4. ties by port id, so the same intent always keeps the same ports.
/// Units are taken greedily in that order; a unit that does not fit is skipped and smaller ones
/// after it may still fit (capacity left unused helps no one). Evicted rules get the reason
/// `budget: <profile> capacity N rules exhausted`.
enum PlacementBudget {
    struct Unit {
        /// nil for the node-wide rules.
        let owner: PortID?
        let rank: Int
        let rules: [Int]
        let cost: Int
    }

    /// The units of `pipeline` in value order.
    static func units(of pipeline: PlacementPipeline, state: ValidatedNetworkState) -> [Unit] {
        var byOwner: [PortID?: [Int]] = [:]
        for (i, rule) in pipeline.rules.enumerated() { byOwner[rule.owner, default: []].append(i) }
        let units = byOwner.map { owner, rules -> Unit in
            let rank: Int
            switch owner.flatMap({ state.port($0)?.binding }) {
            case nil where owner == nil: rank = 0
            case .vf: rank = 1
            case .vdpa: rank = 2
            default: rank = 3
            }
            return Unit(owner: owner, rank: rank, rules: rules, cost: rules.count(where: { pipeline.status[$0].inHardware }))
        }
        return units.sorted { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.cost != b.cost { return a.cost < b.cost }
            return (a.owner?.rawValue ?? "") < (b.owner?.rawValue ?? "")
        }
    }

    /// Evicts the units that do not fit into `capacity` hardware rules; returns the owners
    /// evicted (nil standing for the node-wide rules).
    @discardableResult
    static func apply(to pipeline: inout PlacementPipeline, state: ValidatedNetworkState, capacity: Int) -> [PortID?] {
        var left = capacity
        var evicted: [PortID?] = []
        if pipeline.status.count(where: \.inHardware) <= capacity { return evicted }
        let why = "budget: \(pipeline.profileName) capacity \(capacity) rules exhausted"
        for unit in units(of: pipeline, state: state) where unit.cost > 0 {
            if unit.cost <= left {
                left -= unit.cost
            } else {
                pipeline.evict(unit.rules, why)
                evicted.append(unit.owner)
            }
        }
        return evicted
    }
}
