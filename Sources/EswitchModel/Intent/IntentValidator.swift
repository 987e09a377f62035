/// Checks a `NetworkState` and collects every problem with its path.
///
/// Works in two passes: `indexIdentities()` records where each id, VTEP and SNAT address is first
/// defined (silently), then one check per section runs in document order and reports problems,
/// including duplicates. Every lookup is a dictionary access, so the cost grows linearly with
/// ports and rules (10,000 ports and 100,000 rules must validate in well under a second).
struct IntentValidator {
    let state: NetworkState
    var problems: [ValidationProblem] = []

    // First definition of each id (index into its section).
    var networkIndex: [NetworkID: Int] = [:]
    var subnetIndex: [SubnetID: Int] = [:]
    var portIndex: [PortID: Int] = [:]
    var routerIndex: [RouterID: Int] = [:]
    var securityGroupIndex: [SecurityGroupID: Int] = [:]
    var qosIndex: [QoSPolicyID: Int] = [:]
    /// The VTEP of every known node, this one included (first definition wins).
    var vtepOfNode: [NodeName: IPAddress] = [:]
    /// Subnets of each network, in document order.
    var subnetsOfNetwork: [NetworkID: [Int]] = [:]
    /// The first router interface attached to each subnet: (router index, interface index).
    var attachmentOfSubnet: [SubnetID: (router: Int, interface: Int)] = [:]
    /// The first SNAT rule using each external address.
    var snatOfExternalIP: [IPAddress: Int] = [:]

    // Addresses claimed so far in each network, for duplicate detection.
    var macOwners: [ScopedMAC: AddressOwner] = [:]
    var ipOwners: [ScopedIP: AddressOwner] = [:]

    init(state: NetworkState) { self.state = state }

    /// Runs every check and returns the problems in document order.
    mutating func run() -> [ValidationProblem] {
        indexIdentities()
        checkNode()
        checkNodes()
        checkNetworks()
        checkSubnets()
        checkPorts()
        checkRemoteEndpoints()
        checkRouters()
        checkFloatingIPs()
        checkSNAT()
        checkSecurityGroups()
        checkQoSPolicies()
        return problems
    }

    mutating func report(_ path: String, _ message: String) {
        problems.append(ValidationProblem(path: path, message: message))
    }

    mutating func indexIdentities() {
        vtepOfNode[state.node.name] = state.node.vtep
        for node in state.nodes where vtepOfNode[node.name] == nil { vtepOfNode[node.name] = node.vtep }
        for (i, network) in state.networks.enumerated() where networkIndex[network.id] == nil { networkIndex[network.id] = i }
        for (i, subnet) in state.subnets.enumerated() {
            if subnetIndex[subnet.id] == nil { subnetIndex[subnet.id] = i }
            subnetsOfNetwork[subnet.network, default: []].append(i)
        }
        for (i, port) in state.ports.enumerated() where portIndex[port.id] == nil { portIndex[port.id] = i }
        for (r, router) in state.routers.enumerated() {
            if routerIndex[router.id] == nil { routerIndex[router.id] = r }
            for (k, interface) in router.interfaces.enumerated() where attachmentOfSubnet[interface.subnet] == nil {
                attachmentOfSubnet[interface.subnet] = (r, k)
            }
        }
        for (i, rule) in state.snat.enumerated() where snatOfExternalIP[rule.externalIP] == nil { snatOfExternalIP[rule.externalIP] = i }
        for (i, group) in state.securityGroups.enumerated() where securityGroupIndex[group.id] == nil { securityGroupIndex[group.id] = i }
        for (i, policy) in state.qosPolicies.enumerated() where qosIndex[policy.id] == nil { qosIndex[policy.id] = i }
    }
}

/// A MAC address within one network.
struct ScopedMAC: Hashable {
    var network: NetworkID
    var mac: MACAddress
}

/// An IP address within one network.
struct ScopedIP: Hashable {
    var network: NetworkID
    var ip: IPAddress
}

/// Where an address in a network was first claimed, to name it in duplicate messages.
enum AddressOwner {
    case portMAC(Int)
    case portIP(Int, Int)
    case endpointMAC(Int)
    case endpointIP(Int, Int)
    case gatewayMAC(Int)
    case gatewayIP(Int)

    var path: String {
        switch self {
        case .portMAC(let i): return "ports[\(i)].mac"
        case .portIP(let i, let k): return "ports[\(i)].fixed_ips[\(k)].ip"
        case .endpointMAC(let i): return "remote_endpoints[\(i)].mac"
        case .endpointIP(let i, let k): return "remote_endpoints[\(i)].ips[\(k)]"
        case .gatewayMAC(let s): return "subnets[\(s)].gateway_mac"
        case .gatewayIP(let s): return "subnets[\(s)].gateway_ip"
        }
    }

    var isGateway: Bool {
        switch self {
        case .gatewayMAC, .gatewayIP: return true
        default: return false
        }
    }
}
