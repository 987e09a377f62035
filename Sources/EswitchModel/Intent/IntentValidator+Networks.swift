extension IntentValidator {
    mutating func checkNetworks() {
        var firstVNI: [VNI: Int] = [:]
        for (i, network) in state.networks.enumerated() {
            checkIdentity(network.id, at: i, firstAt: networkIndex, section: "networks", noun: "network id")
            let vniPath = "networks[\(i)].vni"
            if !network.vni.isValid {
                report(vniPath, "VNI \(network.vni) out of range \(VNI.validRange.lowerBound)...\(VNI.validRange.upperBound)")
            } else if let first = firstVNI[network.vni] {
                report(vniPath, "duplicate VNI \(network.vni) (also networks[\(first)].vni)")
            } else {
                firstVNI[network.vni] = i
            }
            if let mtu = network.mtu { checkMTU(mtu, of: network, at: "networks[\(i)].mtu") }
        }
    }

    mutating func checkMTU(_ mtu: UInt32, of network: Network, at path: String) {
        guard (Network.minimumIPv4MTU...Network.maximumMTU).contains(mtu) else {
            report(path, "MTU \(mtu) out of range \(Network.minimumIPv4MTU)...\(Network.maximumMTU)")
            return
        }
        if mtu < Network.minimumIPv6MTU,
           let v6 = subnetsOfNetwork[network.id]?.first(where: { state.subnets[$0].cidr.family == .ipv6 }) {
            report(path, "MTU \(mtu) below \(Network.minimumIPv6MTU), the IPv6 minimum (subnet '\(state.subnets[v6].id)' is IPv6)")
        }
    }

    mutating func checkSubnets() {
        for (i, subnet) in state.subnets.enumerated() {
            checkIdentity(subnet.id, at: i, firstAt: subnetIndex, section: "subnets", noun: "subnet id")
            let networkKnown = networkIndex[subnet.network] != nil
            if !networkKnown { report("subnets[\(i)].network", "unknown network '\(subnet.network)'") }
            checkHostBits(subnet.cidr, at: "subnets[\(i)].cidr")

            let gatewayIPPath = "subnets[\(i)].gateway_ip", gatewayMACPath = "subnets[\(i)].gateway_mac"
            if let gatewayIP = subnet.gatewayIP {
                if !subnet.cidr.contains(gatewayIP) {
                    report(gatewayIPPath, "gateway IP \(gatewayIP) outside \(subnet.cidr.network)")
                } else if let kind = reservedAddressKind(gatewayIP, in: subnet.cidr) {
                    report(gatewayIPPath, "gateway IP \(gatewayIP) is \(kind) of \(subnet.cidr.network)")
                } else if networkKnown {
                    claimIP(gatewayIP, in: subnet.network, by: .gatewayIP(i), at: gatewayIPPath)
                }
                if subnet.gatewayMAC == nil { report(gatewayMACPath, "missing gateway_mac (required with gateway_ip)") }
            }
            if let gatewayMAC = subnet.gatewayMAC {
                if subnet.gatewayIP == nil {
                    report(gatewayMACPath, "gateway_mac given without gateway_ip")
                } else if checkUnicastMAC(gatewayMAC, at: gatewayMACPath), networkKnown {
                    claimMAC(gatewayMAC, in: subnet.network, by: .gatewayMAC(i), at: gatewayMACPath)
                }
            }
        }
        for (network, members) in subnetsOfNetwork.sorted(by: { $0.key < $1.key }) where members.count > 1 {
            let subnets = state.subnets
            reportOverlaps(
                members.map { ($0, subnets[$0].cidr) },
                describe: { ("subnets[\($0)].cidr", "subnet '\(subnets[$0].id)'") },
                scope: "in network '\(network)'")
        }
    }
}
