import EswitchModel

/// What the slow path looks up in the intent, per network: the owner MAC of every address (for
/// ARP and neighbour-discovery answers), the gateway addresses (answered as a router), the local
/// ports and remote VTEPs a flood reaches, and each local port's network and VLAN.
///
/// Only addresses in the asking port's own network are answered, so the same addresses in two
/// networks never see each other.
struct NetworkDirectory {
    struct Network {
        var vni: VNI?
        var ipv4: [UInt32: MACAddress] = [:]
        var ipv6: [IPv6Address: MACAddress] = [:]
        var gatewayIPv6: Set<IPv6Address> = []
        var localPorts: [PortHandle] = []
        var remoteVTEPs: [IPv4Address] = []
    }

    private(set) var networks: [Network] = []
    private var networkOfVNI: [UInt32: Int] = [:]
    /// Per port handle: its network's index (-1: none) and its VLAN (nil: untagged).
    private(set) var portNetwork: [Int] = []
    private(set) var portVLAN: [UInt16?] = []
    /// This node's VTEP (IPv4 underlay only).
    private(set) var localVTEP: IPv4Address?

    init() {}

    /// The directory of `state`; `handle` gives (and creates) the handle of a local port.
    init(_ state: ValidatedNetworkState, handle: (PortID) -> PortHandle) {
        if case .v4(let vtep) = state.node.vtep { localVTEP = vtep }
        var index: [NetworkID: Int] = [:]
        for network in state.state.networks {
            index[network.id] = networks.count
            networkOfVNI[network.vni.rawValue] = networks.count
            networks.append(Network(vni: network.vni))
        }
        for subnet in state.state.subnets {
            guard let n = index[subnet.network], let ip = subnet.gatewayIP, let mac = subnet.gatewayMAC else { continue }
            switch ip {
            case .v4(let a): networks[n].ipv4[a.rawValue] = mac
            case .v6(let a):
                networks[n].ipv6[a] = mac
                networks[n].gatewayIPv6.insert(a)
            }
        }
        var vteps: [[IPv4Address]] = Array(repeating: [], count: networks.count)
        func learn(_ n: Int, _ ips: [IPAddress], _ mac: MACAddress) {
            for ip in ips {
                switch ip {
                case .v4(let a): networks[n].ipv4[a.rawValue] = networks[n].ipv4[a.rawValue] ?? mac
                case .v6(let a): networks[n].ipv6[a] = networks[n].ipv6[a] ?? mac
                }
            }
        }
        for port in state.state.ports {
            guard let n = index[port.network] else { continue }
            learn(n, port.fixedIPs.map(\.ip), port.mac)
            if port.node == state.node.name {
                let h = handle(port.id)
                if h.index >= portNetwork.count {
                    portNetwork.append(contentsOf: repeatElement(-1, count: h.index + 1 - portNetwork.count))
                    portVLAN.append(contentsOf: repeatElement(nil, count: h.index + 1 - portVLAN.count))
                }
                portNetwork[h.index] = n
                portVLAN[h.index] = port.vlan?.rawValue
                networks[n].localPorts.append(h)
            } else if case .v4(let vtep)? = state.vtep(of: port.node) {
                vteps[n].append(vtep)
            }
        }
        for endpoint in state.state.remoteEndpoints {
            guard let n = index[endpoint.network] else { continue }
            learn(n, endpoint.ips, endpoint.mac)
            if case .v4(let vtep) = endpoint.vtep { vteps[n].append(vtep) }
        }
        for n in networks.indices {
            networks[n].remoteVTEPs = Array(Set(vteps[n])).sorted().filter { $0 != localVTEP }
            networks[n].localPorts.sort()
        }
    }

    /// The network index of a local port.
    func network(ofPort handle: PortHandle) -> Int? {
        handle.index < portNetwork.count && portNetwork[handle.index] >= 0 ? portNetwork[handle.index] : nil
    }

    /// The network index carrying a VNI.
    func network(vni: UInt32) -> Int? { networkOfVNI[vni] }

    /// The VLAN a local port's frames carry on its side.
    func vlan(ofPort handle: PortHandle) -> UInt16? { handle.index < portVLAN.count ? portVLAN[handle.index] : nil }
}
