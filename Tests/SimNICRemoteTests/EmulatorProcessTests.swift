import EswitchModel
import Foundation
import Netlink
import Platform
import SimNICRemote
import Testing

/// The Platform implementations against a real `eswitch-hil sim serve` process, and the launcher
/// that finds or starts it.
@Suite("emulator process", .serialized)
struct EmulatorProcessTests {
    @Test("the launcher starts an emulator in its own session once, and finds it again")
    func startsOnceAndFindsAgain() throws {
        let emulator = try RunningEmulator()
        #expect(emulator.attachment.started)
        #expect(emulator.attachment.description.profile == "connectx-6dx")
        #expect(emulator.attachment.description.argument("--vfs") == "2")
        #expect(getsid(emulator.pid) == emulator.pid, "the emulator leads a session of its own")
        let again = try emulator.launcher.attach()
        #expect(!again.started)
        #expect(again.description.pid == emulator.pid)
        #expect(again.removedStaleFiles.isEmpty)
        #expect(try String(contentsOfFile: emulator.launcher.files.pid, encoding: .utf8) == "\(emulator.pid)\n")
    }

    @Test("netlink requests, refusals and dumps, sysfs-like control and notifications reach the emulated host")
    func platformThroughTheSocket() throws {
        let emulator = try RunningEmulator()
        let route = SimRemoteNetlinkTransport(connection: SimRemoteConnection(path: emulator.socket), protocol: .route)
        let events = SimRemoteEventSource(path: emulator.socket)
        try events.join(group: RTNLGRP.tc)
        #expect(try events.receive(timeout: .milliseconds(50)).isEmpty)

        let links = try route.dump(LinkMessage.dumpRequest())
        let names = links.compactMap { message -> String? in if case .link(let link) = message.body { link.name } else { nil } }
        #expect(names.contains("pf0") && names.contains("pf0vf0") && names.contains("pf0vf1"), "\(names)")
        let rep = links.compactMap { message -> IfIndex? in
            if case .link(let link) = message.body, link.name == "pf0vf0" { link.ifindex } else { nil }
        }.first!
        try route.request(.addQdisc(.ingress(ifindex: rep)))
        do {
            try route.request(.addQdisc(.ingress(ifindex: rep)))
            Issue.record("a second ingress qdisc was accepted")
        } catch {
            #expect(error.errno == .fileExists)
            #expect(error.extackMessage == "Exclusivity flag on, cannot modify")
        }
        let notified = try events.receive(timeout: .seconds(5))
        #expect(notified.map(\.type) == [RTM.newQdisc])

        let generic = SimRemoteNetlinkTransport(connection: SimRemoteConnection(path: emulator.socket), protocol: .generic)
        let devlink = try generic.resolve(.devlink)
        #expect(generic.families[devlink.id] == .devlink)

        let control = SimEmulatorControl(connection: SimRemoteConnection(path: emulator.socket))
        let sriov = SimRemoteSRIOVControl(connection: SimRemoteConnection(path: emulator.socket))
        let pf = PCIAddress("0000:03:00.0")!
        #expect(try sriov.numVFs(of: pf) == 2)
        #expect(try sriov.totalVFs(of: pf) == 127)
        do {
            try sriov.setNumVFs(3, on: pf)
            Issue.record("changing 2 VFs to 3 without going through 0 was accepted")
        } catch {
            #expect(error == .systemCall(SystemCallError("write /sys/bus/pci/devices/0000:03:00.0/sriov_numvfs", errno: .resourceBusy)))
        }
        #expect(throws: PlatformError.systemCall(SystemCallError("read /sys/bus/pci/devices/0000:09:00.0/sriov_numvfs", errno: .noSuchFileOrDirectory))) {
            try sriov.numVFs(of: PCIAddress("0000:09:00.0")!)
        }
        let devices = try SimRemotePCIDiscovery(control: control).devices()
        #expect(devices.first?.sriov?.numVFs == 2)
        #expect(devices.count == 3)
        let binding = SimRemoteDriverBinding(control: control)
        try binding.unbind(vf: PCIAddress("0000:03:00.2")!)
        let unbound = try events.receive(timeout: .milliseconds(200))
        #expect(unbound.isEmpty, "the tc group hears nothing of a VF unbind")
        #expect(throws: PlatformError.self) { try binding.bind(vf: PCIAddress("0000:03:05.0")!) }
    }

    @Test("a pid file and socket left by a dead emulator are removed and a new emulator starts")
    func staleFiles() throws {
        let emulator = try RunningEmulator()
        Fixture.stop(emulator.pid, signal: SIGKILL)
        #expect(FileManager.default.fileExists(atPath: emulator.launcher.files.pid))
        #expect(FileManager.default.fileExists(atPath: emulator.launcher.files.socket))
        let restarted = try emulator.launcher.attach()
        defer { Fixture.stop(restarted.description.pid) }
        #expect(restarted.started)
        #expect(restarted.description.pid != emulator.pid)
        #expect(Set(restarted.removedStaleFiles) == [emulator.launcher.files.pid, emulator.launcher.files.socket])

        // A pid file naming a live process that is not this directory's emulator is stale too.
        Fixture.stop(restarted.description.pid, signal: SIGKILL)
        try "\(getpid())\n".write(toFile: emulator.launcher.files.pid, atomically: true, encoding: .utf8)
        let third = try emulator.launcher.attach()
        defer { Fixture.stop(third.description.pid) }
        #expect(third.started)
        #expect(third.removedStaleFiles.contains(emulator.launcher.files.pid))
    }

    @Test("an emulator that exits at start is reported with its own words")
    func exitAtStart() throws {
        let directory = Fixture.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let launcher = Fixture.launcher(directory: directory, profile: "connectx-99")
        do {
            _ = try launcher.attach()
            Issue.record("an emulator of an unknown profile started")
        } catch {
            #expect(error.errno == Errno(ECHILD))
            #expect(error.message.contains("exited while starting"), "\(error)")
            #expect(error.message.contains("connectx-99"), "\(error)")
        }
    }

    @Test("losing the emulator is one event-socket error, then quiet, then a resynchronisation on the next emulator")
    func eventsAcrossAnEmulatorRestart() throws {
        let emulator = try RunningEmulator()
        let events = SimRemoteEventSource(path: emulator.socket)
        try events.join(group: RTNLGRP.link)
        #expect(try events.receive(timeout: .milliseconds(20)).isEmpty)
        let route = SimRemoteNetlinkTransport(connection: SimRemoteConnection(path: emulator.socket), protocol: .route)
        let links = try route.dump(LinkMessage.dumpRequest()).count
        Fixture.stop(emulator.pid, signal: SIGKILL)
        #expect(throws: NetlinkTransportError.self) { try route.dump(LinkMessage.dumpRequest()) }
        do {
            _ = try events.receive(timeout: .seconds(5))
            Issue.record("the lost emulator went unnoticed")
        } catch {
            #expect(error.errno == Errno(ECONNRESET))
        }
        let started = ContinuousClock.now
        #expect(try events.receive(timeout: .milliseconds(300)).isEmpty)
        #expect(ContinuousClock.now - started >= .milliseconds(300), "no emulator: the receive waits its timeout, it does not spin")
        let next = try emulator.launcher.attach()
        defer { Fixture.stop(next.description.pid) }
        #expect(throws: NetlinkTransportError.noBufferSpace) { try events.receive(timeout: .seconds(1)) }
        // The transport's next exchange connects to the new emulator.
        #expect(try route.dump(LinkMessage.dumpRequest()).count == links)
        let control = SimEmulatorControl(connection: SimRemoteConnection(path: emulator.socket))
        try SimRemoteDriverBinding(control: control).unbind(vf: PCIAddress("0000:03:00.2")!)
        let removed = try events.receive(timeout: .seconds(5))
        #expect(removed.map(\.type) == [RTM.delLink], "the VF's netdev goes with its driver")
    }
}
