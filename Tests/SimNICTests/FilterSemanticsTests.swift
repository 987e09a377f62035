import EswitchModel
import Netlink
import Platform
@testable import SimNIC
import Testing

/// tc filter semantics of the emulated kernel: priorities and handles, create/replace/exclusive,
/// capacity, insertion faults, deletes and gets.
@Suite("tc filter semantics")
struct FilterSemanticsTests {
    let endpoint: SimNICEndpoint
    let rep0: IfIndex
    let rep1: IfIndex

    init() throws {
        endpoint = SimNICEndpoint(host: EmulatedHost(profile: Profiles.connectX6Dx, configuration: EmulatedHostConfiguration(
            physicalFunctions: 1, initialVFs: 2, eswitchMode: .switchdev, ruleCapacity: 3)))
        rep0 = endpoint.host.link(named: "pf0vf0")!.ifindex
        rep1 = endpoint.host.link(named: "pf0vf1")!.ifindex
        _ = endpoint.handle(NetlinkMessage.addQdisc(.ingress(ifindex: rep0)).encoded(), protocol: .route)
    }

    func filter(priority: UInt16 = 1, mac: UInt8, flags: FilterFlags = [], handle: UInt32 = 0) throws -> FilterMessage {
        try FilterMessage.flower(ifindex: rep0, priority: priority, protocol: .ipv4, handle: handle,
                                 match: FlowerMatch(dstMAC: Masked(MACAddress(2, 0, 0, 0, 0, mac))),
                                 actions: [TCAction(order: 1, .mirred(.redirect(to: rep1)))], flags: flags)
    }

    func send(_ message: NetlinkMessage) throws -> Answer { try Answer(endpoint.handle(message.encoded(), protocol: .route)) }

    @Test("priority 0 is allocated from 0xC000 down; handles from 1")
    func allocation() throws {
        #expect(try send(.addFilter(filter(priority: 0, mac: 1))).isAck)
        #expect(try send(.addFilter(filter(priority: 0, mac: 2))).isAck)
        #expect(try send(.addFilter(filter(priority: 5, mac: 3))).isAck)
        let ids = endpoint.host.allFilters.map(\.id)
        #expect(ids.map(\.priority) == [5, 0xBFFF, 0xC000])
        #expect(ids.allSatisfy { $0.handle == 1 })
        // Same priority: the next handle.
        #expect(try send(.addFilter(filter(priority: 5, mac: 4, flags: .skipHardware))).isAck)
        #expect(endpoint.host.allFilters.filter { $0.id.priority == 5 }.map(\.id.handle) == [1, 2])
        // Mellanox priorities above 16 stay in software (FDB_TC_MAX_PRIO); with skip_sw they fail.
        #expect(endpoint.host.filter(SimFilterID(ifindex: rep0, priority: 0xC000, handle: 1))?.inHardware == false)
        let refused = try send(.addFilter(filter(priority: 0, mac: 9, flags: .skipSoftware)))
        #expect(refused.errno == Errno.notSupported.rawValue)
        #expect(refused.extack == "mlx5_core: Requested priority is out of supported range")
    }

