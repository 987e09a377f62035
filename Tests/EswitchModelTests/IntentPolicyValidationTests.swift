import EswitchModel
import Testing

@Suite struct IntentSecurityGroupValidationTests {
    /// The problems after replacing the web group's only rule.
    func problems(_ rule: SecurityGroupRule) -> [String] {
        Baseline.problems { $0.securityGroups[0].rules = [rule] }
    }

    @Test func securityGroupIDIsUnique() {
        #expect(Baseline.problems { $0.securityGroups.append(SecurityGroup(id: "db")) } == [
            "security_groups[2].id: duplicate security group id 'db' (also security_groups[1].id)",
        ])
    }

    @Test func portRangeOrder() {
        #expect(problems(SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMin: 443, portRangeMax: 80)) == [
            "security_groups[0].rules[0].port_range_min: port_range_min 443 greater than port_range_max 80",
        ])
        #expect(problems(SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .udp, portRangeMin: 1, portRangeMax: 65535)) == [])
    }

    @Test func portZeroIsNotAPort() {
        #expect(problems(SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMin: 0, portRangeMax: 10)) == [
            "security_groups[0].rules[0].port_range_min: port 0 not allowed (ports are 1...65535)",
        ])
    }

    @Test func portRangeNeedsBothBounds() {
        #expect(problems(SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMin: 22)) == [
            "security_groups[0].rules[0].port_range_max: missing port_range_max (required with port_range_min; use the same value for one port)",
        ])
        #expect(problems(SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMax: 22)) == [
            "security_groups[0].rules[0].port_range_min: missing port_range_min (required with port_range_max; use the same value for one port)",
        ])
    }

    @Test func portsNeedAProtocolWithPorts() {
        #expect(problems(SecurityGroupRule(direction: .ingress, ethertype: .ipv4, portRangeMin: 22, portRangeMax: 22)) == [
            "security_groups[0].rules[0].port_range_min: port range needs protocol tcp, udp, sctp, dccp or udplite, not any",
        ])
        #expect(problems(SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .icmp, portRangeMax: 22)) == [
            "security_groups[0].rules[0].port_range_max: port range needs protocol tcp, udp, sctp, dccp or udplite, not icmp",
        ])
        #expect(problems(SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .sctp, portRangeMin: 3868, portRangeMax: 3868)) == [])
    }

    @Test func icmpProtocolMatchesEthertype() {
        #expect(problems(SecurityGroupRule(direction: .ingress, ethertype: .ipv6, protocol: .icmp)) == [
            "security_groups[0].rules[0].protocol: protocol icmp is for IPv4; use icmpv6 with ethertype IPv6",
        ])
        #expect(problems(SecurityGroupRule(direction: .egress, ethertype: .ipv4, protocol: .icmpv6)) == [
            "security_groups[0].rules[0].protocol: protocol icmpv6 is for IPv6; use icmp with ethertype IPv4",
        ])
    }

    @Test func icmpTypeAndCode() {
        #expect(problems(SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, icmpType: 8)) == [
            "security_groups[0].rules[0].icmp_type: icmp_type needs protocol icmp or icmpv6, not tcp",
        ])
        #expect(problems(SecurityGroupRule(direction: .ingress, ethertype: .ipv6, protocol: .icmpv6, icmpCode: 0)) == [
            "security_groups[0].rules[0].icmp_code: icmp_code needs icmp_type",
        ])
        #expect(problems(SecurityGroupRule(direction: .ingress, ethertype: .ipv6, protocol: .icmpv6, icmpType: 128, icmpCode: 0)) == [])
    }

    @Test func remoteCIDRFamilyAndHostBits() {
        #expect(problems(SecurityGroupRule(direction: .ingress, ethertype: .ipv4, remoteCIDR: cidr("2001:db8::/32"))) == [
            "security_groups[0].rules[0].remote_cidr: remote CIDR 2001:db8::/32 is IPv6 but ethertype is IPv4",
        ])
        #expect(problems(SecurityGroupRule(direction: .ingress, ethertype: .ipv4, remoteCIDR: cidr("10.1.2.3/8"))) == [
            "security_groups[0].rules[0].remote_cidr: host bits set in 10.1.2.3/8 (the prefix is 10.0.0.0/8)",
        ])
    }

    @Test func duplicateRule() {
        #expect(Baseline.problems { $0.securityGroups[1].rules.append($0.securityGroups[1].rules[0]) } == [
            "security_groups[1].rules[1]: duplicate rule (same as security_groups[1].rules[0])",
        ])
        // Same rule in another group is fine: groups are applied independently.
        #expect(Baseline.problems { $0.securityGroups[0].rules.append($0.securityGroups[1].rules[0]) } == [])
    }
}

@Suite struct IntentQoSValidationTests {
    @Test func qosPolicyIDIsUnique() {
        #expect(Baseline.problems { $0.qosPolicies.append(QoSPolicy(id: "gold", rateBps: 1, burstBytes: 64)) } == [
            "qos_policies[1].id: duplicate QoS policy id 'gold' (also qos_policies[0].id)",
        ])
    }

    @Test func rateMustBePositive() {
        #expect(Baseline.problems { $0.qosPolicies[0].rateBps = 0 } == ["qos_policies[0].rate_bps: rate must be greater than 0"])
    }

    @Test func burstMustHoldAFrame() {
        #expect(Baseline.problems { $0.qosPolicies[0].burstBytes = 63 } == [
            "qos_policies[0].burst_bytes: burst 63 bytes is smaller than one minimum Ethernet frame (64 bytes)",
        ])
        #expect(Baseline.problems { $0.qosPolicies[0].burstBytes = 64 } == [])
    }
}
