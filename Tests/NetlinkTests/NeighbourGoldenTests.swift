import EswitchModel
import Netlink
import Testing

/// FDB and neighbour requests built from the typed model must equal iproute2's bytes.
@Suite struct NeighbourGoldenTests {
    let corpus = GoldenCorpus.shared

    @Test func fdbAddTowardsRemoteVTEP() throws {
        let message = NetlinkMessage(
            type: RTM.newNeigh, flags: [.request, .ack, .exclusive, .create],
            body: .neighbour(NeighbourMessage(
                family: AddressFamily.bridge, ifindex: IfIndex(6), state: [.permanent, .noarp], flags: [.self],
                attributes: [
                    .linkLayerAddress(MACAddress("02:00:00:00:00:02")!),
                    .destination(IPAddress("10.0.0.2")!),
                    .vni(100),
                ])))
        let golden = corpus.bytes("bridge fdb add 02:00:00:00:00:02 dev vxlan0 dst 10.0.0.2 vni 100 self permanent")
        #expect(message.encoded() == golden)
        #expect(try NetlinkMessage.decode(golden, context: .route) == message)
    }

    @Test func fdbDelete() throws {
        let message = NetlinkMessage(
            type: RTM.delNeigh, flags: [.request, .ack],
            body: .neighbour(NeighbourMessage(
                family: AddressFamily.bridge, ifindex: IfIndex(6), state: [.permanent, .noarp], flags: [.self],
                attributes: [.linkLayerAddress(MACAddress("02:00:00:00:00:02")!), .destination(IPAddress("10.0.0.2")!), .vni(100)])))
        let golden = corpus.bytes("bridge fdb del 02:00:00:00:00:02 dev vxlan0 dst 10.0.0.2 vni 100 self")
        #expect(message.encoded() == golden)
        #expect(try NetlinkMessage.decode(golden, context: .route) == message)
    }

    @Test func neighbourAdd() throws {
        let message = NetlinkMessage(
            type: RTM.newNeigh, flags: [.request, .ack, .exclusive, .create],
            body: .neighbour(NeighbourMessage(
                family: AddressFamily.inet, ifindex: IfIndex(3), state: [.permanent],
                attributes: [.destination(IPAddress("10.0.0.9")!), .linkLayerAddress(MACAddress("02:00:00:00:00:09")!)])))
        let golden = corpus.bytes("ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev X")
        #expect(message.encoded() == golden)
        #expect(try NetlinkMessage.decode(golden, context: .route) == message)
    }
}
