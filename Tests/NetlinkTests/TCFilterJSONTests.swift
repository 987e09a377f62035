import EswitchModel
import Foundation
import Netlink
import Testing

/// JSON of filter messages: tc's words, round trips, errors that name the field.
@Suite struct TCFilterJSONTests {
    let corpus = GoldenCorpus.shared

    func filter(_ command: String) throws -> FilterMessage {
        guard case .filter(let f) = try NetlinkMessage.decode(corpus.bytes(command), context: .route).body else {
            throw NetlinkDecodingError(offset: 0, "not a filter")
        }
        return f
    }

    func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func everyGoldenFilterRoundTripsThroughJSON() throws {
        let commands = corpus.vectors.map(\.command).filter { $0.hasPrefix("tc filter") || $0.hasPrefix("tc -s filter") }
        #expect(!commands.isEmpty)
        for command in commands {
            let f = try filter(command)
            let data = try JSONEncoder().encode(f)
            let back = try JSONDecoder().decode(FilterMessage.self, from: data)
            #expect(back == f, "\(command)")
        }
    }

    @Test func namesFollowTc() throws {
        let text = try json(filter("tc filter add dev X ingress protocol ip prio 1 flower skip_sw dst_mac 02:00:00:00:00:01 ip_proto udp dst_ip 10.0.0.2 action mirred egress redirect dev Y"))
        for expected in [
            #""parent":"ffff:fff2""#, #""pref":1"#, #""protocol":"ip""#, #""ifindex":3"#, #""handle":0"#,
            #"{"kind":"flower"}"#, #"{"dst_mac":"02:00:00:00:00:01"}"#, #"{"dst_mac_mask":"ff:ff:ff:ff:ff:ff"}"#,
            #"{"ip_proto":"udp"}"#, #"{"dst_ip":"10.0.0.2"}"#, #"{"dst_ip_mask":"255.255.255.255"}"#,
            #"{"flags":["skip_sw"]}"#, #"{"eth_type":"ip"}"#, #"{"actions":["#,
        ] {
            #expect(text.contains(expected), "missing \(expected) in \(text)")
        }
        let tunnel = try json(filter("tc filter add dev vxlan0 ingress protocol ip prio 1 flower enc_key_id 100 enc_dst_ip 10.0.0.1 enc_src_ip 10.0.0.2 enc_dst_port 4789 action tunnel_key unset action mirred egress redirect dev Y"))
        for expected in [#"{"enc_key_id":100}"#, #"{"enc_dst_ip":"10.0.0.1"}"#, #"{"enc_src_ip":"10.0.0.2"}"#, #"{"enc_dst_port":4789}"#, #"{"flags":[]}"#] {
            #expect(tunnel.contains(expected), "missing \(expected) in \(tunnel)")
        }
        let vlan = try json(filter("tc filter add dev X ingress protocol 802.1Q prio 3 flower vlan_id 10 vlan_ethtype ip action vlan pop action mirred egress redirect dev Y"))
        #expect(vlan.contains(#""protocol":"802.1Q""#))
        #expect(vlan.contains(#"{"vlan_id":10}"#))
        #expect(vlan.contains(#"{"vlan_ethtype":"ip"}"#))
        let arp = try json(filter("tc filter add dev X ingress protocol arp prio 10 flower arp_op request arp_tip 10.0.0.1 action mirred egress redirect dev Y"))
        #expect(arp.contains(#"{"arp_op":"request"}"#))
        #expect(arp.contains(#"{"arp_tip":"10.0.0.1"}"#))
        let v6 = try json(filter("tc filter add dev X ingress protocol ipv6 prio 9 flower dst_ip 2001:db8::1 ip_proto icmpv6 action mirred egress redirect dev Y"))
        #expect(v6.contains(#"{"dst_ip":"2001:db8::1"}"#))
        #expect(v6.contains(#"{"ip_proto":"icmpv6"}"#))
        let chain = try json(filter("tc filter add dev X ingress protocol ip chain 1 prio 1 flower dst_ip 10.0.0.9 action mirred egress redirect dev Y"))
        #expect(chain.contains(#"{"chain":1}"#))
    }

