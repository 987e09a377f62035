extension IntentValidator {
    mutating func checkSecurityGroups() {
        for (g, group) in state.securityGroups.enumerated() {
            checkIdentity(group.id, at: g, firstAt: securityGroupIndex, section: "security_groups", noun: "security group id")
            var firstRule: [SecurityGroupRule: Int] = [:]
            firstRule.reserveCapacity(group.rules.count)
            for (j, rule) in group.rules.enumerated() {
                // Paths are built only when reporting: there may be 100,000 rules.
                checkRule(rule, at: "security_groups[\(g)].rules[\(j)]")
                if let first = firstRule[rule] {
                    report("security_groups[\(g)].rules[\(j)]", "duplicate rule (same as security_groups[\(g)].rules[\(first)])")
                } else {
                    firstRule[rule] = j
                }
            }
        }
    }

    mutating func checkRule(_ rule: SecurityGroupRule, at path: @autoclosure () -> String) {
        let proto = rule.protocol
        var base: String { path() }
        if proto == .icmp && rule.ethertype == .ipv6 {
            report("\(base).protocol", "protocol icmp is for IPv4; use icmpv6 with ethertype IPv6")
        } else if proto == .icmpv6 && rule.ethertype == .ipv4 {
            report("\(base).protocol", "protocol icmpv6 is for IPv6; use icmp with ethertype IPv4")
        }

        switch (rule.portRangeMin, rule.portRangeMax) {
        case (nil, nil):
            break
        case (let low, _) where !proto.hasPorts:
            let key = low != nil ? "port_range_min" : "port_range_max"
            report("\(base).\(key)", "port range needs protocol tcp, udp, sctp, dccp or udplite, not \(proto)")
        case (_?, nil):
            report("\(base).port_range_max", "missing port_range_max (required with port_range_min; use the same value for one port)")
        case (nil, _?):
            report("\(base).port_range_min", "missing port_range_min (required with port_range_max; use the same value for one port)")
        case (let low?, let high?):
            if low == 0 {
                report("\(base).port_range_min", "port 0 not allowed (ports are 1...65535)")
            } else if low > high {
                report("\(base).port_range_min", "port_range_min \(low) greater than port_range_max \(high)")
            }
        }

        if !proto.isICMP {
            if rule.icmpType != nil { report("\(base).icmp_type", "icmp_type needs protocol icmp or icmpv6, not \(proto)") }
            if rule.icmpCode != nil { report("\(base).icmp_code", "icmp_code needs protocol icmp or icmpv6, not \(proto)") }
        } else if rule.icmpCode != nil && rule.icmpType == nil {
            report("\(base).icmp_code", "icmp_code needs icmp_type")
        }

        if let cidr = rule.remoteCIDR {
            if cidr.family != rule.ethertype {
                report("\(base).remote_cidr", "remote CIDR \(cidr) is \(cidr.family.rawValue) but ethertype is \(rule.ethertype.rawValue)")
            } else {
                checkHostBits(cidr, at: "\(base).remote_cidr")
            }
        }
    }

    mutating func checkQoSPolicies() {
        for (i, policy) in state.qosPolicies.enumerated() {
            checkIdentity(policy.id, at: i, firstAt: qosIndex, section: "qos_policies", noun: "QoS policy id")
            if policy.rateBps == 0 { report("qos_policies[\(i)].rate_bps", "rate must be greater than 0") }
            if policy.burstBytes < QoSPolicy.minimumBurstBytes {
                report("qos_policies[\(i)].burst_bytes", "burst \(policy.burstBytes) bytes is smaller than one minimum Ethernet frame (\(QoSPolicy.minimumBurstBytes) bytes)")
            }
        }
    }
}
