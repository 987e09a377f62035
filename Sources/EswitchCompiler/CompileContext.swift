import EswitchModel

/// Look-ups shared by every pipeline of one compilation, computed once.
final class CompileContext {
    let state: ValidatedNetworkState
    let localPorts: [Port]
    private var destinationCache: [NetworkID: [Destination]] = [:]
    private var routedCache: [SubnetID: [Subnet]] = [:]

    init(_ state: ValidatedNetworkState) {
        self.state = state
        localPorts = state.localPorts
    }

    var localVTEP: IPAddress { state.node.vtep }

    func destinations(on network: NetworkID) -> [Destination] {
        if let cached = destinationCache[network] { return cached }
        let list = state.destinations(on: network)
        destinationCache[network] = list
        return list
    }

    /// The subnets a router connects `subnet` to (other subnets of the same family with a gateway),
    /// sorted by id; empty when the subnet has no router or no gateway MAC.
    func routedSubnets(from subnet: Subnet) -> [Subnet] {
        if let cached = routedCache[subnet.id] { return cached }
        var out: [Subnet] = []
        if subnet.gatewayMAC != nil, let router = state.router(attachedTo: subnet.id) {
            for interface in router.interfaces where interface.subnet != subnet.id {
                if let other = state.subnet(interface.subnet), other.cidr.family == subnet.cidr.family, other.gatewayMAC != nil {
                    out.append(other)
                }
            }
        }
        out.sort { $0.id < $1.id }
        routedCache[subnet.id] = out
        return out
    }

    func vni(of network: NetworkID) -> VNI? { state.network(network)?.vni }

    /// The conntrack zone of a network (TC and rte_flow zones are 16-bit): the VNI's low 16 bits,
    /// so that it never changes when other networks come and go. Known limit: two networks whose
    /// VNIs share the low 16 bits share a zone, and connections with identical 5-tuples in them
    /// would mix.
    func zone(of network: NetworkID) -> UInt16 { UInt16(truncatingIfNeeded: vni(of: network)?.rawValue ?? 0) }
}
