import EswitchModel
import Netlink
import Platform
@testable import PlatformLinux
import Testing

/// The answer-matching logic on synthetic datagrams: the cases a kernel produces rarely or not
/// on demand (interrupted dumps, failed dumps, stale answers, broken framing).
@Suite("Netlink reply collector")
struct NetlinkReplyCollectorTests {
    static let sequence: UInt32 = 77
    static let request = NetlinkHeader(length: 32, type: RTM.getLink, flags: [.request, .dump], sequence: sequence, portID: 0)

    func collector(dump: Bool) -> NetlinkReplyCollector {
        NetlinkReplyCollector(sequence: Self.sequence, isDump: dump, context: .route, requestHeader: Self.request)
    }

    /// One RTM_NEWLINK dump part named `name`.
    func linkPart(_ name: String, sequence: UInt32 = sequence, flags: NetlinkFlags = [.multi]) -> [UInt8] {
        NetlinkMessage(type: RTM.newLink, flags: flags, sequence: sequence,
                       body: .link(LinkMessage(ifindex: IfIndex(2), attributes: [.ifname(name)]))).encoded()
    }

    func done(_ code: Int32 = 0, flags: NetlinkFlags = [.multi], extack: [UInt8] = []) -> [UInt8] {
        var writer = NetlinkWriter()
        let start = writer.beginMessage(type: NLMSG.done, flags: flags, sequence: Self.sequence)
        writer.append(code)
        writer.append(contentsOf: extack)
        writer.endMessage(start)
        return writer.bytes
    }

    func ack(_ error: Int32 = 0, sequence: UInt32 = sequence, message: String? = nil) -> [UInt8] {
        let header = NetlinkHeader(length: 16, type: RTM.newLink, flags: [.request, .ack], sequence: sequence, portID: 0)
        let extack: [ExtendedAckAttribute] = message.map { [.message($0)] } ?? []
        return NetlinkMessage(type: NLMSG.error, flags: message == nil ? [.capped] : [.capped, .ackTLVs], sequence: sequence,
                              body: .error(NetlinkErrorMessage(error: error, request: header, extendedAck: extack))).encoded()
    }

    @Test("a dump spread over datagrams is collected up to NLMSG_DONE")
    func multiPartDump() {
        var c = collector(dump: true)
        guard case .needMore = c.consume((linkPart("a") + linkPart("b"))[...]) else { Issue.record("ended early"); return }
        guard case .finished(let messages, let ack) = c.consume((linkPart("c") + done())[...]) else { Issue.record("not finished"); return }
        #expect(ack == nil)
        #expect(messages.count == 3)
    }

    @Test("answers to other sequence numbers are skipped")
    func staleAnswers() {
        var c = collector(dump: false)
        guard case .needMore = c.consume((ack(-17, sequence: 76, message: "old") + linkPart("x", sequence: 76))[...]) else {
            Issue.record("a stale answer ended the exchange"); return
        }
        guard case .finished(let messages, let acknowledgement) = c.consume(ack()[...]) else { Issue.record("not finished"); return }
        #expect(messages.isEmpty)
        #expect(acknowledgement?.isAck == true)
    }

    @Test("a GET answer before the ACK is returned with it")
    func answerThenAck() {
        var c = collector(dump: false)
        guard case .finished(let messages, _) = c.consume((linkPart("eth0", flags: []) + ack())[...]) else { Issue.record("not finished"); return }
        #expect(messages.count == 1)
    }

    @Test("NLM_F_DUMP_INTR on any part asks for the dump again, after reading it to the end")
    func interruptedDump() {
        var c = collector(dump: true)
        guard case .needMore = c.consume((linkPart("a") + linkPart("b", flags: [.multi, .dumpInterrupted]))[...]) else {
            Issue.record("an interrupted part ended the exchange before NLMSG_DONE"); return
        }
        guard case .interrupted = c.consume(done()[...]) else { Issue.record("expected interrupted"); return }

        var onDone = collector(dump: true)
        guard case .interrupted = onDone.consume((linkPart("a") + done(flags: [.multi, .dumpInterrupted]))[...]) else {
            Issue.record("NLM_F_DUMP_INTR on NLMSG_DONE not seen"); return
        }
    }

    @Test("a dump that fails part-way ends with the kernel's errno and extack")
    func failedDump() {
        var extack = NetlinkWriter()
        extack.attribute(NLMSGERR_ATTR.msg, string: "dump failed here")
        var c = collector(dump: true)
        guard case .failed(let error) = c.consume((linkPart("a") + done(-90, flags: [.multi, .ackTLVs], extack: extack.bytes))[...]) else {
            Issue.record("expected a failure"); return
        }
        #expect(error.errno == .messageTooLong)
        #expect(error.extackMessage == "dump failed here")
    }

    @Test("a refused request carries errno and extack")
    func refusedRequest() {
        var c = collector(dump: false)
        guard case .failed(let error) = c.consume(ack(-2, message: "TC classifier not found")[...]) else { Issue.record("expected a failure"); return }
        #expect(error.errno == .noSuchFileOrDirectory)
        #expect(error.extackMessage == "TC classifier not found")
    }

    @Test("an undecodable part is reported after the dump was drained")
    func undecodablePart() {
        var broken = linkPart("a")
        broken.removeLast(4)
        broken[0] = UInt8(broken.count)  // header length matches, attribute now runs past it
        var c = collector(dump: true)
        guard case .needMore = c.consume((broken + linkPart("b"))[...]) else { Issue.record("ended before NLMSG_DONE"); return }
        guard case .failed(.malformedReply(let error)) = c.consume(done()[...]) else { Issue.record("expected malformedReply"); return }
        #expect(error.offset == netlinkHeaderLength + 16)
    }

    @Test("a length that does not fit the datagram fails at once, naming the offset")
    func brokenFraming() {
        var bytes = linkPart("a") + linkPart("b")
        let second = netlinkAlign(linkPart("a").count)
        bytes[second] = 0xFF
        var c = collector(dump: true)
        guard case .failed(.malformedReply(let error)) = c.consume(bytes[...]) else { Issue.record("expected malformedReply"); return }
        #expect(error.offset == second)
    }
}
