import EswitchModel
import Netlink

/// Netlink codec throughput (issue targets: encode >= 2M flower requests/s, decode >= 1M/s).
enum CodecBenchmarks {
    static func run(_ harness: inout BenchmarkHarness) {
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
