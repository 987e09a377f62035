import Foundation
import Testing

/// The `eswitchctl netlink decode|encode` contract, driven through the real executable.
@Suite struct NetlinkCLITests {
    @Test func everyGoldenRequestSurvivesDecodeThenEncode() throws {
        let lines = try GoldenLines.load()
        #expect(lines.count >= 40)
        for line in lines {
            var arguments = ["netlink", "decode"]
            if let family = line.genericFamily { arguments += ["--family", "\(family)=0x20"] }
            let decoded = try CLIRunner.run("eswitchctl", arguments + [line.hex])
            #expect(decoded.status == 0, "decode failed for '\(line.command)': \(decoded.stderr)")
            #expect(decoded.stdoutLines.count == 1)
            let encoded = try CLIRunner.run("eswitchctl", ["netlink", "encode"], stdin: decoded.stdout)
            #expect(encoded.status == 0, "encode failed for '\(line.command)': \(encoded.stderr)")
            #expect(encoded.stdoutLines == [line.hex], "round trip changed '\(line.command)'")
        }
    }

    @Test func decodeReadsStandardInputOneMessagePerLine() throws {
        let lines = try GoldenLines.load().filter { $0.genericFamily == nil }.prefix(5)
        let result = try CLIRunner.run("eswitchctl", ["netlink", "decode"], stdin: lines.map(\.hex).joined(separator: "\n") + "\n")
        #expect(result.status == 0)
        #expect(result.stdoutLines.count == lines.count)
        for json in result.stdoutLines {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            #expect(object?["type"] != nil)
            #expect(object?["flags"] != nil)
        }
    }

    @Test func namedFieldsOfAFDBEntry() throws {
        let line = try #require(try GoldenLines.load().first { $0.command.hasPrefix("bridge fdb add") })
        let result = try CLIRunner.run("eswitchctl", ["netlink", "decode", line.hex])
        #expect(result.stdout.contains(#""lladdr":"02:00:00:00:00:02""#))
        #expect(result.stdout.contains(#""dst":"10.0.0.2""#))
        #expect(result.stdout.contains(#""vni":100"#))
        #expect(result.stdout.contains(#""type":"RTM_NEWNEIGH""#))
    }

    @Test(arguments: [
        ("3000000", "odd number of hex digits"),
        ("zz00", "not a hex digit"),
        ("30000000240005", "truncated nlmsghdr"),
        // nlmsg_len 0x30 but only 20 bytes present
        ("3000000024000506000000000000000000000000", "runs past the end"),
        // ndmsg + an attribute claiming 0x40 bytes inside a 48-byte message
        ("300000001c0005060000000000000000020000000300000080000000400001000a0000090a0002000200000000090000", "runs past its parent"),
    ])
    func malformedHexGetsOneLineErrorAndExit2(hex: String, expected: String) throws {
        let result = try CLIRunner.run("eswitchctl", ["netlink", "decode", hex])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains(expected), "stderr was: \(result.stderr)")
    }

    @Test func badJSONNamesTheField() throws {
        let json = #"{"type":"RTM_NEWNEIGH","flags":"0x605","neighbour":{"family":7,"ifindex":6,"attrs":[{"lladdr":"02:00:00:00:00:zz"}]}}"#
        let result = try CLIRunner.run("eswitchctl", ["netlink", "encode", json])
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("neighbour.attrs[0].lladdr"), "stderr was: \(result.stderr)")
    }

    @Test func jsonNestingBombIsRefused() throws {
        let bomb = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let result = try CLIRunner.run("eswitchctl", ["netlink", "encode"], stdin: bomb + "\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("nesting deeper than"))
    }

    @Test func notJSONAtAll() throws {
        let result = try CLIRunner.run("eswitchctl", ["netlink", "encode", "{not json"])
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1)
    }
}

/// Named fields of tc flower requests, as an operator reads them.
@Suite struct NetlinkCLIFlowerFieldTests {
    func decode(_ prefix: String) throws -> String {
        let line = try #require(try GoldenLines.load().first { $0.command.hasPrefix(prefix) })
        let result = try CLIRunner.run("eswitchctl", ["netlink", "decode", line.hex])
        #expect(result.status == 0)
        return result.stdout
    }

    @Test func forwardingRuleShowsItsKeysAndActionByKind() throws {
        let json = try decode("tc filter add dev X ingress protocol ip prio 1 flower skip_sw")
        #expect(json.contains(#""dst_mac":"02:00:00:00:00:01""#))
        #expect(json.contains(#""dst_ip":"10.0.0.2""#))
        #expect(json.contains(#""ip_proto":"udp""#))
        #expect(json.contains(#""kind":"mirred""#))
        #expect(json.contains(#""mirred_action":"redirect""#))
        #expect(json.contains(#""flags":["skip_sw"]"#))
        #expect(json.contains(#""type":"RTM_NEWTFILTER""#))
    }

    @Test func decapRuleShowsTunnelKeys() throws {
        let json = try decode("tc filter add dev vxlan0 ingress")
        #expect(json.contains(#""enc_key_id":100"#))
        #expect(json.contains(#""enc_dst_port":4789"#))
        #expect(json.contains(#""kind":"tunnel_key""#))
    }
}
