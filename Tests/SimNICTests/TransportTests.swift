import EswitchModel
import Netlink
import Platform
@testable import SimNIC
import Testing

/// SimNetlinkTransport and SimNetlinkEventSource: code written against the Platform protocols runs
/// unchanged on the emulated NIC.
@Suite("in-process transport and events")
struct TransportTests {
    let endpoint = SimNICEndpoint(host: EmulatedHost(profile: Profiles.connectX6Dx, configuration: EmulatedHostConfiguration(
        physicalFunctions: 1, initialVFs: 2, eswitchMode: .switchdev)))

    /// What a caller above the boundary sees: only protocols.
    func install(on transport: any NetlinkTransport, rep: IfIndex, target: IfIndex) throws {
        try transport.request(.addQdisc(.ingress(ifindex: rep)))
        let filter = try FilterMessage.flower(ifindex: rep, priority: 1, protocol: .ipv4, match: FlowerMatch(ipProto: .tcp, dstPort: Masked(22)),
                                              actions: [TCAction(order: 1, .mirred(.redirect(to: target)))], flags: .skipSoftware)
        try transport.request(.addFilter(filter))
    }

    @Test("requests, kernel refusals and dumps through the NetlinkTransport protocol")
    func transport() throws {
        let route: any NetlinkTransport = SimNetlinkTransport(endpoint: endpoint, protocol: .route)
        let rep = endpoint.host.link(named: "pf0vf0")!.ifindex
        let target = endpoint.host.link(named: "pf0vf1")!.ifindex
        try install(on: route, rep: rep, target: target)
        do {
            try route.request(.addQdisc(.ingress(ifindex: rep)))
            Issue.record("second qdisc accepted")
        } catch {
            #expect(error.errno == .fileExists)
            #expect(error.extackMessage == "Exclusivity flag on, cannot modify")
        }
        let filters = try route.dump(.dumpFilters(.dump(ifindex: rep)))
        #expect(filters.count == 2)  // the priority header, then the filter
        guard case .filter(let f)? = filters.last?.body else { Issue.record("no filter"); return }
        #expect(f.flags?.contains(.inHardware) == true)
        let links = try route.dump(LinkMessage.dumpRequest())
        #expect(links.count == endpoint.host.links.count)
        let reply = try route.request(LinkMessage.getRequest(ifindex: rep))
        #expect(reply.messages.count == 1)
        #expect(reply.acknowledgement.isAck)
    }

    @Test("notifications for link, tc and neighbour changes reach the groups that joined")
    func events() throws {
        let source = SimNetlinkEventSource(endpoint: endpoint)
        try source.join(group: RTNLGRP.tc)
        try source.join(group: RTNLGRP.link)
        let route = SimNetlinkTransport(endpoint: endpoint, protocol: .route)
        let rep = endpoint.host.link(named: "pf0vf0")!.ifindex
        try install(on: route, rep: rep, target: endpoint.host.link(named: "pf0vf1")!.ifindex)
        let qdisc = try source.receive(timeout: .milliseconds(100))
        #expect(qdisc.first?.type == RTM.newQdisc)
        let filter = try source.receive(timeout: .milliseconds(100))
        #expect(filter.first?.type == RTM.newTFilter)
        guard case .filter(let f)? = filter.first?.body else { Issue.record("no filter notification"); return }
        #expect(f.flags?.contains(.inHardware) == true)
        // Link events: a PF link down (fault hook) and a VF unbind.
        func drain() throws -> [NetlinkMessage] {
            var out: [NetlinkMessage] = []
            while case let batch = try source.receive(timeout: .milliseconds(20)), !batch.isEmpty { out += batch }
            return out
        }
        try endpoint.withHost { host throws(SimNICError) in try host.setPhysicalLink(false, on: PCIAddress("0000:03:00.0")!) }
        let down = try drain().compactMap { m -> LinkMessage? in if case .link(let l) = m.body { l } else { nil } }
        // In switchdev mode only the PF (the uplink representor) goes down: a VF's link is its
        // representor's (FaultTests covers legacy mode, where VFs follow the uplink).
        #expect(down.map(\.name) == ["pf0"])
        #expect(down.allSatisfy { $0.flags.contains(.lowerUp) == false })
        try endpoint.withHost { host throws(SimNICError) in try host.unbindVF(at: PCIAddress("0000:03:00.2")!) }
        let removed = try drain()
        #expect(removed.map(\.type) == [RTM.delLink])
        // Neighbour changes are not delivered to a source that did not join RTNLGRP_NEIGH.
        try endpoint.withHost { host throws(SimNICError) in
            try host.addNeighbour(NeighbourMessage(family: AddressFamily.inet, ifindex: rep, state: .permanent,
                                                   attributes: [.destination(.v4(IPv4Address(10, 0, 0, 9))), .linkLayerAddress(MACAddress(2, 0, 0, 0, 0, 9))]))
        }
        #expect(try source.receive(timeout: .milliseconds(20)).isEmpty)
    }

    @Test("ENOBUFS as a netlink socket reports it: once, then the notifications queued before the overrun")
    func overflow() throws {
        let source = SimNetlinkEventSource(endpoint: endpoint, capacity: 2)
        try source.join(group: RTNLGRP.link)
        source.injectOverflow()
        #expect(throws: NetlinkTransportError.noBufferSpace) { try source.receive(timeout: .milliseconds(10)) }
        #expect(try source.receive(timeout: .milliseconds(10)).isEmpty)
        for name in ["a0", "a1", "a2"] {
            try endpoint.withHost { host throws(SimNICError) in try host.createLink(name: name, info: LinkInfo([.kind("dummy")])) }
        }
        #expect(source.queuedCount == 2)
        // The same error a NetlinkEventSocket gives (its ENOBUFS maps to this case).
        #expect(throws: NetlinkTransportError.noBufferSpace) { try source.receive(timeout: .milliseconds(10)) }
        func name(_ batch: [NetlinkMessage]) -> String? {
            if case .link(let l)? = batch.first?.body { return l.name }
            return nil
        }
        #expect(name(try source.receive(timeout: .milliseconds(10))) == "a0")
        #expect(name(try source.receive(timeout: .milliseconds(10))) == "a1")
        // a2 found the queue full: lost. New notifications flow again.
        try endpoint.withHost { host throws(SimNICError) in try host.createLink(name: "a3", info: LinkInfo([.kind("dummy")])) }
        #expect(name(try source.receive(timeout: .milliseconds(100))) == "a3")
        #expect(try source.receive(timeout: .milliseconds(10)).isEmpty)
    }
}
