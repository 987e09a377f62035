import Foundation
import Testing

/// `eswitchctl netlink send --platform sim:PROFILE`: golden requests replayed against an emulated
/// NIC through the real executable.
@Suite struct NetlinkSendCLITests {
    static let setup = """
    pfs: 1
    vfs: 3
    eswitch_mode: switchdev
    links:
      - {name: vxlan0, kind: vxlan, vni: 100}
      - {name: eth0p, kind: dummy}
      - {name: br0, kind: bridge}
    ifindexes: {pf0vf0: 2, pf0vf1: 3, eth0p: 4, pf0: 5, vxlan0: 6, br0: 7}
    qdiscs: [{dev: pf0vf0, kind: ingress}, {dev: vxlan0, kind: ingress}]
    """

    func withSetup<R>(_ body: (String) throws -> R) throws -> R {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("eswitch-setup-\(UUID().uuidString).yaml")
        try Data(Self.setup.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try body(file.path)
    }

    func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func tcVectorsReplayOnConnectX6DxOneAnswerPerLine() throws {
        let lines = try GoldenLines.load().filter { $0.command.hasPrefix("tc ") && !$0.command.hasPrefix("tc qdisc del") }
        let result = try withSetup { setup in
            try CLIRunner.run("eswitchctl", ["netlink", "send", "--platform", "sim:connectx-6dx", "--setup", setup],
                              stdin: lines.map(\.hex).joined(separator: "\n") + "\n")
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutLines.count == lines.count)
        for (line, output) in zip(lines, result.stdoutLines) {
            let answer = try object(output)
            if line.command.hasPrefix("tc filter get") {
                #expect(answer["result"] as? String == "error")
                #expect(answer["errno_name"] as? String == "ENOENT")
                #expect(answer["extack"] as? String == "Filter with specified priority/protocol not found")
            } else if line.command.hasPrefix("tc -s filter show") {
                #expect(answer["result"] as? String == "dump")
                let parts = answer["messages"] as? [[String: Any]] ?? []
                #expect(parts.count == 24)  // 11 priority headers + 13 filters (prio 1 went with its only filter)
                #expect(output.contains("\"in_hw\""))
                #expect(output.contains("\"not_in_hw\""))
            } else {
                #expect(answer["result"] as? String == "ack", "\(line.command): \(output)")
            }
        }
    }

    @Test func devlinkAndVDPAWithCapturedFamilyIDs() throws {
        let lines = try GoldenLines.load()
        let switchdev = try #require(lines.first { $0.command == "devlink dev eswitch set pci/0000:03:00.0 mode switchdev" })
        let e810 = try CLIRunner.run("eswitchctl", ["netlink", "send", "--platform", "sim:e810", "--family", "devlink=0x20", switchdev.hex])
        #expect(e810.status == 0)
        let answer = try object(try #require(e810.stdoutLines.first))
        #expect(answer["result"] as? String == "ack")
        #expect(answer["extack"] as? String == "ice: Changed eswitch mode to switchdev")

        let add = try #require(lines.first { $0.command.hasPrefix("vdpa dev add name vdpa0") })
        let refused = try CLIRunner.run("eswitchctl", ["netlink", "send", "--platform", "sim:e810", "--family", "vdpa=0x20", add.hex])
        let error = try object(try #require(refused.stdoutLines.first))
        #expect(error["errno_name"] as? String == "ENODEV")
        #expect(error["extack"] as? String == "vdpa: Fail to find the specified management device")
        let accepted = try withSetup { setup in
            try CLIRunner.run("eswitchctl", ["netlink", "send", "--platform", "sim:connectx-6dx", "--setup", setup, "--family", "vdpa=0x20", add.hex])
        }
        #expect(try object(try #require(accepted.stdoutLines.first))["result"] as? String == "ack")
    }

    @Test func badInputIsOneLineAndExit2() throws {
        let badHex = try CLIRunner.run("eswitchctl", ["netlink", "send", "--platform", "sim:software", "zz"])
        #expect(badHex.status == 2)
        #expect(badHex.stderrLines.count == 1)
        let badProfile = try CLIRunner.run("eswitchctl", ["netlink", "send", "--platform", "sim:no-such-nic", "00"])
        #expect(badProfile.status == 2)
        #expect(badProfile.stderrLines.count == 1)
        #expect(badProfile.stderr.contains("no-such-nic"))
        let badPlatform = try CLIRunner.run("eswitchctl", ["netlink", "send", "--platform", "linux", "00"])
        #expect(badPlatform.status == 2)
        #expect(badPlatform.stderrLines.count == 1)
        // A malformed request is not a CLI error: the emulated kernel answers EINVAL.
        let malformed = try CLIRunner.run("eswitchctl", ["netlink", "send", "--platform", "sim:software", "3000000024000506"])
        #expect(malformed.status == 0)
        #expect(malformed.stdout.contains("\"errno_name\":\"EINVAL\""))
    }
}
