import EswitchModel
import Foundation
import Platform
@testable import PlatformLinux
import Testing

/// AF_PACKET and TAP packet ports against this machine's kernel, on veth pairs in private
/// network namespaces.
@Suite("Packet ports")
struct PacketPortTests {
    static let mechanisms: [(PacketPortOptions.Mechanism, PacketPortOptions.Mechanism)] = [
        (.ring, .ring), (.ring, .systemCalls), (.systemCalls, .ring), (.systemCalls, .systemCalls),
    ]

    @Test("frames sent on one end of a veth arrive on the other in order, byte for byte",
          arguments: mechanisms)
    func roundTrip(receive: PacketPortOptions.Mechanism, transmit: PacketPortOptions.Mechanism) throws {
        let lab = try PacketLab()
        let sender = try lab.open("a") { $0.transmitMechanism = transmit; $0.receiveMechanism = receive }
        let receiver = try lab.open("b") { $0.receiveMechanism = receive; $0.transmitMechanism = transmit }
        try PacketLab.send(0..<300, on: sender)
        let frames = try PacketLab.receive(300, on: receiver)
        #expect(frames.count == 300)
        #expect(frames == (0..<300).map { PacketLab.frame(UInt32($0)) })
        #expect(sender.statistics.sent >= 300)
        #expect(receiver.statistics.received >= 300)
    }

    @Test("a frame longer than a minimum one keeps every byte", arguments: [PacketPortOptions.Mechanism.ring, .systemCalls])
    func largeFrame(mechanism: PacketPortOptions.Mechanism) throws {
        let lab = try PacketLab()
        let sender = try lab.open("a") { $0.transmitMechanism = mechanism }
        let receiver = try lab.open("b") { $0.receiveMechanism = mechanism }
        let frame = PacketLab.frame(7, size: 1514)
        let batch = PacketBatch(capacity: 1)
        batch.append(frame)
        #expect(try sender.send(batch) == 1)
        #expect(try PacketLab.receive(1, on: receiver) == [frame])
    }

    @Test("a receive takes at most the batch's free slots; the rest waits for the next one",
          arguments: [PacketPortOptions.Mechanism.ring, .systemCalls])
    func batchCapacity(mechanism: PacketPortOptions.Mechanism) throws {
        let lab = try PacketLab()
        let sender = try lab.open("a")
        let receiver = try lab.open("b") { $0.receiveMechanism = mechanism }
        try PacketLab.send(0..<100, on: sender)
        #expect(try receiver.waitForFrames(timeout: .seconds(2)))
        usleep(50_000)  // the ring hands a block over when its timeout (1 ms) passes
        let small = PacketBatch(capacity: 16)
        #expect(try receiver.receive(into: small) == 16)
        #expect(small.isFull)
        #expect(try receiver.receive(into: small) == 0)  // full: nothing more fits
        #expect((0..<16).map { PacketLab.sequence(of: small[$0]) } == (0..<16).map { UInt32($0) })
        small.removeAll()
        let rest = try PacketLab.receive(84, on: receiver, batch: small)
        #expect(rest == (16..<100).map { PacketLab.frame(UInt32($0)) })
    }

    @Test("a receive with a timeout returns nothing once the time passed without frames",
          arguments: [PacketPortOptions.Mechanism.ring, .systemCalls])
    func timeout(mechanism: PacketPortOptions.Mechanism) throws {
        let lab = try PacketLab()
        let receiver = try lab.open("b") { $0.receiveMechanism = mechanism }
        let start = ContinuousClock.now
        #expect(try receiver.receive(into: PacketBatch(), timeout: .milliseconds(150)) == 0)
        #expect(ContinuousClock.now - start >= .milliseconds(140))
        #expect(try receiver.waitForFrames(timeout: .zero) == false)
    }

    @Test("a port does not see transmissions on its device unless asked (PACKET_IGNORE_OUTGOING)")
    func ignoreOutgoing() throws {
        let lab = try PacketLab()
        // Through the queueing discipline: frames sent around it (PACKET_QDISC_BYPASS) never reach
        // the device's packet taps at all.
        let sender = try lab.open("a") { $0.bypassQueueingDiscipline = false }
        let deaf = try lab.open("a")
        let hearing = try lab.open("a") { $0.ignoreOutgoing = false }
        try PacketLab.send(0..<10, on: sender)
        #expect(try PacketLab.receive(10, on: hearing).count == 10)
        #expect(try PacketLab.receive(1, on: deaf, deadline: .milliseconds(200)).isEmpty)
        #expect(try PacketLab.receive(1, on: sender, deadline: .milliseconds(200)).isEmpty)
    }

