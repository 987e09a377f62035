import Foundation
import Testing

/// `eswitchctl netlink send --setup FILE`: the emulated host starts as the file says, and a file
/// with a key the setup does not know is refused with one line naming the key.
@Suite struct SetupFileCLITests {
    func withFile<R>(_ text: String, _ body: (String) throws -> R) throws -> R {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("eswitch-setup-\(UUID().uuidString).yaml")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try body(file.path)
    }

    func answer(_ result: CLIRunner.Result) throws -> [String: Any] {
        let line = try #require(result.stdoutLines.first, "no answer: \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func unboundVFsLetMlx5SwitchToSwitchdev() throws {
        let switchdev = try #require(try GoldenLines.load().first { $0.command == "devlink dev eswitch set pci/0000:03:00.0 mode switchdev" })
        func send(_ setup: String) throws -> [String: Any] {
            try withFile(setup) { path in
                try answer(try CLIRunner.run("eswitchctl", ["netlink", "send", "--platform", "sim:connectx-6dx", "--setup", path,
                                                            "--family", "devlink=0x20", switchdev.hex]))
            }
        }
        let bound = try send("pfs: 1\nvfs: 2\n")
        #expect(bound["result"] as? String == "error")
        #expect(bound["extack"] as? String == "mlx5_core: Failed setting eswitch to offloads")
        let unbound = try send("pfs: 1\nvfs: 2\nunbound_vfs: true\n")
        #expect(unbound["result"] as? String == "ack", "\(unbound)")
    }

    @Test func unknownKeysAreRefusedWithOneLine() throws {
        for (text, key) in [("pfs: 1\nvsf: 2\n", "vsf"), ("qdiscs: [{dev: pf0, kind: ingress, parent: root}]\n", "parent"),
                            ("links:\n  - {name: vx, kind: vxlan, vnid: 5}\n", "vnid")] {
            let result = try withFile(text) { path in
                try CLIRunner.run("eswitchctl", ["netlink", "send", "--platform", "sim:connectx-6dx", "--setup", path, "00"])
            }
            #expect(result.status == 2)
            #expect(result.stderrLines.count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("unknown key '\(key)'"), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        let negative = try withFile("rule_capacity: -1\n") { path in
            try CLIRunner.run("eswitchctl", ["netlink", "send", "--platform", "sim:connectx-6dx", "--setup", path, "00"])
        }
        #expect(negative.status == 2)
        #expect(negative.stderr.contains("rule_capacity"))
    }
}
