import EswitchCompiler
import EswitchConfig
import EswitchModel

/// Plans of the example intent and variants of it, for placement tests.
enum PlacementFixtures {
    /// ConnectX-6 Dx (it matches ICMP type/code): with it, the example fits in hardware except for
    /// traps, the software-bound port and what depends on them.
    static func capable() throws -> HardwareProfile {
        try CompilerFixtures.profile("connectx-6dx")
    }

    /// The example with changes applied before validation.
    static func example(_ change: (inout NetworkState) -> Void) throws -> ValidatedNetworkState {
        var state = try CompilerFixtures.example().state
        change(&state)
        return try state.validated()
    }

    /// The example with the SNAT gateway on this node (compute-a), so it gets the gateway rules.
    static func gatewayHere() throws -> ValidatedNetworkState {
        try example { $0.snat[0].gatewayNode = "compute-a" }
    }

    static func plan(_ profile: HardwareProfile, _ state: ValidatedNetworkState? = nil, capacity: Int? = nil) throws -> Plan {
        PlacementPlanner(profile: profile, options: PlacementOptions(ruleCapacity: capacity)).plan(try state ?? CompilerFixtures.example())
    }
}

extension Plan {
    /// The placed rule whose id reads `id`; fails the test when absent.
    func placed(_ id: String) -> PlacedRule? { rules.first { $0.rule.id.description == id } }

    /// The placement of the rule whose id reads `id`.
    func at(_ id: String) -> Placement? { placed(id)?.placement }

    /// The number of hardware and split rules a port owns.
    func cost(_ port: PortID?) -> Int { rules(ownedBy: port).count { $0.placement.location.usesHardware } }
}