    @Test("a VLAN tag the kernel moved into metadata is put back in the frame",
          arguments: [PacketPortOptions.Mechanism.ring, .systemCalls], [UInt16(0x8100), 0x88A8])
    func vlanTag(mechanism: PacketPortOptions.Mechanism, tpid: UInt16) throws {
        let lab = try PacketLab()
        let sender = try lab.open("a")
        let receiver = try lab.open("b") { $0.receiveMechanism = mechanism }
        var tagged = PacketLab.frame(5, size: 64)
        // Priority 3, VLAN 42, then the test EtherType.
        tagged.insert(contentsOf: [UInt8(tpid >> 8), UInt8(tpid & 0xFF), 0x60, 42], at: 12)
        let batch = PacketBatch(capacity: 1)
        batch.append(tagged)
        #expect(try sender.send(batch) == 1)
        var received: [UInt8]?
        let end = ContinuousClock.now + .seconds(3)
        let into = PacketBatch()
        while received == nil, ContinuousClock.now < end {
            into.removeAll()
            _ = try receiver.receive(into: into, timeout: .milliseconds(50))
            for i in 0..<into.count where into[i].count > 16 && into[i][16] == 0x88 && into[i][17] == 0xB5 { received = Array(into[i]) }
        }
        #expect(received == tagged)
    }

    @Test("frames beyond the ring's space are counted as receive drops")
    func drops() throws {
        let lab = try PacketLab()
        let sender = try lab.open("a")
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let receiver = try lab.open("b") { $0.blockSize = page; $0.receiveRingSize = page; $0.frameSize = 2048 }
        try PacketLab.send(0..<500, on: sender)
        usleep(50_000)
        #expect(receiver.statistics.receiveDrops > 0)
        let kept = try PacketLab.receive(500, on: receiver, deadline: .milliseconds(300))
        #expect(!kept.isEmpty && kept.count < 500)
    }

