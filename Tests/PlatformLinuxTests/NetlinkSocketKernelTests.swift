import EswitchModel
import Netlink
import Platform
import PlatformLinux
import Testing

/// The transport against this machine's kernel. Each test runs in a fresh, unnamed network
/// namespace (``NetworkNamespace/create()``): the kernel deletes it, with every device the test
/// made, when the test's namespace handle and sockets are released, even if the test fails.
@Suite("Netlink socket against the kernel")
struct NetlinkSocketKernelTests {
    /// A request socket (and its namespace) for one test.
    struct Lab {
        let namespace: NetworkNamespace
        let route: NetlinkSocket

        init() throws {
            namespace = try NetworkNamespace.create()
            route = try NetlinkSocket(.route, in: namespace)
        }

        func links() throws -> [LinkMessage] {
            try route.dump(dumpLinksRequest()).compactMap { message in
                if case .link(let link) = message.body { return link }
                return nil
            }
        }

        func ifindex(_ name: String) throws -> IfIndex {
            let found = try links().first { $0.testName == name }
            return try #require(found).ifindex
        }
    }

    @Test("a new namespace holds only loopback")
    func freshNamespace() throws {
        let lab = try Lab()
        #expect(try lab.links().map(\.testName) == ["lo"])
    }

    @Test("veth and vxlan links are created and read back by dump")
    func createLinks() throws {
        let lab = try Lab()
        let veth = try lab.route.request(createVethRequest("esw-a", peer: "esw-b"))
        #expect(veth.acknowledgement.isAck)
        #expect(veth.messages.isEmpty)
        try lab.route.request(createVXLANRequest("esw-vx", vni: 100, local: IPv4Address(10, 0, 0, 1), port: 4789))

        let links = try lab.links()
        let kinds = Dictionary(links.compactMap { link in link.testName.map { ($0, link.testKind ?? "") } }, uniquingKeysWith: { a, _ in a })
        #expect(kinds["esw-a"] == "veth")
        #expect(kinds["esw-b"] == "veth")
        #expect(kinds["esw-vx"] == "vxlan")
        #expect(Set(links.map(\.ifindex)).count == links.count)

        try lab.route.request(deleteLinkRequest("esw-vx"))
        #expect(try lab.links().contains { $0.testName == "esw-vx" } == false)
    }

