import EswitchModel
import Netlink
import Platform
@testable import SimNIC
import Testing

/// The golden link, VF, FDB and neighbour requests against an emulated NIC.
@Suite("golden link, VF and neighbour requests replayed")
struct GoldenLinkReplayTests {
    func send(_ endpoint: SimNICEndpoint, _ command: String) throws -> Answer {
        try Answer(endpoint.handle(Golden.shared.bytes(command), protocol: .route))
    }

    @Test("ConnectX-6 Dx: VF settings on the PF are applied and dumped back in IFLA_VFINFO_LIST")
    func vfConfiguration() throws {
        let endpoint = SimNICEndpoint(host: try GoldenNamespace.host(Profiles.connectX6Dx))
        for command in [
            "ip link set dev eth0 vf 1 mac 02:00:00:00:00:09 vlan 10",
            "ip link set dev eth0 vf 2 spoofchk on trust off",
            "ip link set dev eth0 vf 2 state enable max_tx_rate 1000",
        ] {
            let answer = try send(endpoint, command)
            #expect(answer.isAck, "\(command): \(answer.errno ?? 0)")
        }
        let vfs = endpoint.host.physicalFunctions[0].vfs
        #expect(vfs[1].config.mac == MACAddress("02:00:00:00:00:09"))
        #expect(vfs[1].config.vlan == 10)
        #expect(vfs[2].config.spoofCheck)
        #expect(!vfs[2].config.trust)
        #expect(vfs[2].config.linkState == .enable)
        #expect(vfs[2].config.maxTxRate == 1000)
        // The VF netdev takes the MAC the PF set.
        #expect(endpoint.host.links[vfs[1].netdev!]?.mac == MACAddress("02:00:00:00:00:09"))

        let dump = try send(endpoint, "ip link show")
        #expect(dump.endsWithDone)
        let links = dump.parts.compactMap { m -> LinkMessage? in if case .link(let l) = m.body { l } else { nil } }
        #expect(links.map(\.ifindex.rawValue).prefix(7) == [1, 2, 3, 4, 5, 6, 7])
        let eth0 = try #require(links.first { $0.ifindex == IfIndex(5) })
        #expect(eth0.name == "pf0")
        #expect(eth0.numVFs == 3)
        #expect(eth0.vfs.count == 3)
        #expect(eth0.vfs[1].mac == MACAddress("02:00:00:00:00:09"))
        #expect(eth0.vfs[1].vlan?.vlan == 10)
        #expect(eth0.vfs[2].spoofCheck == true)
        #expect(eth0.vfs[2].trust == false)
        #expect(eth0.vfs[2].linkState == .enable)
        #expect(eth0.vfs[2].rate == VFRate(minTx: 0, maxTx: 1000))
        #expect(eth0.parentDeviceName == "0000:03:00.0")
        #expect(eth0.vfs[0].stats != nil)
    }

    @Test("VF settings outside the driver's ranges get the kernel's errno")
    func vfRanges() throws {
        let endpoint = SimNICEndpoint(host: try GoldenNamespace.host(Profiles.connectX6Dx))
        func set(_ message: NetlinkMessage) throws -> Answer { try Answer(endpoint.handle(message.encoded(), protocol: .route)) }
        let pf = IfIndex(5)
        #expect(try set(LinkMessage.setVF(pf: pf, vf: VFIndex(7), mac: MACAddress("02:00:00:00:00:01"))).errno == Errno.invalidArgument.rawValue)
        #expect(try set(LinkMessage.setVF(pf: pf, vf: VFIndex(0), mac: MACAddress("01:00:5e:00:00:01"))).errno == Errno.invalidArgument.rawValue)
        #expect(try set(LinkMessage.setVF(pf: pf, vf: VFIndex(0), vlan: 4096)).errno == Errno.invalidArgument.rawValue)
        #expect(try set(LinkMessage.setVF(pf: pf, vf: VFIndex(0), vlan: 10, qos: 8)).errno == Errno.invalidArgument.rawValue)
        #expect(try set(LinkMessage.setVF(pf: pf, vf: VFIndex(0), vlan: 10, vlanProtocol: .dot1ad)).errno == Errno.protocolNotSupported.rawValue)
        #expect(try set(LinkMessage.setVF(pf: pf, vf: VFIndex(0), rate: VFRate(minTx: 500, maxTx: 100))).errno == Errno.invalidArgument.rawValue)
        #expect(try set(LinkMessage.setVF(pf: pf, vf: VFIndex(0), linkState: VFLinkState(rawValue: 9))).errno == Errno.invalidArgument.rawValue)
        #expect(try set(LinkMessage.setVF(pf: pf, vf: VFIndex(0), queryRSS: true)).errno == Errno.notSupported.rawValue)
        // A device that is not a PF has no VF operations (what this machine's kernel answered).
        #expect(try set(LinkMessage.setVF(pf: IfIndex(4), vf: VFIndex(0), mac: MACAddress("02:00:00:00:00:01"))).errno == Errno.notSupported.rawValue)
        #expect(try set(LinkMessage.setVF(pf: pf, vf: VFIndex(0), vlan: 100, qos: 3)).isAck)
        // The software profile has no PF: the golden answer of the capture machine (EOPNOTSUPP).
        let software = SimNICEndpoint(host: try GoldenNamespace.host(Profiles.software))
        #expect(try send(software, "ip link set dev eth0 vf 1 mac 02:00:00:00:00:09 vlan 10").errno == Errno.notSupported.rawValue)
    }

