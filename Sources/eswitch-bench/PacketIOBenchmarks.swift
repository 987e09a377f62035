import EswitchModel
import Foundation
import Platform
import PlatformLinux
import Synchronization

/// How frames move between the kernel and a packet port, measured on a veth pair in a private
/// network namespace with 64-byte frames (60 without FCS), batches of 64:
///
/// - transmit: frames per second one thread hands to the kernel, through a TPACKET_V3 transmit
///   ring or sendmmsg, with and without PACKET_QDISC_BYPASS;
/// - receive: with a second thread sending as fast as it can, frames per second one thread takes
///   from a TPACKET_V3 ring or with recvmmsg, and that thread's CPU time per frame (the cost the
///   mechanism puts on the consumer; the kernel's delivery runs on the sender's CPU).
///
/// These figures chose ``PacketPortOptions``' defaults (receive ring, transmit sendmmsg, bypass).
enum PacketIOBenchmarks {
    static let families = ["packet I/O"]

    static func isSelected(by only: String?) -> Bool {
        guard let only else { return true }
        return families.contains { $0.contains(only) || only.contains($0) }
    }

    static func run(_ harness: inout BenchmarkHarness, seconds: Double) {
        guard getuid() == 0 else { print("packet I/O: needs root (network namespaces), skipped"); return }
        let lab: Lab
        do {
            lab = try Lab()
        } catch {
            print("packet I/O: cannot set up the veth pair: \(error), skipped")
            return
        }
        // Rounds interleave the variants, so that a busy moment of the shared machine hits all
        // of them alike; each variant keeps its best round.
        var transmit: [(name: String, options: PacketPortOptions)] = []
        for mechanism in PacketPortOptions.Mechanism.allCases {
            for bypass in [true, false] {
                var options = PacketPortOptions()
                options.transmitMechanism = mechanism
                options.bypassQueueingDiscipline = bypass
                transmit.append(("packet I/O: transmit \(mechanism == .ring ? "TPACKET_V3 ring" : "sendmmsg")\(bypass ? ", qdisc bypass" : "")", options))
            }
        }
        var receive: [(label: String, options: PacketPortOptions)] = []
        for mechanism in PacketPortOptions.Mechanism.allCases {
            var options = PacketPortOptions()
            options.receiveMechanism = mechanism
            receive.append((mechanism == .ring ? "TPACKET_V3 ring" : "recvmmsg", options))
        }
        var transmitRates = [Double](repeating: 0, count: transmit.count)
        var receiveRates = [Double](repeating: 0, count: receive.count)
        var receiveCosts = [Double](repeating: .infinity, count: receive.count)
        do {
            for _ in 0..<max(1, harness.rounds) {
                for (index, variant) in transmit.enumerated() {
                    transmitRates[index] = max(transmitRates[index], try transmitRate(lab, options: variant.options, seconds: seconds))
                }
                for (index, variant) in receive.enumerated() {
                    let (rate, cost) = try receiveRate(lab, options: variant.options, seconds: seconds)
                    receiveRates[index] = max(receiveRates[index], rate)
                    receiveCosts[index] = min(receiveCosts[index], cost)
                }
            }
        } catch {
            print("packet I/O: \(error)")
            return
        }
        for (index, variant) in transmit.enumerated() {
            harness.record(.init(name: variant.name, unit: "frames/s", value: transmitRates[index], target: nil, better: "higher"))
        }
        for (index, variant) in receive.enumerated() {
            harness.record(.init(name: "packet I/O: receive \(variant.label)", unit: "frames/s", value: receiveRates[index], target: nil, better: "higher"))
            harness.record(.init(name: "packet I/O: receive \(variant.label), consumer CPU", unit: "ns/frame", value: receiveCosts[index], target: nil, better: "lower"))
        }
    }

    /// A private namespace with the veth pair a-b.
    struct Lab {
        let namespace: NetworkNamespace
        var path: NetworkNamespacePath { NetworkNamespacePath(rawValue: namespace.debugPath) }

        init() throws {
            namespace = try NetworkNamespace.create()
            try namespace.perform {
                try "1".write(toFile: "/proc/sys/net/ipv6/conf/default/disable_ipv6", atomically: false, encoding: .utf8)
            }
            try VethPair.create(InterfaceName("a"), in: namespace, peer: InterfaceName("b"), peerNamespace: namespace)
        }

        func open(_ name: String, _ options: PacketPortOptions) throws -> any PacketPort {
            try LinuxPacketPortFactory().open(PacketDevice(name: InterfaceName(name), namespace: path), options: options)
        }
    }

    /// The 64-byte UDP frame of the forwarding anchors' sender.
    static let frame: [UInt8] = {
        var f: [UInt8] = [0x02, 0, 0, 0, 0x02, 0x02, 0x02, 0, 0, 0, 0x01, 0x01, 0x08, 0x00,
                          0x45, 0, 0, 46, 0, 0, 0, 0, 64, 17, 0, 0, 198, 18, 0, 1, 198, 18, 0, 2,
                          0x13, 0x88, 0, 9, 0, 26, 0, 0]
        while f.count < 60 { f.append(0) }
        return f
    }()

    static func fullBatch() -> PacketBatch {
        let batch = PacketBatch(capacity: 64)
        while !batch.isFull { batch.append(frame) }
        return batch
    }

    /// Frames per second one thread sends for `seconds`.
    static func transmitRate(_ lab: Lab, options: PacketPortOptions, seconds: Double) throws -> Double {
        let port = try lab.open("a", options)
        defer { port.close() }
        let batch = fullBatch()
        let end = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        let start = ContinuousClock.now
        var sent = 0
        while ContinuousClock.now < end {
            for _ in 0..<16 { sent += try port.send(batch) }
        }
        return Double(sent) / (ContinuousClock.now - start).seconds
    }

    /// Frames per second received while another thread sends flat out, and the receiving thread's
    /// CPU nanoseconds per frame.
    static func receiveRate(_ lab: Lab, options: PacketPortOptions, seconds: Double) throws -> (Double, Double) {
        let receiver = try lab.open("b", options)
        defer { receiver.close() }
        let sender = try lab.open("a", PacketPortOptions())
        defer { sender.close() }
        let stop = Atomic<Bool>(false)
        let done = DispatchSemaphore(value: 0)
        let senderBox = UncheckedPort(sender)
        Thread {
            let batch = fullBatch()
            while !stop.load(ordering: .relaxed) { _ = try? senderBox.port.send(batch) }
            done.signal()
        }.start()
        let batch = PacketBatch(capacity: 256)
        usleep(100_000)
        // Drain what queued up before measuring.
        while try receiver.receive(into: batch) > 0 { batch.removeAll() }
        var received = 0
        let cpu0 = threadCPU()
        let start = ContinuousClock.now
        let end = start + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < end {
            batch.removeAll()
            received += try receiver.receive(into: batch, timeout: .milliseconds(10))
        }
        let elapsed = (ContinuousClock.now - start).seconds
        let cpu = threadCPU() - cpu0
        stop.store(true, ordering: .relaxed)
        done.wait()
        return (Double(received) / elapsed, received > 0 ? cpu * 1e9 / Double(received) : .infinity)
    }

    /// CPU seconds of the calling thread.
    static func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

/// A port handed to the sender thread (used by that thread only).
struct UncheckedPort: @unchecked Sendable {
    let port: any PacketPort
    init(_ port: any PacketPort) { self.port = port }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
