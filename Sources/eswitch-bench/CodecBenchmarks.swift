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
        let values = TypicalValues()
        harness.throughput("build+encode flower filter (typed model -> bytes)", iterations: 300_000) {
            flowerWriter.reset()
            typicalFlowerRequest(values).encode(into: &flowerWriter)
            return flowerWriter.count
        }
        let flowerBytes = flower.encoded()
        harness.throughput("decode flower filter (L2+L3, tunnel_key+mirred)", iterations: 1_000_000, target: 1_000_000) {
            decodedType(flowerBytes)
        }
        let dump = flowerDumpAnswer()
        var dumpWriter = NetlinkWriter(capacity: 4096)
        harness.throughput("encode flower dump answer (stats, in_hw)", iterations: 1_000_000) {
            dumpWriter.reset()
            dump.encode(into: &dumpWriter)
            return dumpWriter.count
        }
        let dumpBytes = dump.encoded()
        // A decode that fell back to raw bytes would measure the wrong thing.
        precondition((try? NetlinkMessage.decode(dumpBytes, context: .route)) == dump, "dump answer does not round-trip")
        harness.throughput("decode flower dump answer (stats, in_hw)", iterations: 500_000) {
            decodedType(dumpBytes)
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
            decodedType(bytes)
        }
    }
}

extension CodecBenchmarks {
    /// Decodes one message and returns its type (0 on error). Written as do/catch because
    /// `(try? decode(...)) == nil` compares through a generic `(NetlinkMessage?, NetlinkMessage?)`
    /// tuple, whose metadata lookup and destruction cost more than a tenth of a flower decode.
    @inline(never) static func decodedType(_ bytes: [UInt8]) -> Int {
        do { return Int(try NetlinkMessage.decode(bytes, context: .route).type) } catch { return 0 }
    }

    /// The values of the typical rule, parsed from text once: the build figure measures the typed
    /// model and the encoder, not address parsing.
    struct TypicalValues {
        let dstMAC = MACAddress("02:00:00:00:00:07")!, srcMAC = MACAddress("02:00:00:00:00:05")!
        let srcIP = IPAddress("10.0.0.5")!, dstIP = IPAddress("10.0.1.9")!
        let vtepA = IPAddress("172.16.0.1")!, vtepB = IPAddress("172.16.0.9")!
    }

    /// The "typical request": L2+L3 keys, tunnel_key set + mirred redirect to the VXLAN device.
    static func typicalFlowerRequest(_ v: TypicalValues = TypicalValues()) -> NetlinkMessage {
        var match = FlowerMatch()
        match.dstMAC = .exact(v.dstMAC)
        match.srcMAC = .exact(v.srcMAC)
        match.ipProto = .udp
        match.srcIP = .exact(v.srcIP)
        match.dstIP = .exact(v.dstIP)
        let actions = [
            TCAction(order: 1, .tunnelKey(.set(keyID: 5001, source: v.vtepA, destination: v.vtepB, destinationPort: 4789))),
            TCAction(order: 2, .mirred(.redirect(.egress, to: IfIndex(6)))),
        ]
        let filter = try! FilterMessage.flower(ifindex: IfIndex(3), priority: 2, protocol: .ipv4, match: match, actions: actions, flags: [.skipSoftware])
        return NetlinkMessage.addFilter(filter)
    }
}

extension CodecBenchmarks {
    /// One message of a `tc -s filter show` dump answer for the typical rule, laid out as the kernel
    /// sends it: every key with its mask, flags with in_hw, in_hw_count, and per action the kind,
    /// counters (basic, basic_hw, queue), hw_stats, in_hw_count and unflagged options with times.
    /// The agent reads 100K of these when it reconciles.
    static func flowerDumpAnswer() -> NetlinkMessage {
        let mac7 = MACAddress("02:00:00:00:00:07")!, mac5 = MACAddress("02:00:00:00:00:05")!
        let time = TCActionTime(install: 120_000, lastUse: 35, expires: 0, firstUse: 119_000)
        func stats(packets: UInt32) -> TCActionAttribute {
            .statistics([
                .basic(TCStatsBasic(bytes: UInt64(packets) * 1400, packets: packets)),
                .basicHardware(TCStatsBasic(bytes: UInt64(packets) * 1400, packets: packets)),
                .queue(TCStatsQueue()),
            ])
        }
        let tunnelKey = TCAction(order: 1, attributes: [
            .kind(.tunnelKey), stats(packets: 123_456), .hardwareStats(TCBitfield32(value: 3, selector: 3)),
            .usedHardwareStats(TCBitfield32(value: 2, selector: 2)), .inHardwareCount(1),
            .options(.tunnelKey(TunnelKeyOptions([
                .parameters(TunnelKeyParameters(common: TCActionCommon(verdict: .pipe, index: 17, refcnt: 1, bindcnt: 1), action: .set)),
                .keyID(5001), .ipv4Source(IPv4Address("172.16.0.1")!), .ipv4Destination(IPv4Address("172.16.0.9")!),
                .destinationPort(4789), .noChecksum(0), .time(time),
            ])), nestedFlag: false),
        ])
        let mirred = TCAction(order: 2, attributes: [
            .kind(.mirred), stats(packets: 123_456), .hardwareStats(TCBitfield32(value: 3, selector: 3)),
            .usedHardwareStats(TCBitfield32(value: 2, selector: 2)), .inHardwareCount(1),
            .options(.mirred(MirredOptions([
                .parameters(MirredParameters(common: TCActionCommon(verdict: .stolen, index: 9, refcnt: 1, bindcnt: 1), action: .egressRedirect, ifindex: IfIndex(6))),
                .time(time),
            ])), nestedFlag: false),
        ])
        let options = FlowerOptions([
            .dstMAC(mac7), .dstMACMask(.broadcast), .srcMAC(mac5), .srcMACMask(.broadcast), .ethType(.ipv4), .ipProto(.udp),
            .srcIPv4(IPv4Address("10.0.0.5")!), .srcIPv4Mask(IPv4Address("255.255.255.255")!),
            .dstIPv4(IPv4Address("10.0.1.9")!), .dstIPv4Mask(IPv4Address("255.255.255.255")!),
            .flags([.skipSoftware, .inHardware]), .inHardwareCount(1), .actions([tunnelKey, mirred]),
        ])
        let filter = FilterMessage(
            header: TCMessageHeader(ifindex: IfIndex(3), handle: 1, parent: .ingressHook, priority: 2, protocol: .ipv4),
            attributes: [.kind("flower"), .chain(0), .flower(options)])
        return NetlinkMessage(type: RTM.newTFilter, flags: [.multi], sequence: 7, portID: 4242, body: .filter(filter))
    }
}