    @Test("EXCL refuses an existing handle, replace swaps it, the same keys twice is EEXIST")
    func createReplaceExclusive() throws {
        #expect(try send(.addFilter(filter(mac: 1))).isAck)
        let dup = try send(.addFilter(filter(mac: 1, handle: 1)))
        #expect(dup.errno == Errno.fileExists.rawValue)
        #expect(dup.extack == "Filter already exists")
        #expect(try send(.addFilter(filter(mac: 1))).errno == Errno.fileExists.rawValue)  // same keys, new handle
        #expect(try send(.replaceFilter(filter(mac: 7, handle: 1))).isAck)
        let replaced = try #require(endpoint.host.filter(SimFilterID(ifindex: rep0, priority: 1, handle: 1)))
        #expect(replaced.options.dstMAC == MACAddress(2, 0, 0, 0, 0, 7))
        #expect(endpoint.host.hardwareRuleCount == 1)
        // Another protocol on the same priority; a change without NLM_F_CREATE of a missing handle.
        var ipv6 = try filter(mac: 8)
        ipv6.protocol = .ipv6
        let mismatch = try send(.addFilter(ipv6))
        #expect(mismatch.errno == Errno.invalidArgument.rawValue)
        #expect(mismatch.extack == "Filter with specified priority/protocol not found")
        let change = NetlinkMessage(type: RTM.newTFilter, flags: [.request, .ack], body: .filter(try filter(mac: 9, handle: 5)))
        let missing = try send(change)
        #expect(missing.errno == Errno.noSuchFileOrDirectory.rawValue)
        #expect(missing.extack == "Need both RTM_NEWTFILTER and NLM_F_CREATE to create a new filter")
        // skip_sw with skip_hw is invalid.
        #expect(try send(.addFilter(filter(priority: 2, mac: 3, flags: [.skipSoftware, .skipHardware]))).errno == Errno.invalidArgument.rawValue)
        // Only flower is known.
        var u32 = try filter(priority: 3, mac: 3)
        u32.attributes = [.kind("u32")]
        let classifier = try send(.addFilter(u32))
        #expect(classifier.errno == Errno.noSuchFileOrDirectory.rawValue)
        #expect(classifier.extack == "TC classifier not found")
    }