    @Test func portsUseShortWordsAfterIPProto() throws {
        let tcp = try json(filter("tc filter add dev X ingress protocol ip prio 6 flower ip_proto tcp dst_port 22 action drop"))
        #expect(tcp.contains(#"{"dst_port":22}"#))
        let udp = try json(filter("tc filter add dev X ingress protocol ip prio 6 flower ip_proto udp src_port 68 dst_port 67 action pass"))
        #expect(udp.contains(#"{"src_port":68}"#))
        #expect(udp.contains(#"{"dst_port":67}"#))

        // Without a fitting ip_proto the explicit words are used, and the list still round-trips.
        let odd = FlowerOptions([.tcpDstPort(22), .ipProto(.udp), .tcpSrcPortMask(0xff00), .udpDstPort(53), .sctpSrcPort(9)])
        let text = try json(odd)
        #expect(text == #"[{"tcp_dst_port":22},{"ip_proto":"udp"},{"tcp_src_port_mask":65280},{"dst_port":53},{"sctp_src_port":9}]"#)
        #expect(try JSONDecoder().decode(FlowerOptions.self, from: Data(text.utf8)) == odd)

        let icmp = FlowerOptions([.ipProto(.icmpv6), .icmpv6Type(128), .icmpv6TypeMask(0xff), .icmpv4Code(3)])
        let icmpText = try json(icmp)
        #expect(icmpText == #"[{"ip_proto":"icmpv6"},{"icmp_type":128},{"icmp_type_mask":255},{"icmpv4_code":3}]"#)
        #expect(try JSONDecoder().decode(FlowerOptions.self, from: Data(icmpText.utf8)) == icmp)

        // A lone attribute always uses the explicit word.
        #expect(try json(FlowerAttribute.udpDstPort(53)) == #"{"udp_dst_port":53}"#)
    }

    @Test func handWrittenJSONEncodesToGoldenBytes() throws {
        let text = """
            {"ifindex":3,"parent":"ffff:fff2","handle":1,"pref":1,"protocol":"ip",
             "attrs":[{"kind":"flower"},{"options":[{"flags":[]},{"eth_type":"ip"}]}]}
            """
        let f = try JSONDecoder().decode(FilterMessage.self, from: Data(text.utf8))
        let message = NetlinkMessage.deleteFilter(f)
        #expect(message.encoded() == corpus.bytes("tc filter del dev X ingress protocol ip prio 1 handle 1 flower"))

        let match = """
            {"ifindex":3,"parent":"ffff:fff2","pref":6,"protocol":"ip",
             "attrs":[{"kind":"flower"},{"options":[{"ip_proto":"tcp"},{"dst_port":22},{"src_ip":"10.0.0.0"},{"src_ip_mask":"255.0.0.0"},{"flags":["skip_hw","skip_sw"]},{"eth_type":2048}]}]}
            """
        let g = try JSONDecoder().decode(FilterMessage.self, from: Data(match.utf8))
        #expect(g.flower?.attributes == [
            .ipProto(.tcp), .tcpDstPort(22), .srcIPv4(IPv4Address(10, 0, 0, 0)), .srcIPv4Mask(IPv4Address(255, 0, 0, 0)),
            .flags([.skipHardware, .skipSoftware]), .ethType(.ipv4),
        ])
    }

    @Test func errorsNameTheField() throws {
        func error(_ text: String) -> String {
            do {
                _ = try JSONDecoder().decode(FlowerOptions.self, from: Data(text.utf8))
                return "no error"
            } catch let DecodingError.dataCorrupted(context) {
                return context.codingPath.map(\.stringValue).joined(separator: ".") + ": " + context.debugDescription
            } catch {
                return "\(error)"
            }
        }
        let port = error(#"[{"dst_port":22}]"#)
        #expect(port.contains("dst_port"))
        #expect(port.contains("ip_proto"))
        #expect(error(#"[{"ip_proto":"icmp"},{"dst_port":22}]"#).contains("tcp_dst_port"))
        #expect(error(#"[{"dst_mack":"02:00:00:00:00:01"}]"#).contains("dst_mack"))
        #expect(error(#"[{"dst_mac":"02:00:00:00:00"}]"#).contains("dst_mac"))
        #expect(error(#"[{"ip_proto":"tcpp"}]"#).contains("ip_proto"))
        #expect(error(#"[{"flags":["skip_xx"]}]"#).contains("skip_xx"))
        #expect(error(#"[{"eth_type":"ipx4"}]"#).contains("eth_type"))
        #expect(error(#"[{"vlan_id":10,"vlan_prio":1}]"#).contains("exactly one key"))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(FilterMessage.self, from: Data(#"{"ifindex":3,"parent":"fffff:1"}"#.utf8))
        }
    }

    @Test func numericFallbacks() throws {
        let o = FlowerOptions([.ipProto(IPProtocolNumber(47)), .ethType(EtherType(0x88b5)), .arpOp(9), .flags(FilterFlags(rawValue: 0x100 | 2))])
        let text = try json(o)
        #expect(text == #"[{"ip_proto":47},{"eth_type":34997},{"arp_op":9},{"flags":["skip_sw","0x100"]}]"#)
        #expect(try JSONDecoder().decode(FlowerOptions.self, from: Data(text.utf8)) == o)
    }

    @Test func everyKindRoundTripsThroughJSON() throws {
        let o = FlowerOptions(TCFilterFlowerTests.everyKind)
        let back = try JSONDecoder().decode(FlowerOptions.self, from: JSONEncoder().encode(o))
        #expect(back == o)
        for a in TCFilterFlowerTests.everyKind {
            #expect(try JSONDecoder().decode(FlowerAttribute.self, from: JSONEncoder().encode(a)) == a)
        }
    }
}