    @Test("a frame sent with checksum offload is flagged: its checksum is left to the device",
          arguments: [PacketPortOptions.Mechanism.ring, .systemCalls])
    func checksumPending(mechanism: PacketPortOptions.Mechanism) throws {
        let lab = try PacketLab(offloads: true)
        // Send from a's stack (transmit checksum offload on) to an address behind b.
        try lab.run(["ip", "addr", "add", "10.99.0.1/24", "dev", "a"])
        try lab.run(["ip", "neigh", "add", "10.99.0.2", "lladdr", "02:00:00:00:00:02", "dev", "a", "nud", "permanent"])
        let receiver = try lab.open("b") { $0.receiveMechanism = mechanism }
        try lab.namespace.perform {
            let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
            defer { Glibc.close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(9999).bigEndian
            address.sin_addr.s_addr = UInt32(0x0A63_0002).bigEndian
            let payload = [UInt8](repeating: 0xAB, count: 32)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, payload, payload.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        let batch = PacketBatch()
        var flags: PacketFlags?
        let end = ContinuousClock.now + .seconds(3)
        while flags == nil, ContinuousClock.now < end {
            batch.removeAll()
            _ = try receiver.receive(into: batch, timeout: .milliseconds(50))
            // IPv4 UDP to port 9999.
            for i in 0..<batch.count where batch[i].count >= 38 && batch[i][12] == 0x08 && batch[i][23] == 17 && batch[i][36] == 0x27 && batch[i][37] == 0x0F {
                flags = batch.flags(at: i)
            }
        }
        #expect(flags?.contains(.checksumPending) == true)
    }

    @Test("closing a port releases its socket and ring; later calls say it is closed")
    func closing() throws {
        let lab = try PacketLab()
        let b = try #require(try lab.ifindex("b"))
        let port = try lab.open("b") { $0.transmitMechanism = .ring }
        #expect(port.ifindex == IfIndex(b))
        let sockets = try lab.packetSockets().filter { $0.ifindex == b }
        #expect(sockets.count == 1)
        let inode = try #require(sockets.first?.inode)
        let maps = try String(contentsOfFile: "/proc/self/maps", encoding: .utf8)
        #expect(maps.contains("socket:[\(inode)]"))
        port.close()
        #expect(try lab.packetSockets().filter { $0.ifindex == b }.isEmpty)
        #expect(!(try String(contentsOfFile: "/proc/self/maps", encoding: .utf8)).contains("socket:[\(inode)]"))
        #expect(throws: PacketPortError.closed(port.device.description)) { try port.receive(into: PacketBatch()) }
        #expect(throws: PacketPortError.closed(port.device.description)) { try port.send(PacketBatch()) }
        port.close()  // twice is harmless
    }

    @Test("a TAP port creates its device: what it writes arrives on the device, what the device sends reaches it; closing removes the device")
    func tap() throws {
        let lab = try PacketLab(pairs: [])
        let tap = try LinuxPacketPortFactory(tapAddresses: [InterfaceName("tap0"): MACAddress(0x02, 0, 0, 0, 0x7A, 0x01)])
            .open(PacketDevice(name: InterfaceName("tap0"), namespace: lab.path, kind: .tap), options: PacketPortOptions())
        #expect(try lab.ifindex("tap0") == tap.ifindex.rawValue)
        let listener = try lab.open("tap0")
        try PacketLab.send(0..<20, on: tap)
        #expect(try PacketLab.receive(20, on: listener) == (0..<20).map { PacketLab.frame(UInt32($0)) })
        try PacketLab.send(100..<120, on: listener)
        #expect(try PacketLab.receive(20, on: tap) == (100..<120).map { PacketLab.frame(UInt32($0)) })
        tap.close()
        #expect(try lab.ifindex("tap0") == nil)
    }

    @Test("a missing device, namespace or bad name is a typed error naming it")
    func errors() throws {
        let lab = try PacketLab(pairs: [])
        let factory = LinuxPacketPortFactory()
        #expect(throws: PacketPortError.noSuchDevice("nothere in \(lab.path)")) {
            try factory.open(lab.device("nothere"), options: PacketPortOptions())
        }
        let missing = NetworkNamespacePath.named("eswitch-no-such-\(getpid())")
        let error = #expect(throws: PacketPortError.self) {
            try factory.open(PacketDevice(name: InterfaceName("a"), namespace: missing), options: PacketPortOptions())
        }
        guard case .namespaceUnavailable(let what, let call)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(what.contains("eswitch-no-such") && call.errno == .noSuchFileOrDirectory)
        #expect(throws: PacketPortError.invalidName("much-too-long-name", reason: InterfaceName("much-too-long-name").problem!)) {
            try factory.open(PacketDevice(name: InterfaceName("much-too-long-name"), namespace: lab.path), options: PacketPortOptions())
        }
        var bad = PacketPortOptions()
        bad.blockSize = 3000
        #expect(throws: PacketPortError.self) { try factory.open(lab.device("lo"), options: bad) }
    }

    @Test("the poller names the port with frames and returns early when woken")
    func poller() throws {
        let lab = try PacketLab(pairs: [("a", "b"), ("c", "d")])
        let b = try lab.open("b"), d = try lab.open("d")
        let poller = try LinuxPacketPortFactory().makePoller(for: [b, d])
        var ready: [Int] = [42]
        try poller.wait(timeout: .milliseconds(20), ready: &ready)
        #expect(ready.isEmpty)
        try PacketLab.send(0..<3, on: try lab.open("c"))
        let end = ContinuousClock.now + .seconds(3)
        while ready.isEmpty, ContinuousClock.now < end { try poller.wait(timeout: .milliseconds(50), ready: &ready) }
        #expect(ready == [1])
        _ = try d.receive(into: PacketBatch())
        let waker = Thread { usleep(50_000); poller.wake() }
        waker.start()
        let start = ContinuousClock.now
        try poller.wait(timeout: .seconds(10), ready: &ready)
        #expect(ready.isEmpty)
        #expect(ContinuousClock.now - start < .seconds(5))
        poller.close()
    }
}
