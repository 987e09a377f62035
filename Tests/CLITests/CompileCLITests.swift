import Foundation
import Testing

/// `eswitchctl compile`: intent + profile -> placed rules, driven through the real executable.
@Suite struct CompileCLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let example = root.appendingPathComponent("examples/two-node.yaml").path

    func compile(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIRunner.Result {
        try CLIRunner.run("eswitchctl", ["compile"] + arguments, environment: environment)
    }

    /// A temporary file holding `text`, removed when `body` returns.
    func withFile<T>(_ name: String, _ text: String, _ body: (String) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eswitch-compile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return try body(file.path)
    }

    @Test func textShowsEachPortsRulesWithPlacementAndReason() throws {
        let result = try compile(["--state", Self.example, "--profile", "connectx-6dx"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        let lines = result.stdoutLines
        #expect(lines.contains { $0.hasPrefix("port web-1-eth0 (vf): coverage ") })
        #expect(lines.contains { $0.hasPrefix("port tools-eth0 (software): coverage 0.0% ") })
        let l2 = try #require(lines.first { $0.contains("l2-remote@port web-1-eth0:52:54:00:10:00:63") })
        #expect(l2.contains(" 2/21 "))
        #expect(l2.contains("dst_mac=52:54:00:10:00:63"))
        #expect(l2.contains("vxlan encap vni 1001 192.0.2.11 -> 192.0.2.12:4789, output tunnel"))
        #expect(l2.hasSuffix("hardware"))
        let arp = try #require(lines.first { $0.contains("arp-trap@port web-1-eth0:*") })
        #expect(arp.hasSuffix("split (the NIC matches, the slow path acts): ARP is answered by the slow path"))
        #expect(lines.contains { $0.contains("port-admit@port tools-eth0:") && $0.hasSuffix("software: port tools-eth0 is bound software: no VF") })
        #expect(lines.last?.hasPrefix("profile connectx-6dx (ConnectX-6 Dx), backend tc: ") == true)
        #expect(lines.last?.contains("node coverage ") == true)
    }

    @Test func explainAddsTheReasonsPerPort() throws {
        let plain = try compile(["--state", Self.example, "--profile", "connectx-5"])
        let explained = try compile(["--state", Self.example, "--profile", "connectx-5", "--explain"])
        #expect(explained.status == 0)
        #expect(explained.stdout.hasPrefix(plain.stdout.trimmingCharacters(in: .newlines)))
        #expect(explained.stdoutLines.contains("  1 split: ConnectX-5: action police on representor not supported"))
        #expect(explained.stdoutLines.contains { $0.hasPrefix("    port-admit@port web-1-eth0:52:54:00:10:00:01 (chain 0, prio 10): split") })
        #expect(!plain.stdoutLines.contains { $0.hasPrefix("    port-admit@") })
    }

    @Test func jsonIsOneDocumentWithEveryRule() throws {
        let result = try compile(["--state", Self.example, "--profile", "connectx-6dx", "--format", "json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(root["profile"] as? String == "connectx-6dx")
        #expect(root["backend"] as? String == "tc")
        let ports = try #require(root["ports"] as? [[String: Any]])
        let rules = ports.flatMap { ($0["rules"] as? [[String: Any]]) ?? [] }
        let total = try #require((root["coverage"] as? [String: Any])?["total"] as? Int)
        #expect(rules.count == total)
        #expect(rules.allSatisfy { $0["match"] is [String: String] && $0["actions"] is [String] && $0["location"] is String })
        let decap = try #require(rules.first { $0["id"] as? String == "decap@uplink:1001 52:54:00:10:00:01" })
        #expect((decap["match"] as? [String: String])?["enc_key_id"] == "1001")
        #expect(decap["chain"] as? Int == 0)
        let tools = try #require(rules.first { $0["id"] as? String == "port-admit@port tools-eth0:52:54:00:20:00:03" })
        #expect(tools["location"] as? String == "software")
        #expect(tools["reason"] as? String == "port tools-eth0 is bound software: no VF")
        // The JSON form of the intent gives the same document.
        let fromJSON = try compile(["--state", Self.root.appendingPathComponent("examples/two-node.json").path, "--profile", "connectx-6dx", "--format", "json"])
        #expect(fromJSON.status == 0)
        #expect(fromJSON.stdout == result.stdout)
    }

    @Test func e810CannotSetTunnelKeysOnARepresentor() throws {
        let result = try compile(["--state", Self.example, "--profile", "e810"])
        #expect(result.status == 0)
        let line = try #require(result.stdoutLines.first { $0.contains("l2-remote@port web-1-eth0:52:54:00:10:00:63") })
        #expect(line.contains("software: E810: action tunnel_key set on representor not supported"))
        #expect(result.stdoutLines.last?.contains("0 of 32500 hardware rules used") == true)
    }

    @Test func aProfileCanBeAFileAndTheProfilesDirectoryAnEnvironmentVariable() throws {
        let path = Self.root.appendingPathComponent("HardwareProfiles/e810.yaml").path
        let byPath = try compile(["--state", Self.example, "--profile", path])
        #expect(byPath.status == 0)
        #expect(byPath.stdout.contains("E810: action tunnel_key set on representor not supported"))
        // A directory with one profile: names resolve there and nowhere else.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try withFile("e810.yaml", text) { file in
            let dir = URL(fileURLWithPath: file).deletingLastPathComponent().path
            let found = try compile(["--state", Self.example, "--profile", "e810"], environment: ["ESWITCH_PROFILES_DIR": dir])
            #expect(found.status == 0)
            let missing = try compile(["--state", Self.example, "--profile", "connectx-6dx"], environment: ["ESWITCH_PROFILES_DIR": dir])
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("known: e810 in \(dir)"))
        }
    }

    @Test func anInvalidIntentListsEveryProblemWithItsPathAndExits2() throws {
        let text = try String(contentsOfFile: Self.example, encoding: .utf8)
            .replacingOccurrences(of: "    vni: 1001", with: "    vni: 0")
            .replacingOccurrences(of: "    mac: 52:54:00:10:00:01", with: "    mac: 01:00:5e:00:00:01")
        try withFile("bad.yaml", text) { file in
            let result = try compile(["--state", file, "--profile", "connectx-6dx"])
            #expect(result.status == 2)
            #expect(result.stdout.isEmpty)
            #expect(result.stderrLines == [
                "eswitchctl: \(file): networks[0].vni: VNI 0 out of range 1...16777215",
                "eswitchctl: \(file): ports[0].mac: multicast MAC not allowed",
            ])
        }
    }

    @Test func anUnreadableIntentListsEveryDecodingProblem() throws {
        let text = "node:\n  name: a\n  vtep: 192.0.2.1\n  uplink: p0\nnetworks:\n  - id: n\n    vni: abc\n    colour: red\n"
        try withFile("bad.yaml", text) { file in
            let result = try compile(["--state", file, "--profile", "e810"])
            #expect(result.status == 2)
            #expect(result.stderrLines.count == 2)
            #expect(result.stderrLines.first?.contains("networks[0].vni: expected integer") == true)
            #expect(result.stderrLines.last?.contains("networks[0].colour: unknown key") == true)
        }
        try withFile("bad.json", #"{"node": {"name": "a", "vtep": "192.0.2.1", "uplink": "p0"}, "networks": [{"id": "n", "vni": 0}]}"#) { file in
            let result = try compile(["--state", file, "--profile", "e810"])
            #expect(result.status == 2)
            #expect(result.stderrLines == ["eswitchctl: \(file): networks[0].vni: VNI 0 out of range 1...16777215"])
        }
    }

    @Test(arguments: [
        (["--profile", "nosuch"], "unknown hardware profile 'nosuch' (known: "),
        (["--profile", "Bad Name"], "invalid hardware profile name 'Bad Name'"),
        (["--profile", "/nonexistent/x.yaml"], "/nonexistent/x.yaml: no such file"),
        (["--profile", "e810", "--format", "testpmd", "--backend", "tc"], "--format testpmd needs --backend rte_flow"),
    ])
    func badArgumentsGetOneLineAndExit2(arguments: [String], expected: String) throws {
        let result = try compile(["--state", Self.example] + arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.count == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.contains(expected), "stderr: \(result.stderr)")
    }

    @Test func missingStateFile() throws {
        let result = try compile(["--state", "/nonexistent/state.yaml", "--profile", "e810"])
        #expect(result.status == 2)
        #expect(result.stderrLines == ["eswitchctl: /nonexistent/state.yaml: no such file"])
    }

    @Test func aSmallerCapacityEvictsPipelines() throws {
        let result = try compile(["--state", Self.example, "--profile", "connectx-6dx", "--rule-capacity", "20"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("budget: ConnectX-6 Dx capacity 20 rules exhausted"))
        #expect(result.stdoutLines.last?.contains(" of 20 hardware rules used") == true)
    }

    @Test func netlinkFormatIsDecodableAndRoundTrips() throws {
        let result = try compile(["--state", Self.example, "--profile", "connectx-6dx", "--format", "netlink"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let requests = result.stdoutLines.filter { !$0.hasPrefix("#") }
        #expect(requests.count > 50)
        // Software-bound tools-eth0 has no representor: its rules are listed as slow-path only.
        #expect(result.stdoutLines.contains { $0.hasPrefix("# slow path only (no VF): ") && $0.contains("tools-eth0") })
        let decoded = try CLIRunner.run("eswitchctl", ["netlink", "decode"], stdin: result.stdout)
        #expect(decoded.status == 0, "stderr: \(decoded.stderr)")
        #expect(decoded.stdoutLines.count == requests.count)
        #expect(decoded.stdout.contains(#""kind":"tunnel_key""#))
        #expect(decoded.stdout.contains(#""type":"RTM_NEWQDISC""#))
        let encoded = try CLIRunner.run("eswitchctl", ["netlink", "encode"], stdin: decoded.stdout)
        #expect(encoded.stdoutLines == requests)
    }

    @Test func testpmdFormatWritesFlowCreateLines() throws {
        let result = try compile(["--state", Self.example, "--profile", "connectx-6dx", "--format", "testpmd"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdoutLines.contains { $0.hasPrefix("flow create 0 ") && $0.contains("transfer") && $0.contains("vxlan_encap") })
        #expect(result.stdoutLines.contains { $0.hasPrefix("add port meter profile") })
    }
}
