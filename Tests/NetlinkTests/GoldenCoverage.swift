import Testing

/// The golden-corpus commands that a test builds from typed values only (never from stored hex
/// or a decoded message), by family, with the suite that does it. A vector added to the corpus
/// fails ``GoldenCoverageTests`` until its typed construction is written and listed here.
enum GoldenCoverage {
    /// TCQdiscGoldenTests.
    static let qdisc = [
        "tc qdisc add dev X ingress",
        "tc qdisc add dev eth0 clsact",
        "tc qdisc del dev X ingress",
    ]

    /// TCFilterTypedGoldenTests (each test checks that its display name is listed here).
    static let filterAdd = [
        "tc filter add dev X ingress protocol ip prio 1 flower skip_sw dst_mac 02:00:00:00:00:01 ip_proto udp dst_ip 10.0.0.2 action mirred egress redirect dev Y",
        "tc filter add dev vxlan0 ingress protocol ip prio 1 flower enc_key_id 100 enc_dst_ip 10.0.0.1 enc_src_ip 10.0.0.2 enc_dst_port 4789 action tunnel_key unset action mirred egress redirect dev Y",
        "tc filter add dev X ingress protocol ip prio 2 flower dst_mac 02:00:00:00:00:01 action tunnel_key set id 100 src_ip 10.0.0.1 dst_ip 10.0.0.2 dst_port 4789 action mirred egress redirect dev vxlan0",
        "tc filter add dev X ingress protocol ip prio 2 flower skip_sw src_mac 02:00:00:00:00:05 dst_mac 02:00:00:00:00:07 action tunnel_key set id 5001 src_ip 172.16.0.1 dst_ip 172.16.0.9 dst_port 4789 nocsum action mirred egress redirect dev vxlan0",
        "tc filter add dev X ingress protocol 802.1Q prio 3 flower vlan_id 10 vlan_ethtype ip action vlan pop action mirred egress redirect dev Y",
        "tc filter add dev Y ingress protocol ip prio 3 flower src_ip 192.168.1.0/24 action vlan push id 20 action mirred egress redirect dev X",
        "tc filter add dev X ingress protocol ip prio 4 flower dst_mac 02:00:00:00:fe:01 dst_ip 10.1.0.0/16 action pedit ex munge eth src set 02:00:00:00:fe:01 munge eth dst set 02:00:00:00:00:22 munge ip ttl add 255 pipe action csum ip pipe action mirred egress redirect dev Y",
        "tc filter add dev X ingress protocol ip prio 5 flower src_ip 10.0.0.5 ip_proto tcp action pedit ex munge ip src set 203.0.113.10 pipe action csum ip and tcp pipe action mirred egress redirect dev eth0",
        "tc filter add dev X ingress protocol ip prio 6 flower ip_proto tcp dst_port 22 action drop",
        "tc filter add dev X ingress protocol ip prio 6 flower ip_proto udp src_port 68 dst_port 67 action pass",
        "tc filter add dev X ingress protocol all prio 7 flower action police rate 100mbit burst 64k conform-exceed drop",
        "tc filter add dev X ingress protocol ip chain 0 prio 8 flower ip_proto tcp action goto chain 1",
        "tc filter add dev X ingress protocol ip chain 1 prio 1 flower dst_ip 10.0.0.9 action mirred egress redirect dev Y",
        "tc filter add dev X ingress protocol ipv6 prio 9 flower dst_ip 2001:db8::1 ip_proto icmpv6 action mirred egress redirect dev Y",
        "tc filter add dev X ingress protocol arp prio 10 flower arp_op request arp_tip 10.0.0.1 action mirred egress redirect dev Y",
        "tc filter add dev X ingress protocol ip prio 11 flower skip_hw dst_ip 10.0.0.3 action mirred egress mirror dev eth0 pipe action mirred egress redirect dev Y cookie 0a0b0c0d0e0f1011",
    ]