    @Test("vxlan creation, FDB add/del on vxlan0, neighbour on a representor, qdisc removal")
    func linksAndNeighbours() throws {
        let endpoint = SimNICEndpoint(host: try GoldenNamespace.host(Profiles.connectX6Dx))
        #expect(try send(endpoint, "ip link add vxlan100 type vxlan id 100 local 10.0.0.1 dstport 4789 nolearning").isAck)
        let vxlan = try #require(endpoint.host.link(named: "vxlan100"))
        #expect(vxlan.role == .virtual(kind: "vxlan"))
        #expect(vxlan.ifindex.rawValue > 7)
        #expect(try send(endpoint, "ip link add vxlan100 type vxlan id 100 local 10.0.0.1 dstport 4789 nolearning").errno == Errno.fileExists.rawValue)
        #expect(try send(endpoint, "bridge fdb add 02:00:00:00:00:02 dev vxlan0 dst 10.0.0.2 vni 100 self permanent").isAck)
        #expect(endpoint.host.neighbours.count == 1)
        #expect(try send(endpoint, "bridge fdb add 02:00:00:00:00:02 dev vxlan0 dst 10.0.0.2 vni 100 self permanent").errno == Errno.fileExists.rawValue)
        #expect(try send(endpoint, "bridge fdb del 02:00:00:00:00:02 dev vxlan0 dst 10.0.0.2 vni 100 self").isAck)
        #expect(endpoint.host.neighbours.isEmpty)
        #expect(try send(endpoint, "bridge fdb del 02:00:00:00:00:02 dev vxlan0 dst 10.0.0.2 vni 100 self").errno == Errno.noSuchFileOrDirectory.rawValue)
        #expect(try send(endpoint, "ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev X").isAck)
        let neighbours = try Answer(endpoint.handle(NetlinkMessage(type: RTM.getNeigh, flags: [.request, .dump], body: .neighbour(NeighbourMessage(family: 0, ifindex: IfIndex(0)))).encoded(), protocol: .route))
        #expect(neighbours.parts.count == 1)
        // A PF netdev cannot be deleted; a created vxlan can.
        #expect(try Answer(endpoint.handle(LinkMessage.delete(IfIndex(5)).encoded(), protocol: .route)).errno == Errno.notSupported.rawValue)
        #expect(try Answer(endpoint.handle(LinkMessage.delete(vxlan.ifindex).encoded(), protocol: .route)).isAck)
        // qdisc del takes the filters with it.
        _ = endpoint.handle(Golden.shared.bytes("tc qdisc add dev X ingress"), protocol: .route)
        _ = endpoint.handle(Golden.shared.bytes("tc filter add dev X ingress protocol ip prio 6 flower ip_proto tcp dst_port 22 action drop"), protocol: .route)
        #expect(endpoint.host.hardwareRuleCount == 1)
        #expect(try send(endpoint, "tc qdisc del dev X ingress").isAck)
        #expect(endpoint.host.allFilters.isEmpty)
        #expect(endpoint.host.hardwareRuleCount == 0)
        let again = try send(endpoint, "tc qdisc del dev X ingress")
        #expect(again.errno == Errno.noSuchFileOrDirectory.rawValue)
        #expect(again.extack == "Cannot find specified qdisc on specified device")
    }

    @Test("link up/down, MTU range, rename, get by name, echo")
    func linkChanges() throws {
        let endpoint = SimNICEndpoint(host: try GoldenNamespace.host(Profiles.connectX6Dx))
        func send(_ m: NetlinkMessage) throws -> Answer { try Answer(endpoint.handle(m.encoded(), protocol: .route)) }
        #expect(try send(LinkMessage.setUp(IfIndex(3))).isAck)
        #expect(endpoint.host.links[IfIndex(3)]?.isUp == true)
        #expect(try send(LinkMessage.setDown(IfIndex(3))).isAck)
        #expect(endpoint.host.links[IfIndex(3)]?.isUp == false)
        let tooBig = try send(LinkMessage.setMTU(IfIndex(5), mtu: 65000))
        #expect(tooBig.errno == Errno.invalidArgument.rawValue)
        #expect(tooBig.extack == "mtu greater than device maximum")
        #expect(try send(LinkMessage.setMTU(IfIndex(5), mtu: 9000)).isAck)
        let get = try send(LinkMessage.getRequest(name: "pf0"))
        guard case .link(let link)? = get.parts.first?.body else { Issue.record("no link"); return }
        #expect(link.mtu == 9000)
        #expect(link.vfs.count == 3)
        #expect(link.vfs[0].stats == nil)  // skip_stats asked
        #expect(try send(LinkMessage.getRequest(name: "nosuch")).errno == Errno.noSuchDevice.rawValue)
        var create = LinkMessage.create(name: "d0", kind: "dummy")
        create.flags.insert(.echo)
        let echoed = try send(create)
        #expect(echoed.isAck)
        guard case .link(let created)? = echoed.parts.first?.body else { Issue.record("no echo"); return }
        #expect(created.name == "d0")
        #expect(created.kind == "dummy")
    }
}
