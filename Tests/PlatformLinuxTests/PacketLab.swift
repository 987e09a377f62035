import EswitchModel
import Foundation
import Netlink
import Platform
@testable import PlatformLinux
import Testing

/// A private network namespace with veth pairs for packet port tests. The kernel removes the
/// namespace and its devices when the lab (and every port opened in it) is gone.
struct PacketLab {
    let namespace: NetworkNamespace
    /// How packet ports name the namespace.
    var path: NetworkNamespacePath { NetworkNamespacePath(rawValue: namespace.debugPath) }

    /// The EtherType of test frames (IEEE 802 local experimental), so that stray frames of the
    /// kernel never count.
    static let etherType: UInt16 = 0x88B5

    /// A namespace without IPv6 (no router solicitations) and veth pairs `a`-`b` for each pair given.
    init(pairs: [(String, String)] = [("a", "b")], offloads: Bool = false) throws {
        namespace = try NetworkNamespace.create()
        try namespace.perform {
            for key in ["default", "all"] {
                try "1".write(toFile: "/proc/sys/net/ipv6/conf/\(key)/disable_ipv6", atomically: false, encoding: .utf8)
            }
        }
        for (a, b) in pairs {
            try VethPair.create(InterfaceName(a), in: namespace, peer: InterfaceName(b), peerNamespace: namespace, peerOffloads: offloads)
        }
    }

    func device(_ name: String) -> PacketDevice {
        PacketDevice(name: InterfaceName(name), namespace: path)
    }

    func open(_ name: String, _ configure: (inout PacketPortOptions) -> Void = { _ in }) throws -> any PacketPort {
        var options = PacketPortOptions()
        configure(&options)
        return try LinuxPacketPortFactory().open(device(name), options: options)
    }

    /// Runs a command inside the namespace (nsenter), throwing unless it exits 0.
    func run(_ arguments: [String]) throws {
        try NetworkNamespaceTests.run(["nsenter", "--net=\(namespace.debugPath)"] + arguments)
    }

    /// A 60-byte test frame carrying `sequence`.
    static func frame(_ sequence: UInt32, size: Int = 60) -> [UInt8] {
        var f: [UInt8] = [0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, UInt8(etherType >> 8), UInt8(etherType & 0xFF)]
        f += [UInt8(sequence >> 24), UInt8((sequence >> 16) & 0xFF), UInt8((sequence >> 8) & 0xFF), UInt8(sequence & 0xFF)]
        while f.count < size { f.append(UInt8(truncatingIfNeeded: f.count)) }
        return f
    }

    /// The sequence number of a test frame, nil for anything else.
    static func sequence(of frame: UnsafeRawBufferPointer) -> UInt32? {
        guard frame.count >= 18, frame[12] == UInt8(etherType >> 8), frame[13] == UInt8(etherType & 0xFF) else { return nil }
        return UInt32(frame[14]) << 24 | UInt32(frame[15]) << 16 | UInt32(frame[16]) << 8 | UInt32(frame[17])
    }

    /// Sends frames with sequence numbers `range` in batches of `batchSize`, retrying what the
    /// kernel did not take.
    static func send(_ range: Range<UInt32>, on port: any PacketPort, batchSize: Int = 32) throws {
        let batch = PacketBatch(capacity: batchSize)
        var next = range.lowerBound
        while next < range.upperBound || !batch.isEmpty {
            while next < range.upperBound, !batch.isFull { batch.append(frame(next)); next += 1 }
            let sent = try port.send(batch)
            batch.removeFirst(sent)
            if sent == 0 { usleep(1000) }
        }
    }

    /// Receives until `count` test frames arrived or `deadline` passed; the frames in arrival order.
    static func receive(_ count: Int, on port: any PacketPort, batch: PacketBatch = PacketBatch(capacity: 64),
                        deadline: Duration = .seconds(5)) throws -> [[UInt8]] {
        var frames: [[UInt8]] = []
        let end = ContinuousClock.now + deadline
        while frames.count < count, ContinuousClock.now < end {
            batch.removeAll()
            _ = try port.receive(into: batch, timeout: .milliseconds(50))
            for i in 0..<batch.count where sequence(of: batch[i]) != nil { frames.append(Array(batch[i])) }
        }
        return frames
    }

    /// Packet sockets open in the namespace (/proc/net/packet as the namespace sees it): their
    /// interface indexes and socket inodes.
    func packetSockets() throws -> [(ifindex: UInt32, inode: String)] {
        try namespace.perform {
            let text = try String(contentsOfFile: "/proc/thread-self/net/packet", encoding: .utf8)
            return text.split(separator: "\n").dropFirst().compactMap { line in
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                guard fields.count >= 9, let ifindex = UInt32(fields[4]) else { return nil }
                return (ifindex, String(fields[8]))
            }
        }
    }

    /// The interface index of `name` in the namespace, nil when there is no such device.
    func ifindex(_ name: String) throws -> UInt32? {
        try namespace.perform { () -> UInt32? in
            let index = if_nametoindex(name)
            return index == 0 ? nil : index
        }
    }
}
