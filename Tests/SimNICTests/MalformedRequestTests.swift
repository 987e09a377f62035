import EswitchModel
import Netlink
import Platform
@testable import SimNIC
import Testing

/// Malformed requests get EINVAL with the decoder's reason as extack, never a crash.
@Suite("malformed requests")
struct MalformedRequestTests {
    let endpoint = SimNICEndpoint(host: EmulatedHost(profile: Profiles.connectX6Dx, configuration: EmulatedHostConfiguration(initialVFs: 1, eswitchMode: .switchdev)))

    @Test("an attribute running past its parent: EINVAL naming the offset")
    func attributePastParent() throws {
        var bytes = Golden.shared.bytes("tc filter add dev X ingress protocol ip prio 6 flower ip_proto tcp dst_port 22 action drop")
        // TCA_KIND at offset 36: claim 200 bytes.
        bytes[36] = 200
        let answer = try Answer(endpoint.handle(bytes, protocol: .route))
        #expect(answer.errno == Errno.invalidArgument.rawValue)
        #expect(answer.extack?.contains("runs past its parent") == true)
        #expect(answer.error?.offset.map(Int.init) == 36)
        #expect(answer.error?.request.type == RTM.newTFilter)
    }

    @Test("truncated headers and lengths: one EINVAL answer each")
    func truncated() throws {
        let short = try Answer(endpoint.handle([0x10, 0, 0, 0, 0x10], protocol: .route))
        #expect(short.errno == Errno.invalidArgument.rawValue)
        #expect(short.extack?.contains("truncated nlmsghdr") == true)
        var tooLong = Golden.shared.bytes("tc qdisc add dev X ingress")
        tooLong[0] = 0xFF
        let long = try Answer(endpoint.handle(tooLong, protocol: .route))
        #expect(long.errno == Errno.invalidArgument.rawValue)
        #expect(long.extack?.contains("nlmsg_len 255") == true)
        // A body shorter than its fixed header.
        let tcmsg = NetlinkMessage(type: RTM.newTFilter, flags: [.request, .ack], body: .raw([0, 0, 0, 0]))
        let answer = try Answer(endpoint.handle(tcmsg.encoded(), protocol: .route))
        #expect(answer.errno == Errno.invalidArgument.rawValue)
        #expect(answer.extack?.contains("truncated tcmsg") == true)
    }

    @Test("random bytes never crash the endpoint and always get an answer")
    func fuzz() throws {
        var generator = SystemRandomNumberGenerator()
        let seeds = Golden.shared.vectors.map(\.bytes)
        for round in 0..<2000 {
            var bytes = seeds[round % seeds.count]
            let flips = Int.random(in: 1...6, using: &generator)
            for _ in 0..<flips {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
            if round % 7 == 0 { bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator))) }
            let protocolValue: NetlinkProtocol = round % 3 == 0 ? .generic : .route
            let replies = endpoint.handle(bytes, protocol: protocolValue)
            for reply in replies {
                // Every reply decodes.
                _ = try NetlinkMessage.decodeAll(reply, context: NetlinkDecodingContext(protocolValue))
            }
        }
    }

    @Test("non-requests and unknown types: ignored or EOPNOTSUPP / ENOENT like the kernel")
    func unknownTypes() throws {
        var notRequest = Golden.shared.bytes("tc qdisc add dev X ingress")
        notRequest[6] = 0x04  // NLM_F_ACK only
        let ignored = try Answer(endpoint.handle(notRequest, protocol: .route))
        #expect(ignored.isAck)
        #expect(endpoint.host.qdiscs.isEmpty)
        let route = NetlinkMessage(type: 88, flags: [.request, .ack], body: .raw([]))
        #expect(try Answer(endpoint.handle(route.encoded(), protocol: .route)).errno == Errno.notSupported.rawValue)
        let generic = NetlinkMessage(type: 0x33, flags: [.request, .ack], body: .raw([1, 0, 0, 0]))
        #expect(try Answer(endpoint.handle(generic.encoded(), protocol: .generic)).errno == Errno.noSuchFileOrDirectory.rawValue)
    }

    @Test("errors echo the request unless capped")
    func echoedPayload() throws {
        let echoing = SimNICEndpoint(host: EmulatedHost(profile: Profiles.software, configuration: EmulatedHostConfiguration(echoRequestInErrors: true)))
        let bytes = Golden.shared.bytes("tc qdisc add dev X ingress")
        let answer = try Answer(echoing.handle(bytes, protocol: .route))
        #expect(answer.errno == Errno.noSuchDevice.rawValue)
        #expect(answer.error?.requestPayload == Array(bytes.dropFirst(16)))
    }
}
