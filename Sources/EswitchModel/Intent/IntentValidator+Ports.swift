extension IntentValidator {
    mutating func checkPorts() {
        for (i, port) in state.ports.enumerated() {
            // Paths are only built when a problem is reported.
            var base: String { "ports[\(i)]" }
            checkIdentity(port.id, at: i, firstAt: portIndex, section: "ports", noun: "port id")
            if let problem = port.vm.problem { report("\(base).vm", problem) }
            let networkKnown = networkIndex[port.network] != nil
            if !networkKnown { report("\(base).network", "unknown network '\(port.network)'") }
            if !isKnownNode(port.node) { report("\(base).node", unknownNodeMessage(port.node)) }

            if checkUnicastMAC(port.mac, at: "\(base).mac"), networkKnown {
                claimMAC(port.mac, in: port.network, by: .portMAC(i), at: "\(base).mac")
            }
            // The binding says how to attach the NIC, which only the hosting node does; a control
            // plane may leave it out for ports of other nodes.
            if port.node == state.node.name && port.binding == nil {
                report("\(base).binding", "missing binding for a port on this node (expected one of: \(PortBinding.acceptedWords))")
            }
            if let vlan = port.vlan, !vlan.isValid {
                report("\(base).vlan", "VLAN \(vlan) out of range \(VLANID.validRange.lowerBound)...\(VLANID.validRange.upperBound)")
            }
            for (k, fixed) in port.fixedIPs.enumerated() {
                checkFixedIP(fixed, of: port, at: i, index: k, networkKnown: networkKnown)
            }
            var listedGroups: [SecurityGroupID: Int] = [:]
            for (k, group) in port.securityGroups.enumerated() {
                let path = "\(base).security_groups[\(k)]"
                if securityGroupIndex[group] == nil { report(path, "unknown security group '\(group)'") }
                if let first = listedGroups[group] {
                    report(path, "security group '\(group)' listed twice (also \(base).security_groups[\(first)])")
                } else {
                    listedGroups[group] = k
                }
            }
            if let policy = port.qosPolicy, qosIndex[policy] == nil {
                report("\(base).qos_policy", "unknown QoS policy '\(policy)'")
            }
        }
    }

    mutating func checkFixedIP(_ fixed: FixedIP, of port: Port, at i: Int, index k: Int, networkKnown: Bool) {
        var base: String { "ports[\(i)].fixed_ips[\(k)]" }
        guard let s = subnetIndex[fixed.subnet] else {
            report("\(base).subnet", "unknown subnet '\(fixed.subnet)'")
            return
        }
        let subnet = state.subnets[s]
        if subnet.network != port.network {
            report("\(base).subnet", "subnet '\(subnet.id)' is on network '\(subnet.network)', not on the port's network '\(port.network)'")
            return
        }
        if !subnet.cidr.contains(fixed.ip) {
            report("\(base).ip", "IP \(fixed.ip) outside subnet '\(subnet.id)' (\(subnet.cidr.network))")
        } else if let kind = reservedAddressKind(fixed.ip, in: subnet.cidr) {
            report("\(base).ip", "IP \(fixed.ip) is \(kind) of subnet '\(subnet.id)' (\(subnet.cidr.network))")
        } else if networkKnown {
            claimIP(fixed.ip, in: port.network, by: .portIP(i, k), at: "\(base).ip")
        }
    }

    mutating func checkRemoteEndpoints() {
        for (i, endpoint) in state.remoteEndpoints.enumerated() {
            let base = "remote_endpoints[\(i)]"
            let networkKnown = networkIndex[endpoint.network] != nil
            if !networkKnown { report("\(base).network", "unknown network '\(endpoint.network)'") }

            if checkUnicastIP(endpoint.vtep, at: "\(base).vtep", role: "VTEP") {
                if endpoint.vtep == state.node.vtep {
                    // A control plane echoing this node's own routes back would make it tunnel to itself.
                    report("\(base).vtep", "VTEP \(endpoint.vtep) is this node's own VTEP (node.vtep); remote endpoints live on other nodes")
                } else {
                    checkUnderlayFamily(endpoint.vtep, at: "\(base).vtep")
                }
            }

            var knownIPs: Set<IPAddress> = []
            if checkUnicastMAC(endpoint.mac, at: "\(base).mac"), networkKnown {
                knownIPs = checkEndpointMAC(endpoint, at: i)
            }
            for (k, ip) in endpoint.ips.enumerated() where !knownIPs.contains(ip) {
                let path = "\(base).ips[\(k)]"
                guard networkKnown else { continue }
                let subnets = subnetsOfNetwork[endpoint.network] ?? []
                if !subnets.contains(where: { state.subnets[$0].cidr.contains(ip) }) {
                    report(path, "IP \(ip) outside every subnet of network '\(endpoint.network)'")
                } else {
                    claimIP(ip, in: endpoint.network, by: .endpointIP(i, k), at: path)
                }
            }
        }
    }

    /// Claims the endpoint's MAC; returns the IPs already accounted for by a port with that MAC.
    ///
    /// A control plane may announce a port that the intent already lists (EVPN advertises every
    /// MAC of every node). That is consistent, not a duplicate, when the port is on another node
    /// whose VTEP is the endpoint's; anything else is a conflict, reported once at the MAC (the
    /// port's own IPs are then not reported again as duplicates).
    mutating func checkEndpointMAC(_ endpoint: RemoteEndpoint, at i: Int) -> Set<IPAddress> {
        let path = "remote_endpoints[\(i)].mac"
        let key = ScopedMAC(network: endpoint.network, mac: endpoint.mac)
        guard case .portMAC(let p)? = macOwners[key] else {
            claimMAC(endpoint.mac, in: endpoint.network, by: .endpointMAC(i), at: path)
            return []
        }
        let port = state.ports[p]
        if port.node == state.node.name {
            report(path, "MAC \(endpoint.mac) belongs to port '\(port.id)' on this node (ports[\(p)].mac)")
        } else if let portVTEP = vtepOfNode[port.node], portVTEP != endpoint.vtep {
            report(path, "MAC \(endpoint.mac) is port '\(port.id)' on node '\(port.node)' (ports[\(p)].mac) with VTEP \(portVTEP), not \(endpoint.vtep)")
        }
        return Set(port.fixedIPs.map(\.ip))
    }
}
