import EswitchModel
import Netlink

/// Netlink codec throughput (issue targets: encode >= 2M flower requests/s, decode >= 1M/s).
enum CodecBenchmarks {
    static func run(_ harness: inout BenchmarkHarness) {
        let flower = typicalFlowerRequest()
        var flowerWriter = NetlinkWriter(capacity: 4096)
        harness.throughput("encode flower filter (L2+L3, tunnel_key+mirred)", iterations: 2_000_000, target: 2_000_000) {
            flowerWriter.reset()
            flower.encode(into: &flowerWriter)
            return flowerWriter.count
        }
        harness.throughput("build+encode flower filter (typed model -> bytes)", iterations: 300_000) {
            flowerWriter.reset()
            typicalFlowerRequest().encode(into: &flowerWriter)
            return flowerWriter.count
        }
        let flowerBytes = flower.encoded()
        harness.throughput("decode flower filter (L2+L3, tunnel_key+mirred)", iterations: 1_000_000, target: 1_000_000) {
            (try? NetlinkMessage.decode(flowerBytes, context: .route)) == nil ? 0 : 1
        }
        let fdb = NetlinkMessage(
            type: RTM.newNeigh, flags: [.request, .ack, .exclusive, .create],
            body: .neighbour(NeighbourMessage(
                family: AddressFamily.bridge, ifindex: IfIndex(6), state: [.permanent, .noarp], flags: [.self],
                attributes: [.linkLayerAddress(MACAddress("02:00:00:00:00:02")!), .destination(IPAddress("10.0.0.2")!), .vni(100)])))
        var writer = NetlinkWriter(capacity: 4096)
        harness.throughput("encode FDB entry (RTM_NEWNEIGH)", iterations: 2_000_000) {
            writer.reset()
            fdb.encode(into: &writer)
            return writer.count
        }
        let bytes = fdb.encoded()
        harness.throughput("decode FDB entry (RTM_NEWNEIGH)", iterations: 1_000_000) {
            (try? NetlinkMessage.decode(bytes, context: .route)) == nil ? 0 : 1
        }
    }
}

extension CodecBenchmarks {
    /// The "typical request": L2+L3 keys, tunnel_key set + mirred redirect to the VXLAN device.
    static func typicalFlowerRequest() -> NetlinkMessage {
        var match = FlowerMatch()
        match.dstMAC = .exact(MACAddress("02:00:00:00:00:07")!)
        match.srcMAC = .exact(MACAddress("02:00:00:00:00:05")!)
        match.ipProto = .udp
        match.srcIP = .exact(.v4(IPv4Address("10.0.0.5")!))
        match.dstIP = .exact(.v4(IPv4Address("10.0.1.9")!))
        let actions = TCAction.list([
            TCAction(order: 0, .tunnelKey(.set(keyID: 5001, source: .v4(IPv4Address("172.16.0.1")!), destination: .v4(IPv4Address("172.16.0.9")!), destinationPort: 4789))),
            TCAction(order: 0, .mirred(.redirect(.egress, to: IfIndex(6)))),
        ])
        let filter = try! FilterMessage.flower(ifindex: IfIndex(3), priority: 2, protocol: .ipv4, match: match, actions: actions, flags: [.skipSoftware])
        return NetlinkMessage.addFilter(filter)
    }
}
