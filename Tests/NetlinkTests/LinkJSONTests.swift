import EswitchModel
import Foundation
import Netlink
import Testing

/// Link messages through JSON: round trips, iproute2's key names, hand-written JSON encoding to
/// iproute2's bytes, and errors that name the field.
@Suite struct LinkJSONTests {
    let corpus = GoldenCorpus.shared
    let capture = LinkCapture.shared

    func body(_ bytes: [UInt8]) throws -> LinkMessage {
        guard case .link(let body) = try NetlinkMessage.decode(bytes, context: .route).body else {
            throw NetlinkDecodingError(offset: 0, "not a link message")
        }
        return body
    }

    func json(_ body: LinkMessage) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(body), as: UTF8.self)
    }

    func decode(_ text: String) throws -> LinkMessage {
        try JSONDecoder().decode(LinkMessage.self, from: Data(text.utf8))
    }

    /// Every link request iproute2 sent, in the shared corpus and in the capture.
    var requests: [[UInt8]] {
        let shared = corpus.vectors.filter { $0.bytes.count > 5 && (16...19).contains($0.bytes[4]) && $0.bytes[5] == 0 }.map(\.bytes)
        return shared + capture.commands.flatMap(\.sent)
    }

    @Test func requestsRoundTrip() throws {
        #expect(requests.count > 30)
        for bytes in requests {
            let typed = try body(bytes)
            let back = try decode(try json(typed))
            #expect(back == typed, "\(bytes.hexString)")
            var writer = NetlinkWriter()
            back.encode(into: &writer)
            #expect(writer.bytes == Array(bytes[16...]))
        }
    }

    @Test func keyNames() throws {
        let vxlan = try json(body(corpus.bytes("ip link add vxlan100 type vxlan id 100 local 10.0.0.1 dstport 4789 nolearning")))
        #expect(vxlan.contains(#"{"linkinfo":[{"info_kind":"vxlan"},{"info_data":[{"id":100},{"local":"10.0.0.1"},{"learning":false},{"port":4789}]}]}"#))
        #expect(vxlan.contains(#"{"ifname":"vxlan100"}"#))

        let vf = try json(body(corpus.bytes("ip link set dev eth0 vf 1 mac 02:00:00:00:00:09 vlan 10")))
        #expect(vf.contains(#"{"vfinfo_list":[{"attrs":[{"address":"02:00:00:00:00:09"},{"vlan":{"qos":0,"vlan":10}}],"vf":1}]}"#))
        let rate = try json(body(corpus.bytes("ip link set dev eth0 vf 2 state enable max_tx_rate 1000")))
        #expect(rate.contains(#"[{"link_state":"enable"},{"rate":{"max_tx":1000,"min_tx":0}}]"#))
        let trust = try json(body(corpus.bytes("ip link set dev eth0 vf 2 spoofchk on trust off")))
        #expect(trust.contains(#"[{"spoofchk":true},{"trust":false}]"#))
        let list = try json(body(capture.lastRequest("ip link set dev veth0 vf 0 vlan 20 qos 3 proto 802.1ad")))
        #expect(list.contains(#"{"vlan_list":[{"protocol":"802.1ad","qos":3,"vlan":20}]}"#))

        let dump = try json(body(corpus.bytes("ip link show")))
        #expect(dump == #"{"attrs":[{"ext_mask":["vf"]}],"change":[],"family":17,"flags":[],"ifindex":0,"link_type":0}"#)
        let up = try json(body(capture.lastRequest("ip link set dev veth1 up")))
        #expect(up.contains(#""change":["up"]"#) && up.contains(#""flags":["up"]"#))

        let veth = try json(body(capture.linkAnswers("ip -d link show dev veth0")[0]))
        #expect(veth.contains(#"{"operstate":"LOWERLAYERDOWN"}"#) && veth.contains(#""link_type":"ether""#))
        #expect(veth.contains(#"{"linkinfo":[{"info_kind_nul":"veth"}]}"#) && veth.contains(#"{"link":2}"#))
        let vxlan6 = try json(body(capture.linkAnswers("ip -d link show dev vxlan6")[0]))
        #expect(vxlan6.contains(#"{"group6":"2001:db8::2"},{"local6":"2001:db8::1"},{"ttl":64}"#))
        #expect(vxlan6.contains(#"{"port_range":{"high":2000,"low":1000}}"#) && vxlan6.contains(#"{"df":"unset"}"#))
    }

    @Test func handWrittenJSONEncodesToIproute2Bytes() throws {
        let vxlan = try decode(#"""
            {"attrs": [{"ifname": "vxlan100"},
                       {"linkinfo": [{"info_kind": "vxlan"},
                                     {"info_data": [{"id": 100}, {"local": "10.0.0.1"}, {"learning": false}, {"port": 4789}]}]}]}
            """#)
        let create = NetlinkMessage(type: RTM.newLink, flags: [.request, .ack, .exclusive, .create], body: .link(vxlan))
        #expect(create.encoded() == corpus.bytes("ip link add vxlan100 type vxlan id 100 local 10.0.0.1 dstport 4789 nolearning"))

        let vf = try decode(#"""
            {"ifindex": 5, "attrs": [{"vfinfo_list": [{"vf": 2, "attrs": [{"link_state": "enable"}, {"rate": {"min_tx": 0, "max_tx": 1000}}]}]}]}
            """#)
        let set = NetlinkMessage(type: RTM.newLink, flags: [.request, .ack], body: .link(vf))
        #expect(set.encoded() == corpus.bytes("ip link set dev eth0 vf 2 state enable max_tx_rate 1000"))

        // iproute2 prints "remote" for a unicast VTEP; it is accepted as IFLA_VXLAN_GROUP.
        let remote = try decode(#"{"attrs":[{"linkinfo":[{"info_kind":"vxlan"},{"info_data":[{"remote":"10.0.0.2"}]}]}]}"#)
        #expect(remote.vxlanGroup == IPAddress("10.0.0.2"))
    }

    @Test func unusualValuesRoundTrip() throws {
        let message = LinkMessage(
            family: 99, linkType: LinkType(rawValue: 0x1234), ifindex: IfIndex(7),
            flags: LinkFlags(rawValue: 0x8000_0001), change: LinkFlags(rawValue: 0xFFFF_FFFF),
            attributes: [
                .operstate(LinkOperState(rawValue: 9)), .linkmode(.dormant), .extMask([.vf, .skipStats]),
                .physSwitchID([0xde, 0xad, 0xbe, 0xef]), .physPortName("pf0vf1"), .altNames(["a", "b"]),
                .linkNetnsid(-1), .stats64(LinkStatistics64(counters: Array(0..<27))),
                .linkInfo(LinkInfo([.kind("vxlan"), .data(.vxlan([
                    .gbp, .gpe, .remoteChecksumNoPartial, .ttlInheritFlag, .ttlInherit(true), .df(VXLANDF(rawValue: 7)),
                    .label(0xABCDE), .unknown(RawAttribute(type: 0x7000, payload: [1, 2, 3])),
                ]))])),
                .linkInfo(LinkInfo([.kind("macvlan"), .unknown(RawAttribute(type: 2 | 0x8000, payload: [4, 0, 1, 0]))])),
                .vfInfoList([
                    .info(VFInfo(vf: VFIndex(3), attributes: [
                        .spoofCheck(.unsupported), .trust(VFSetting(rawValue: 5)), .linkState(VFLinkState(rawValue: 3)),
                        .vlanList([.info(VFVLANInfo(vlan: 5, qos: 1, vlanProtocol: VFVLANProtocol(rawValue: 0x9100))), .unknown(RawAttribute(type: 9, payload: []))]),
                        .stats([.rxPackets(1), .txDropped(2), .unknown(RawAttribute(type: 6, payload: []))]),
                        .broadcast(.broadcast), .ibNodeGUID(0x0102_0304_0506_0708),
                    ])),
                    .unknown(RawAttribute(type: 1, payload: [])),
                ]),
                .unknown(RawAttribute(type: 0x4000 | 3, payload: [0x41, 0])),
            ])
        let text = try json(message)
        #expect(try decode(text) == message)
        #expect(text.contains(#"{"spoofchk":4294967295}"#) && text.contains(#"{"trust":5}"#))
        #expect(text.contains(#""link_type":4660"#) && text.contains(#"{"operstate":9}"#))
        #expect(text.contains(#""flags":["up","0x80000000"]"#))
        #expect(text.contains(#"{"gbp":true}"#) && text.contains(#"{"ttl_inherit_flag":true}"#))
        #expect(text.contains(#""protocol":37120"#))
        #expect(text.contains(#""more":[25,26]"#))
        // And through bytes.
        var writer = NetlinkWriter()
        message.encode(into: &writer)
        #expect(try LinkMessage(decoding: writer.bytes[...]) == message)
    }

    /// The coding path of a decoding error, as "a/b/c" (array indexes as numbers).
    func path(of error: any Error) -> String {
        let context: DecodingError.Context?
        switch error as? DecodingError {
        case .dataCorrupted(let c)?: context = c
        case .typeMismatch(_, let c)?: context = c
        case .valueNotFound(_, let c)?: context = c
        case .keyNotFound(let key, let c)?: return (c.codingPath + [key]).map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/")
        default: context = nil
        }
        return context?.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/") ?? "?"
    }

    func expectError(_ text: String, path expected: String, _ message: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try decode(text)
            Issue.record("decoded without error: \(text)", sourceLocation: sourceLocation)
        } catch {
            #expect(path(of: error) == expected, "\(error)", sourceLocation: sourceLocation)
            if let message { #expect("\(error)".contains(message), "\(error)", sourceLocation: sourceLocation) }
        }
    }

    @Test func errorsNameTheField() {
        expectError(#"{"attrs":[{"mtu":"big"}]}"#, path: "attrs/0/mtu")
        expectError(#"{"attrs":[{"ifname":"a"},{"nonsense":1}]}"#, path: "attrs/1/nonsense", "unknown link attribute 'nonsense'")
        expectError(#"{"attrs":[{"ifname":"a","mtu":1}]}"#, path: "attrs/0", "exactly one key")
        expectError(#"{"flags":["upp"]}"#, path: "flags", "unknown flag 'upp'")
        expectError(#"{"attrs":[{"operstate":"SIDEWAYS"}]}"#, path: "attrs/0/operstate", "unknown value 'SIDEWAYS'")
        expectError(#"{"attrs":[{"linkinfo":[{"info_data":[{"id":1}]}]}]}"#, path: "attrs/0/linkinfo/0/info_data", "info_data is typed only after")
        expectError(#"{"attrs":[{"linkinfo":[{"info_kind":"vxlan"},{"info_data":[{"id":1},{"port":"4789"}]}]}]}"#, path: "attrs/0/linkinfo/1/info_data/1/port")
        expectError(#"{"attrs":[{"linkinfo":[{"info_kind":"vxlan"},{"info_data":[{"gbp":false}]}]}]}"#, path: "attrs/0/linkinfo/1/info_data/0/gbp", "flag attribute")
        expectError(#"{"attrs":[{"vfinfo_list":[{"vf":1,"attrs":[{"spoofchk":"yes"}]}]}]}"#, path: "attrs/0/vfinfo_list/0/attrs/0/spoofchk")
        expectError(#"{"attrs":[{"vfinfo_list":[{"attrs":[]}]}]}"#, path: "attrs/0/vfinfo_list/0/vf")
        expectError(#"{"attrs":[{"vfinfo_list":[{"vf":1,"attrs":[{"node_guid":"11:22"}]}]}]}"#, path: "attrs/0/vfinfo_list/0/attrs/0/node_guid", "invalid GUID")
        expectError(#"{"attrs":[{"vfinfo_list":[{"vf":1,"attrs":[{"address":"02:00"}]}]}]}"#, path: "attrs/0/vfinfo_list/0/attrs/0/address", "invalid MAC")
        expectError(#"{"attrs":[{"stats64":{"rx_packets":1,"rx_bytes":2}}]}"#, path: "attrs/0/stats64/rx_bytes", "tx_packets")
        expectError(#"{"attrs":[{"phys_switch_id":"xyz"}]}"#, path: "attrs/0/phys_switch_id", "invalid hex")
        expectError(#"{"attrs":[{"unknown":{"type":1,"hex":"0"}}]}"#, path: "attrs/0/unknown/hex")
    }
}