    @Test("a duplicate create comes back as EEXIST")
    func duplicateCreate() throws {
        let lab = try Lab()
        try lab.route.request(createVethRequest("esw-a", peer: "esw-b"))
        let error = #expect(throws: NetlinkTransportError.self) {
            try lab.route.request(createVethRequest("esw-a", peer: "esw-c"))
        }
        guard case .kernel(let answer)? = error else {
            Issue.record("expected a kernel error, got \(String(describing: error))")
            return
        }
        #expect(error?.errno == .fileExists)
        #expect(answer.errno == 17)
        #expect(answer.request.type == RTM.newLink)
    }

    @Test("an FDB entry is added, dumped and removed")
    func fdbEntry() throws {
        let lab = try Lab()
        try lab.route.request(createVXLANRequest("esw-vx", vni: 100, local: IPv4Address(10, 0, 0, 1), port: 4789))
        let vxlan = try lab.ifindex("esw-vx")
        let mac = try #require(MACAddress("02:00:00:00:00:02"))
        let remote = IPAddress.v4(IPv4Address(10, 0, 0, 2))
        let entry = NeighbourMessage(family: AddressFamily.bridge, ifindex: vxlan, state: [.permanent, .noarp], flags: [.self],
                                     attributes: [.linkLayerAddress(mac), .destination(remote), .vni(100)])
        try lab.route.request(NetlinkMessage(type: RTM.newNeigh, flags: [.create, .exclusive], body: .neighbour(entry)))

        func entries() throws -> [NeighbourMessage] {
            let request = NetlinkMessage(type: RTM.getNeigh, flags: [], body: .neighbour(NeighbourMessage(family: AddressFamily.bridge, ifindex: IfIndex(0))))
            return try lab.route.dump(request).compactMap { message in
                if case .neighbour(let n) = message.body, n.ifindex == vxlan, n.linkLayerAddress == mac { return n }
                return nil
            }
        }
        let found = try entries()
        #expect(found.count == 1)
        #expect(found.first?.destination == remote)
        #expect(found.first?.state.contains(.permanent) == true)

        let removal = NeighbourMessage(family: AddressFamily.bridge, ifindex: vxlan, flags: [.self],
                                       attributes: [.linkLayerAddress(mac), .destination(remote), .vni(100)])
        try lab.route.request(NetlinkMessage(type: RTM.delNeigh, flags: [], body: .neighbour(removal)))
        #expect(try entries().isEmpty)
    }

    @Test("a dump larger than one datagram is read whole")
    func largeDump() throws {
        let lab = try Lab()
        try lab.route.request(createVXLANRequest("esw-vx", vni: 100, local: IPv4Address(10, 0, 0, 1), port: 4789))
        let vxlan = try lab.ifindex("esw-vx")
        let count = 1500
        for n in 0..<count {
            let mac = MACAddress(integer: 0x0200_0000_0000 | UInt64(n))
            let entry = NeighbourMessage(family: AddressFamily.bridge, ifindex: vxlan, state: [.permanent, .noarp], flags: [.self],
                                         attributes: [.linkLayerAddress(mac), .destination(.v4(IPv4Address(rawValue: 0x0A00_0000 | UInt32(n))))])
            try lab.route.request(NetlinkMessage(type: RTM.newNeigh, flags: [.create, .exclusive], body: .neighbour(entry)))
        }
        let request = NetlinkMessage(type: RTM.getNeigh, flags: [], body: .neighbour(NeighbourMessage(family: AddressFamily.bridge, ifindex: IfIndex(0))))
        let macs = try lab.route.dump(request).compactMap { message -> MACAddress? in
            if case .neighbour(let n) = message.body, n.ifindex == vxlan, n.destination != nil { return n.linkLayerAddress }
            return nil
        }
        #expect(macs.count == count)
        #expect(Set(macs).count == count)
    }

    @Test("an ingress qdisc is added and a flower filter is refused with the kernel's extack text")
    func ingressQdiscAndFlower() throws {
        let lab = try Lab()
        try lab.route.request(createVethRequest("esw-a", peer: "esw-b"))
        let device = try lab.ifindex("esw-a")
        let mac = try #require(MACAddress("02:00:00:00:00:01"))

        // Without a qdisc the kernel stops earlier, at the block lookup.
        let noQdisc = #expect(throws: NetlinkTransportError.self) {
            try lab.route.request(addFlowerFilterRequest(device, dstMAC: mac))
        }
        #expect(noQdisc?.errno == .invalidArgument)
        #expect(noQdisc?.extackMessage == "Parent Qdisc doesn't exists")

        try lab.route.request(addIngressQdiscRequest(device))
        let qdiscs = try lab.route.dump(dumpQdiscsRequest()).compactMap { message -> QdiscMessage? in
            if case .qdisc(let q) = message.body, q.header.ifindex == device { return q }
            return nil
        }
        let kinds = qdiscs.compactMap { $0.kind }
        #expect(kinds.contains("ingress"))

        // This kernel has no cls_flower: the typed error carries errno and extack text.
        let error = #expect(throws: NetlinkTransportError.self) {
            try lab.route.request(addFlowerFilterRequest(device, dstMAC: mac))
        }
        guard case .kernel(let answer)? = error else {
            Issue.record("expected a kernel error, got \(String(describing: error))")
            return
        }
        #expect(error?.errno == .noSuchFileOrDirectory)
        #expect(answer.message == "TC classifier not found")
        #expect(answer.request.type == RTM.newTFilter)
        #expect(answer.requestPayload.isEmpty, "NETLINK_CAP_ACK: the request is not echoed back")
        #expect(error?.description.contains("TC classifier not found") == true)
    }

    @Test("link notifications arrive on the event socket, not on the request socket")
    func linkEvents() throws {
        let lab = try Lab()
        let events = try NetlinkEventSocket(.route, groups: [RTNLGRP.link], in: lab.namespace)
        #expect(try events.receive(timeout: .milliseconds(50)).isEmpty)
        try lab.route.request(createVethRequest("esw-a", peer: "esw-b"))

        var names: Set<String> = []
        for _ in 0..<10 where !names.isSuperset(of: ["esw-a", "esw-b"]) {
            for message in try events.receive(timeout: .seconds(2)) {
                if message.type == RTM.newLink, case .link(let link) = message.body, let name = link.testName { names.insert(name) }
                #expect(message.sequence == 0 || message.portID == lab.route.portID)
            }
        }
        #expect(names.isSuperset(of: ["esw-a", "esw-b"]))

        try events.leave(group: RTNLGRP.link)
        try lab.route.request(deleteLinkRequest("esw-a"))
        #expect(try events.receive(timeout: .milliseconds(100)).allSatisfy { $0.type != RTM.delLink })
    }

    @Test("an event socket that overflows reports ENOBUFS as its own error")
    func eventOverflow() throws {
        let lab = try Lab()
        var options = NetlinkEventSocket.Options()
        options.socketBufferSize = 1  // the kernel raises it to its minimum, a couple of KiB
        let events = try NetlinkEventSocket(.route, groups: [RTNLGRP.link], in: lab.namespace, options: options)
        for round in 0..<8 {
            try lab.route.request(createVethRequest("esw-o\(round)", peer: "esw-p\(round)"))
            try lab.route.request(deleteLinkRequest("esw-o\(round)"))
        }
        var overflowed = false
        for _ in 0..<64 {
            do {
                if try events.receive(timeout: .milliseconds(100)).isEmpty { break }
            } catch {
                guard case .noBufferSpace = error else { throw error }
                overflowed = true
                break
            }
        }
        #expect(overflowed)
        // The socket stays usable after the overflow.
        try lab.route.request(createVethRequest("esw-z", peer: "esw-y"))
        var seen = false
        for _ in 0..<10 where !seen {
            seen = try events.receive(timeout: .seconds(1)).contains { $0.type == RTM.newLink }
        }
        #expect(seen)
    }

    @Test("generic-netlink families resolve through the controller")
    func genericFamilies() throws {
        let lab = try Lab()
        let generic = try NetlinkSocket(.generic, in: lab.namespace)
        let control = try generic.resolveFamily(named: "nlctrl")
        #expect(control.id == GENL.idCtrl)
        #expect(control.multicastGroups["notify"] != nil)

        // devlink may or may not be built into this kernel: either it registers, or ENOENT.
        do {
            let devlink = try generic.resolve(.devlink)
            #expect(generic.families[devlink.id] == .devlink)
        } catch {
            #expect(error.errno == .noSuchFileOrDirectory)
            #expect(generic.families.isEmpty)
        }

        let missing = #expect(throws: NetlinkTransportError.self) {
            try generic.resolveFamily(named: "esw-nofamily")
        }
        #expect(missing?.errno == .noSuchFileOrDirectory)

        // Names longer than GENL_NAMSIZ - 1 break the policy: the kernel says which attribute.
        let tooLong = #expect(throws: NetlinkTransportError.self) {
            try generic.resolveFamily(named: "eswitch-no-such-family")
        }
        #expect(tooLong?.errno == .invalidArgument)
        #expect(tooLong?.extackOffset != nil)
    }

    @Test("sockets opened without a namespace live in the caller's namespace")
    func hostNamespaceSocket() throws {
        let route = try NetlinkSocket(.route)
        let links = try route.dump(dumpLinksRequest())
        #expect(links.contains { if case .link(let l) = $0.body { return l.testName == "lo" } else { return false } })
    }
}

extension UInt32 {
    var littleEndianBytes: [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: self >> ($0 * 8)) } }
}
