import EswitchModel
import Foundation
import Netlink
import Testing

/// Qdisc requests built from the typed model must equal iproute2's bytes, and decode back.
@Suite struct TCQdiscGoldenTests {
    let corpus = GoldenCorpus.shared

    @Test func addIngress() throws {
        let message = NetlinkMessage.addQdisc(.ingress(ifindex: IfIndex(3)))
        let golden = corpus.bytes("tc qdisc add dev X ingress")
        #expect(message.encoded() == golden)
        let decoded = try NetlinkMessage.decode(golden, context: .route)
        #expect(decoded == message)
        guard case .qdisc(let q) = decoded.body else { Issue.record("not a qdisc"); return }
        #expect(q.kind == "ingress")
        #expect(q.header.handle.description == "ffff:")
        #expect(q.header.parent.description == "ffff:fff1")
        #expect(q.header.ifindex == IfIndex(3))
    }

    @Test func addClsact() throws {
        let message = NetlinkMessage.addQdisc(.clsact(ifindex: IfIndex(5)))
        let golden = corpus.bytes("tc qdisc add dev eth0 clsact")
        #expect(message.encoded() == golden)
        #expect(try NetlinkMessage.decode(golden, context: .route) == message)
    }

    @Test func deleteIngress() throws {
        let message = NetlinkMessage.deleteQdisc(.ingress(ifindex: IfIndex(3)))
        let golden = corpus.bytes("tc qdisc del dev X ingress")
        #expect(message.encoded() == golden)
        #expect(try NetlinkMessage.decode(golden, context: .route) == message)
    }

    @Test func builtFromHeaderFields() throws {
        // The same request spelled out field by field, without the convenience constructor.
        let q = QdiscMessage(
            header: TCMessageHeader(family: 0, ifindex: IfIndex(3), handle: TCHandle(major: 0xffff, minor: 0), parent: TCHandle(rawValue: 0xFFFF_FFF1), info: 0),
            attributes: [.kind("ingress")])
        let message = NetlinkMessage(type: RTM.newQdisc, flags: [.request, .ack, .exclusive, .create], body: .qdisc(q))
        #expect(message.encoded() == corpus.bytes("tc qdisc add dev X ingress"))
    }

    @Test func jsonRoundTrip() throws {
        let dumpAnswer = QdiscMessage(
            header: TCMessageHeader(ifindex: IfIndex(7), handle: .ingressQdisc, parent: .ingressQdiscParent, info: 2),
            attributes: [.kind("clsact"), .unknown(RawAttribute(type: TCA.options, payload: [])), .hardwareOffload(0), .ingressBlock(4), .egressBlock(5)])
        for q in [QdiscMessage.ingress(ifindex: IfIndex(3)), .clsact(ifindex: IfIndex(5)), dumpAnswer, .dump()] {
            let json = try JSONEncoder().encode(q)
            #expect(try JSONDecoder().decode(QdiscMessage.self, from: json) == q)
        }
        let text = String(decoding: try JSONEncoder().encode(QdiscMessage.ingress(ifindex: IfIndex(3))), as: UTF8.self)
        #expect(text.contains(#""handle":"ffff:""#))
        #expect(text.contains(#""parent":"ffff:fff1""#))
        #expect(text.contains(#"{"kind":"ingress"}"#))
    }

    @Test func answerWithUnknownAttributesRoundTrips() throws {
        // A dump answer shape: kind, empty options, stats, hw_offload: everything survives.
        let q = QdiscMessage(
            header: TCMessageHeader(ifindex: IfIndex(3), handle: .ingressQdisc, parent: .ingressQdiscParent, info: 1),
            attributes: [
                .kind("ingress"), .unknown(RawAttribute(type: TCA.options, payload: [])),
                .unknown(RawAttribute(type: TCA.stats2 | NLA.fNested, payload: [8, 0, 1, 0, 1, 2, 3, 4])),
                .hardwareOffload(0),
            ])
        var w = NetlinkWriter()
        q.encode(into: &w)
        let bytes = w.bytes
        let back = try QdiscMessage(decoding: bytes[...])
        #expect(back == q)
        var w2 = NetlinkWriter()
        back.encode(into: &w2)
        #expect(w2.bytes == bytes)
    }

    @Test func oddKindIsKeptRaw() throws {
        // TCA_KIND without its NUL would not re-encode identically as text: it stays raw.
        var w = NetlinkWriter()
        TCMessageHeader(ifindex: IfIndex(1), parent: .root).encode(into: &w)
        w.attribute(TCA.kind, unterminatedString: "ingress")
        let bytes = w.bytes
        let q = try QdiscMessage(decoding: bytes[...])
        #expect(q.kind == nil)
        var w2 = NetlinkWriter()
        q.encode(into: &w2)
        #expect(w2.bytes == bytes)
    }

    @Test func malformedInputThrows() throws {
        let golden = corpus.bytes("tc qdisc add dev X ingress")
        let body = Array(golden[16...])
        // Truncated tcmsg.
        #expect(throws: NetlinkDecodingError.self) { try QdiscMessage(decoding: body[0..<19]) }
        // TCA_KIND cut short: its length runs past the end.
        #expect(throws: NetlinkDecodingError.self) { try QdiscMessage(decoding: body[0..<(body.count - 2)]) }
        // Attribute length larger than the message.
        var bad = body
        bad[20] = 0x40
        do {
            _ = try QdiscMessage(decoding: bad[...])
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 20)
        }
    }
}