    @Test("a full table is ENOSPC with skip_sw and software-only without; faults fail one insertion")
    func capacityAndFaults() throws {
        for mac in UInt8(1)...3 { #expect(try send(.addFilter(filter(mac: mac, flags: .skipSoftware))).isAck) }
        #expect(endpoint.host.hardwareRuleCount == 3)
        let full = try send(.addFilter(filter(mac: 4, flags: .skipSoftware)))
        #expect(full.errno == Errno.noSpace.rawValue)
        #expect(full.extack?.contains("capacity 3") == true)
        #expect(try send(.addFilter(filter(mac: 5))).isAck)
        #expect(endpoint.host.filter(SimFilterID(ifindex: rep0, priority: 1, handle: 4))?.inHardware == false)
        // Deleting one frees an entry.
        #expect(try send(.deleteFilter(filter(mac: 1, handle: 1))).isAck)
        try endpoint.withHost { host throws(SimNICError) in host.faults.nextInsertion = SimNICError(.ioError, "mlx5_core: firmware command failed") }
        let failed = try send(.addFilter(filter(mac: 6, flags: .skipSoftware)))
        #expect(failed.errno == Errno.ioError.rawValue)
        #expect(failed.extack == "mlx5_core: firmware command failed")
        #expect(try send(.addFilter(filter(mac: 6, flags: .skipSoftware))).isAck)
    }

    @Test("verbose filters carry the driver's refusal as an ACK warning")
    func verboseWarning() throws {
        var arp = try FilterMessage.flower(ifindex: rep0, priority: 2, protocol: .arp, match: FlowerMatch(arpOp: Masked(1, mask: 0xFF)),
                                           actions: [TCAction(order: 1, .gact(.drop))], flags: .verbose)
        let answer = try send(.addFilter(arp))
        #expect(answer.isAck)
        #expect(answer.extack == "mlx5_core: Unsupported key")
        arp.priority = 3
        arp = arp.withoutVerbose()
        let quiet = try send(.addFilter(arp))
        #expect(quiet.isAck)
        #expect(quiet.extack == nil)
    }

    @Test("get echoes the filter; delete by handle, by priority, and the whole chain")
    func getAndDelete() throws {
        #expect(try send(.addFilter(filter(mac: 1))).isAck)
        #expect(try send(.addFilter(filter(mac: 2))).isAck)
        #expect(try send(.addFilter(filter(priority: 2, mac: 3))).isAck)
        let get = try send(.getFilter(filter(mac: 0, handle: 2)))
        guard case .filter(let found)? = get.parts.first?.body else { Issue.record("no filter"); return }
        #expect(found.flower?.dstMAC == MACAddress(2, 0, 0, 0, 0, 2))
        #expect(found.flags?.contains(.inHardware) == true)
        #expect(get.error == nil)  // tc filter get asks no ACK
        let missing = try send(.getFilter(filter(mac: 0, handle: 9)))
        #expect(missing.errno == Errno.noSuchFileOrDirectory.rawValue)
        #expect(missing.extack == "Specified filter handle not found")
        // Delete the whole priority 1 (handle 0), then the chain (priority 0).
        #expect(try send(.deleteFilter(filter(mac: 0))).isAck)
        #expect(endpoint.host.allFilters.map(\.id.priority) == [2])
        var flush = try filter(priority: 0, mac: 0)
        flush.attributes = []
        #expect(try send(.deleteFilter(flush)).isAck)
        #expect(endpoint.host.allFilters.isEmpty)
        #expect(endpoint.host.hardwareRuleCount == 0)
        let gone = try send(.deleteFilter(filter(mac: 0, handle: 1)))
        #expect(gone.extack == "Cannot find specified filter chain")
    }

    @Test("goto chain keeps the target chain; chains past the profile's range stay in software")
    func chains() throws {
        let jump = try FilterMessage.flower(ifindex: rep0, priority: 1, protocol: .ipv4, chain: 0, match: FlowerMatch(ipProto: .tcp),
                                            actions: [TCAction(order: 1, .gact(.gotoChain(5)))], flags: [])
        #expect(try send(.addFilter(jump)).isAck)
        let jumped = try #require(endpoint.host.allFilters.first)
        #expect(!jumped.inHardware)   // chain 5 is past FDB_TC_MAX_CHAIN 3
        // The empty chain 5 exists (held by the goto): deleting priority 1 there finds no priority.
        let del = try send(.deleteFilter(FilterMessage.flower(ifindex: rep0, priority: 1, protocol: .ipv4, chain: 5)))
        #expect(del.extack == "Filter with specified priority/protocol not found")
        let inRange = try FilterMessage.flower(ifindex: rep0, priority: 1, protocol: .ipv4, chain: 3, match: FlowerMatch(ipProto: .udp),
                                               actions: [TCAction(order: 1, .gact(.drop))], flags: .skipSoftware)
        #expect(try send(.addFilter(inRange)).isAck)
        let tooFar = try FilterMessage.flower(ifindex: rep0, priority: 1, protocol: .ipv4, chain: 4, match: FlowerMatch(ipProto: .udp),
                                              actions: [TCAction(order: 1, .gact(.drop))], flags: .skipSoftware)
        let refused = try send(.addFilter(tooFar))
        #expect(refused.extack == "mlx5_core: Requested chain is out of supported range")
    }

    @Test("a mirred target that does not exist is ENODEV from act_mirred; a foreign one is not offloaded")
    func mirredTargets() throws {
        let ghost = try FilterMessage.flower(ifindex: rep0, priority: 1, protocol: .ipv4, match: FlowerMatch(ipProto: .tcp),
                                             actions: [TCAction(order: 1, .mirred(.redirect(to: IfIndex(999))))])
        let answer = try send(.addFilter(ghost))
        #expect(answer.errno == Errno.noSuchDevice.rawValue)
        #expect(answer.extack == "act_mirred: Specified device does not exist")
        let dummy = try endpoint.withHost { host throws(SimNICError) in try host.createLink(name: "d0", info: LinkInfo([.kind("dummy")])) }
        let foreign = try FilterMessage.flower(ifindex: rep0, priority: 1, protocol: .ipv4, match: FlowerMatch(ipProto: .tcp),
                                               actions: [TCAction(order: 1, .mirred(.redirect(to: dummy)))], flags: .skipSoftware)
        let refused = try send(.addFilter(foreign))
        #expect(refused.extack == "mlx5_core: devices are not on same switch HW, can't offload forwarding")
    }
}

extension FilterMessage {
    func withoutVerbose() -> FilterMessage {
        var copy = self
        copy.attributes = attributes.map { attribute in
            guard case .flower(var options) = attribute else { return attribute }
            options.attributes = options.attributes.map {
                if case .flags(let f) = $0 { return .flags(f.subtracting(.verbose)) }
                return $0
            }
            return .flower(options)
        }
        return copy
    }
}