    /// TCFilterGoldenTests: deleteByHandle, getByHandle, dumpIngress.
    static let filterOther = [
        "tc filter del dev X ingress protocol ip prio 1 handle 1 flower",
        "tc filter get dev X ingress protocol ip prio 1 handle 1 flower",
        "tc -s filter show dev X ingress",
    ]

    /// DevlinkGoldenTests.
    static let devlink = [
        "devlink dev eswitch set pci/0000:03:00.0 mode switchdev",
        "devlink dev eswitch set pci/0000:03:00.0 encap-mode basic",
        "devlink dev eswitch show pci/0000:03:00.0",
        "devlink port show",
        "devlink dev show",
    ]

    /// VDPAGoldenTests.
    static let vdpa = [
        "vdpa mgmtdev show",
        "vdpa dev add name vdpa0 mgmtdev pci/0000:03:00.2 mac 00:11:22:33:44:55",
        "vdpa dev add name vdpa1 mgmtdev pci/0000:03:00.3 mac 02:00:00:00:00:31 mtu 9000 max_vqp 4",
        "vdpa dev del vdpa0",
        "vdpa dev show",
    ]

    /// VFGoldenTests.
    static let vf = [
        "ip link set dev eth0 vf 1 mac 02:00:00:00:00:09 vlan 10",
        "ip link set dev eth0 vf 2 spoofchk on trust off",
        "ip link set dev eth0 vf 2 state enable max_tx_rate 1000",
    ]

    /// LinkGoldenTests.
    static let link = [
        "ip link show",
        "ip link add vxlan100 type vxlan id 100 local 10.0.0.1 dstport 4789 nolearning",
    ]

    /// NeighbourGoldenTests.
    static let fdb = [
        "bridge fdb add 02:00:00:00:00:02 dev vxlan0 dst 10.0.0.2 vni 100 self permanent",
        "bridge fdb del 02:00:00:00:00:02 dev vxlan0 dst 10.0.0.2 vni 100 self",
    ]

    /// NeighbourGoldenTests.
    static let neighbour = [
        "ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev X",
    ]

    /// Every family's list.
    static let families: [(family: String, commands: [String])] = [
        ("qdisc", qdisc), ("filter add", filterAdd), ("filter del/get/dump", filterOther), ("devlink", devlink), ("vdpa", vdpa),
        ("vf", vf), ("link", link), ("fdb", fdb), ("neighbour", neighbour),
    ]
}

/// The golden corpus and the typed-construction lists must name the same commands.
@Suite struct GoldenCoverageTests {
    @Test func everyGoldenCommandHasATypedConstruction() {
        let covered = Set(GoldenCoverage.families.flatMap(\.commands))
        for command in GoldenCorpus.shared.vectors.map(\.command) where !covered.contains(command) {
            Issue.record("no typed-construction test for golden command '\(command)': write one and list it in GoldenCoverage")
        }
    }

    @Test func everyListedCommandIsInTheCorpus() {
        let corpus = Set(GoldenCorpus.shared.vectors.map(\.command))
        for (family, commands) in GoldenCoverage.families {
            for command in commands where !corpus.contains(command) {
                Issue.record("GoldenCoverage.\(family) lists '\(command)', which the corpus does not have")
            }
        }
    }

    @Test func noCommandIsListedTwice() {
        let all = GoldenCoverage.families.flatMap(\.commands)
        #expect(Set(all).count == all.count)
        #expect(GoldenCorpus.shared.vectors.count == Set(GoldenCorpus.shared.vectors.map(\.command)).count, "the corpus repeats a command")
    }

    @Test func everyFilterAddIsBuiltByTheTypedSuite() {
        let adds = GoldenCorpus.shared.vectors.map(\.command).filter { $0.hasPrefix("tc filter add ") }
        #expect(Set(adds) == Set(GoldenCoverage.filterAdd))
    }
}
