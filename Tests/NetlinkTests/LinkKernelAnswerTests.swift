import EswitchModel
import Foundation
import Netlink
import Testing

/// Real RTM_NEWLINK answers of this machine's kernel (Fixtures/link-capture.txt): they decode to
/// the expected typed values and re-encode byte for byte.
@Suite struct LinkKernelAnswerTests {
    let capture = LinkCapture.shared

    /// The body of the first answer (the one to the by-name request, without VF counters).
    func answer(_ command: String, index: Int = 0) throws -> (NetlinkMessage, LinkMessage) {
        let answers = capture.linkAnswers(command)
        let bytes = try #require(answers.count > index ? answers[index] : nil)
        let message = try NetlinkMessage.decode(bytes, context: .route)
        guard case .link(let body) = message.body else { throw NetlinkDecodingError(offset: 0, "not a link answer") }
        return (message, body)
    }

    @Test func everyAnswerReencodesIdentically() throws {
        var count = 0
        for command in capture.commands {
            for bytes in command.received {
                let message = try NetlinkMessage.decode(bytes, context: .route)
                #expect(message.encoded() == bytes, "\(command.command): \(bytes.prefix(24).hexString)")
                if case .link = message.body { count += 1 }
            }
        }
        #expect(count >= 20)
    }

    @Test func dumpDecodesAsOneStream() throws {
        // The first answer is the error to iproute2's probe; the dump's parts carry NLM_F_MULTI.
        let answers = capture.command("ip -d link show").received.filter { $0[6] & 0x2 != 0 }
        let stream = answers.flatMap { $0 }
        let messages = try NetlinkMessage.decodeAll(stream, context: .route)
        #expect(messages.count == 8)
        #expect(messages.last?.type == NLMSG.done)
        let names = messages.compactMap { m -> String? in
            if case .link(let l) = m.body { return l.name }
            return nil
        }
        #expect(names == ["lo", "veth1", "veth0", "vxlan100", "vxlan6", "vxlan7", "vxlanext"])
        #expect(messages.allSatisfy { $0.flags.contains(.multi) })
        var writer = NetlinkWriter()
        for m in messages { m.encode(into: &writer) }
        #expect(writer.bytes == stream)
    }

    @Test func loopback() throws {
        let lo = try NetlinkMessage.decode(capture.linkAnswers("ip -d link show")[0], context: .route)
        guard case .link(let body) = lo.body else { Issue.record("not a link"); return }
        #expect(body.name == "lo" && body.ifindex == IfIndex(1))
        #expect(body.linkType == .loopback)
        #expect(body.flags == [.loopback])
        #expect(body.mtu == 65536)
        #expect(body.mac == MACAddress.zero)
        #expect(body.kind == nil)
    }

    @Test func veth() throws {
        let (message, body) = try answer("ip -d link show dev veth0")
        #expect(message.type == RTM.newLink)
        #expect(body.ifindex == IfIndex(3) && body.linkType == .ether)
        #expect(body.name == "veth0" && body.mtu == 9000)
        #expect(body.mac == MACAddress("02:00:00:00:00:a0"))
        #expect(body.isUp && body.flags.contains([.broadcast, .multicast]) && !body.flags.contains(.lowerUp))
        #expect(body.operState == .lowerLayerDown)
        #expect(body.lowerLink == IfIndex(2))
        #expect(body.kind == "veth")
        #expect(body.linkInfo?.attributes == [.terminatedKind("veth")])
        #expect(body.attributes.contains(.qdisc("noqueue")))
        #expect(body.attributes.contains(.broadcast(.broadcast)))
        #expect(body.attributes.contains(.numTxQueues(2)))
        #expect(body.attributes.contains(.carrier(false)))
        #expect(body.vfs.isEmpty)
    }

    @Test func vxlanIPv4() throws {
        let (_, body) = try answer("ip -d link show dev vxlan100")
        #expect(body.name == "vxlan100" && body.ifindex == IfIndex(4) && body.mtu == 1500)
        #expect(body.mac == MACAddress("02:00:00:00:01:00"))
        #expect(!body.isUp && body.operState == .down)
        #expect(body.kind == "vxlan")
        #expect(body.vxlanID == VNI(rawValue: 100))
        #expect(body.vxlanLocal == IPAddress("10.0.0.1"))
        #expect(body.vxlanGroup == nil)
        #expect(body.vxlanPort == 4789)
        #expect(body.vxlanLearning == false)
        #expect(body.vxlanExternal == false)
        let vxlan = try #require(body.vxlan)
        #expect(vxlan.contains(.ttl(0)) && vxlan.contains(.ageing(300)) && vxlan.contains(.df(.unset)))
        #expect(vxlan.contains(.udpChecksum(true)) && vxlan.contains(.ttlInherit(false)))
        #expect(vxlan.contains(.portRange(VXLANPortRange(low: 0, high: 0))))
        // This kernel is newer than the UAPI headers: LABEL_POLICY, LOCALBYPASS, RESERVED_BITS stay raw.
        let unknown = vxlan.compactMap { a -> UInt16? in
            if case .unknown(let raw) = a { return raw.type }
            return nil
        }
        #expect(unknown == [32, 31, 33])
    }

    @Test func vxlanIPv6() throws {
        let (_, body) = try answer("ip -d link show dev vxlan6")
        #expect(body.vxlanID == VNI(rawValue: 200))
        #expect(body.vxlanLocal == IPAddress("2001:db8::1"))
        #expect(body.vxlanGroup == IPAddress("2001:db8::2"))
        #expect(body.vxlanPort == 4790)
        let vxlan = try #require(body.vxlan)
        #expect(vxlan.contains(.ttl(64)) && vxlan.contains(.tos(0x10)))
        #expect(vxlan.contains(.portRange(VXLANPortRange(low: 1000, high: 2000))))
        #expect(vxlan.contains(.learning(true)))
    }

    @Test func vxlanMulticastWithUnderlay() throws {
        let (_, body) = try answer("ip -d link show dev vxlan7")
        #expect(body.vxlanID == VNI(rawValue: 7))
        #expect(body.vxlanGroup == IPAddress("239.1.1.1"))
        #expect(body.vxlan?.contains(.link(IfIndex(3))) == true)
        #expect(body.vxlan?.contains(.ttl(10)) == true)
    }

    @Test func vxlanExternal() throws {
        let (_, body) = try answer("ip -d link show dev vxlanext")
        #expect(body.vxlanExternal == true)
        #expect(body.vxlanID == VNI(rawValue: 0))
    }

    @Test func statisticsInTheFullAnswer() throws {
        // The second answer answers the AF_PACKET request without skip_stats: it has IFLA_STATS64.
        let (_, body) = try answer("ip -d link show dev veth0", index: 1)
        let stats = try #require(body.stats64)
        #expect(stats.counters.count == 25)
        #expect(stats.rxPackets == 0)
        let (_, lean) = try answer("ip -d link show dev veth0", index: 0)
        #expect(lean.stats64 != nil)
    }

    @Test func answersSurviveJSON() throws {
        let encoder = JSONEncoder()
        let decoder = JSONDecoder()
        for command in capture.commands {
            for bytes in capture.linkAnswers(command.command) {
                guard case .link(let body) = try NetlinkMessage.decode(bytes, context: .route).body else { continue }
                let json = try encoder.encode(body)
                let back = try decoder.decode(LinkMessage.self, from: json)
                #expect(back == body, "\(command.command)")
            }
        }
    }
}
