import EswitchModel
import Foundation
import Netlink
import Platform
import SimNIC
import SimNICRemote
import Testing

/// The frames of the emulator's socket and the control channel's answers, without a process.
@Suite("emulator socket protocol")
struct SimRemoteProtocolTests {
    @Test("request and reply frames are laid out as the preload library frames netlink")
    func frames() {
        let request = SimRemoteFrame.request(.netlinkGeneric, port: 0x0102_0304, payload: [0xAA, 0xBB])
        #expect(request == [10, 0, 0, 0, 16, 0, 0, 0, 4, 3, 2, 1, 0xAA, 0xBB])
        let control = SimRemoteFrame.request(.control, port: 0, payload: [])
        #expect(Array(control[4..<8]) == [0x01, 0x00, 0x53, 0x45])
        #expect(SimRemoteFrame.reply([[1, 2, 3], []]) == [2, 0, 0, 0, 3, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0])
        #expect(SimRemoteFrame.overflow == [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(SimRemoteChannel.allCases.filter(\.isExtension) == [.control, .events])
    }

    @Test("event subscriptions round-trip; a malformed one is refused with what is wrong")
    func subscriptions() throws {
        let join = SimEventSubscription(.join, group: 4)
        #expect(join.payload == [1, 0, 0, 0, 4, 0, 0, 0])
        #expect(try SimEventSubscription(payload: join.payload) == join)
        #expect(throws: SimRemoteError("event subscription of 3 bytes (expected 8: operation, group)", errno: .invalidArgument)) {
            try SimEventSubscription(payload: [1, 0, 0])
        }
        #expect(throws: SimRemoteError("event subscription operation 7 (expected 1 join or 2 leave)", errno: .invalidArgument)) {
            try SimEventSubscription(payload: [7, 0, 0, 0, 4, 0, 0, 0])
        }
    }

    @Test("control requests are answered from the emulated host with sysfs's errnos")
    func controlAnswers() throws {
        let endpoint = SimNICEndpoint(host: EmulatedHost(profile: try Fixture.profile("connectx-6dx"),
                                                         configuration: EmulatedHostConfiguration(physicalFunctions: 1)))
        let server = SimRemoteServer(endpoint: endpoint)
        let pf = PCIAddress("0000:03:00.0")!
        guard case .description(let description) = server.answer(.describe) else { Issue.record("no description"); return }
        #expect(description.profile == "connectx-6dx")
        #expect(description.pid == getpid())
        #expect(description.physicalFunctions == [pf])
        try endpoint.withHost { host throws(SimNICError) in try host.setNumVFs(2, on: pf) }
        let vf = PCIAddress("0000:03:00.2")!
        #expect(server.answer(.unbindVF(vf: vf)) == .done)
        #expect(endpoint.host.virtualFunction(at: vf)?.vf.isBound == false)
        #expect(server.answer(.unbindVF(vf: vf)) == .done, "an unbound VF stays unbound")
        #expect(server.answer(.bindVF(vf: vf)) == .done)
        #expect(endpoint.host.virtualFunction(at: vf)?.vf.isBound == true)
        #expect(server.answer(.bindVF(vf: vf)) == .done, "a bound VF stays bound")
        #expect(server.answer(.unbindVF(vf: PCIAddress("0000:03:07.0")!))
            == .failed(SimControlFailure(operation: "write /sys/bus/pci/devices/0000:03:07.0/driver/unbind", errno: .noSuchDevice)))
        guard case .devices(let devices) = server.answer(.pciDevices) else { Issue.record("no devices"); return }
        #expect(devices.map(\.address) == [pf, vf, PCIAddress("0000:03:00.3")!])
        #expect(server.answer(Array("{\"reboot\":{}}".utf8))
            == .failed(SimControlFailure(operation: "control request '{\"reboot\":{}}' is not a SimControlRequest", errno: .invalidArgument)))
    }

    @Test("control requests are JSON a person can read")
    func controlJSON() throws {
        let data = try JSONEncoder().encode(SimControlRequest.unbindVF(vf: PCIAddress("0000:03:00.2")!))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]]
        #expect(object?["unbindVF"]?["vf"] != nil, "\(String(decoding: data, as: UTF8.self))")
        #expect(try JSONDecoder().decode(SimControlRequest.self, from: data) == .unbindVF(vf: PCIAddress("0000:03:00.2")!))
    }
}

/// The events channel's overflow, with a queue small enough to overflow on purpose.
@Suite("emulator event relay")
struct SimRemoteEventRelayTests {
    @Test("an overflowing event queue reaches the subscriber as ENOBUFS, and notifications flow again after")
    func overflow() throws {
        let endpoint = SimNICEndpoint(host: EmulatedHost(profile: try Fixture.profile("connectx-6dx"), configuration: EmulatedHostConfiguration(
            physicalFunctions: 1, initialVFs: 2, eswitchMode: .switchdev)))
        let emulator = try InProcessEmulator(SimRemoteServer(endpoint: endpoint, eventCapacity: 1))
        let events = SimRemoteEventSource(path: emulator.path)
        try events.join(group: RTNLGRP.link)
        let pf = PCIAddress("0000:03:00.0")!
        // Removing both VFs changes several links at once: more than the queue holds.
        try endpoint.withHost { host throws(SimNICError) in try host.setNumVFs(0, on: pf) }
        #expect(throws: NetlinkTransportError.noBufferSpace) { try events.receive(timeout: .seconds(5)) }
        try endpoint.withHost { host throws(SimNICError) in try host.setPhysicalLink(false, on: pf) }
        var links: [LinkMessage] = []
        while case let batch = try events.receive(timeout: .milliseconds(500)), !batch.isEmpty {
            links += batch.compactMap { message in if case .link(let link) = message.body { link } else { nil } }
        }
        #expect(links.contains { $0.name == "pf0" && !$0.flags.contains(.lowerUp) }, "\(links.map(\.name))")
    }
}
