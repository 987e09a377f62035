extension IntentValidator {
    mutating func checkRouters() {
        for (r, router) in state.routers.enumerated() {
            checkIdentity(router.id, at: r, firstAt: routerIndex, section: "routers", noun: "router id")
            var attached: [(position: Int, cidr: CIDR)] = []
            for (k, interface) in router.interfaces.enumerated() {
                let path = "routers[\(r)].interfaces[\(k)].subnet"
                guard let s = subnetIndex[interface.subnet] else {
                    report(path, "unknown subnet '\(interface.subnet)'")
                    continue
                }
                let subnet = state.subnets[s]
                if let first = attachmentOfSubnet[subnet.id], first != (r, k) {
                    let owner = state.routers[first.router].id
                    report(path, "subnet '\(subnet.id)' already attached to router '\(owner)' (routers[\(first.router)].interfaces[\(first.interface)].subnet)")
                    continue
                }
                if subnet.gatewayIP == nil {
                    report(path, "subnet '\(subnet.id)' has no gateway_ip; a router interface answers on it")
                }
                attached.append((k, subnet.cidr))
            }
            if attached.count > 1 {
                reportOverlaps(
                    attached,
                    describe: { ("routers[\(r)].interfaces[\($0)].subnet", "subnet '\(router.interfaces[$0].subnet)'") },
                    scope: "on the same router")
            }
        }
    }

    mutating func checkFloatingIPs() {
        var firstExternal: [IPAddress: Int] = [:]
        var mapped: [ScopedFixedIP: Int] = [:]
        for (i, floating) in state.floatingIPs.enumerated() {
            let base = "floating_ips[\(i)]"
            if checkUnicastIP(floating.externalIP, at: "\(base).external_ip", role: "external IP") {
                if let first = firstExternal[floating.externalIP] {
                    report("\(base).external_ip", "duplicate floating IP \(floating.externalIP) (also floating_ips[\(first)].external_ip)")
                } else {
                    firstExternal[floating.externalIP] = i
                    if let s = snatOfExternalIP[floating.externalIP] {
                        report("\(base).external_ip", "external IP \(floating.externalIP) is also an SNAT address (snat[\(s)].external_ip)")
                    }
                }
            }
            guard let p = portIndex[floating.port] else {
                report("\(base).port", "unknown port '\(floating.port)'")
                continue
            }
            let port = state.ports[p]
            if !port.fixedIPs.contains(where: { $0.ip == floating.fixedIP }) {
                report("\(base).fixed_ip", "port '\(port.id)' has no fixed IP \(floating.fixedIP)")
            } else if floating.fixedIP.family != floating.externalIP.family {
                // Stateless 1:1 NAT rewrites addresses in place; it cannot translate between families.
                report("\(base).fixed_ip", "fixed IP \(floating.fixedIP) is \(floating.fixedIP.family.rawValue) but external IP \(floating.externalIP) is \(floating.externalIP.family.rawValue)")
            } else if let first = mapped[ScopedFixedIP(port: port.id, ip: floating.fixedIP)] {
                report("\(base).fixed_ip", "IP \(floating.fixedIP) of port '\(port.id)' already has a floating IP (floating_ips[\(first)])")
            } else {
                mapped[ScopedFixedIP(port: port.id, ip: floating.fixedIP)] = i
            }
        }
    }

    mutating func checkSNAT() {
        var coveredBy: [NetworkID: Int] = [:]
        for (i, rule) in state.snat.enumerated() {
            let base = "snat[\(i)]"
            var covered: [NetworkID] = []
            switch (rule.network, rule.router) {
            case (nil, nil):
                report(base, "neither network nor router given; give exactly one")
            case (.some, .some):
                report(base, "both network and router given; give exactly one")
            case (let network?, nil):
                if networkIndex[network] == nil {
                    report("\(base).network", "unknown network '\(network)'")
                } else if !(subnetsOfNetwork[network] ?? []).contains(where: { attachmentOfSubnet[state.subnets[$0].id] != nil }) {
                    report("\(base).network", "network '\(network)' has no subnet attached to a router; SNAT needs a router interface")
                } else {
                    covered = [network]
                }
            case (nil, let routerID?):
                if let r = routerIndex[routerID] {
                    covered = networksAttached(to: state.routers[r])
                    if covered.isEmpty { report("\(base).router", "router '\(routerID)' has no interfaces") }
                } else {
                    report("\(base).router", "unknown router '\(routerID)'")
                }
            }
            let coverPath = rule.network != nil ? "\(base).network" : "\(base).router"
            for network in covered {
                if let first = coveredBy[network] {
                    report(coverPath, "network '\(network)' already has SNAT (snat[\(first)])")
                } else {
                    coveredBy[network] = i
                }
            }

            if !isKnownNode(rule.gatewayNode) { report("\(base).gateway_node", unknownNodeMessage(rule.gatewayNode)) }

            let ipPath = "\(base).external_ip"
            guard checkUnicastIP(rule.externalIP, at: ipPath, role: "external IP") else { continue }
            if let first = snatOfExternalIP[rule.externalIP], first != i, state.snat[first].gatewayNode != rule.gatewayNode {
                report(ipPath, "external IP \(rule.externalIP) is translated on node '\(state.snat[first].gatewayNode)' (snat[\(first)]); one address cannot be on two gateway nodes")
            }
            let family = rule.externalIP.family
            for network in covered where !(subnetsOfNetwork[network] ?? []).contains(where: { state.subnets[$0].cidr.family == family }) {
                report(ipPath, "external IP \(rule.externalIP) is \(family.rawValue) but network '\(network)' has no \(family.rawValue) subnet")
            }
        }
    }

    /// The networks of the subnets a router has (known) interfaces on, without repeats, in order.
    func networksAttached(to router: Router) -> [NetworkID] {
        var seen: Set<NetworkID> = []
        var result: [NetworkID] = []
        for interface in router.interfaces {
            guard let s = subnetIndex[interface.subnet] else { continue }
            let network = state.subnets[s].network
            if networkIndex[network] != nil, seen.insert(network).inserted { result.append(network) }
        }
        return result
    }
}

/// One fixed IP of one port.
struct ScopedFixedIP: Hashable {
    var port: PortID
    var ip: IPAddress
}
