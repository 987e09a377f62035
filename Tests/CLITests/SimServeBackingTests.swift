import Foundation
import Testing

/// The standalone emulator with kernel-backed ports (`eswitch-hil sim serve --backing netns`,
/// started by `sim exec`): VM namespaces ping each other through hardware rules that unmodified
/// `tc` installed, the rules' counters and `sim stats` show the traffic, and `sim stop` removes
/// every namespace and device the emulator made.
@Suite("eswitch-hil sim serve with kernel-backed ports")
struct SimServeBackingTests {
    let node = "esw-node-\(getpid())"
    let prefix = "esw-\(getpid())-"
    let state = FileManager.default.temporaryDirectory.appendingPathComponent("eswitch-simnetns-\(UUID().uuidString.prefix(8))").path

    /// `sim exec` with the backing options (the first call starts the emulator with them).
    func sim(_ command: [String]) throws -> CLIRunner.Result {
        try CLIRunner.run("eswitch-hil", ["sim", "exec", "--profile", "connectx-6dx", "--pfs", "1", "--vfs", "2", "--switchdev",
                                          "--backing", "netns", "--node-netns", node, "--vm-netns-prefix", prefix, "--state", state, "--"]
                          + [SimExecTests.tool(command[0]) ?? command[0]] + command.dropFirst())
    }

    func ok(_ command: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try sim(command.split(separator: " ").map(String.init))
        #expect(result.status == 0, "\(command): \(result.stderr)", sourceLocation: sourceLocation)
        return result.stdout
    }

    /// Runs a program of the machine (ip, ping); its exit status and output.
    static func system(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func namespaces() throws -> [String] {
        try Self.system(["ip", "netns", "list"]).output.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
    }

    @Test("VM namespaces ping through rules tc installed; counters and stats grow; stop removes the namespaces")
    func pingThroughEmulator() throws {
        defer {
            _ = try? CLIRunner.run("eswitch-hil", ["sim", "stop", "--state", state])
            // Only if the emulator could not clean up: never leave namespaces behind.
            for name in [node, prefix + "pf0vf0", prefix + "pf0vf1"] { _ = try? Self.system(["ip", "netns", "del", name]) }
            try? FileManager.default.removeItem(atPath: state)
        }
        _ = try ok("tc qdisc add dev pf0vf0 ingress")
        let made = try namespaces()
        #expect(made.contains(node) && made.contains(prefix + "pf0vf0") && made.contains(prefix + "pf0vf1"), "\(made)")
        // The VMs' NICs carry the default VF MACs 02:00:5f:00:00:00 and :01.
        for (vm, address) in [("pf0vf0", "10.7.0.1/24"), ("pf0vf1", "10.7.0.2/24")] {
            let added = try Self.system(["ip", "-n", prefix + vm, "addr", "add", address, "dev", "eth0"])
            #expect(added.status == 0, "\(added.output)")
        }
        _ = try ok("tc qdisc add dev pf0vf1 ingress")
        for (dev, peer, mac) in [("pf0vf0", "pf0vf1", "02:00:5f:00:00:01"), ("pf0vf1", "pf0vf0", "02:00:5f:00:00:00")] {
            _ = try ok("tc filter add dev \(dev) ingress protocol all prio 1 flower skip_sw dst_mac \(mac) action mirred egress redirect dev \(peer)")
            _ = try ok("tc filter add dev \(dev) ingress protocol all prio 2 flower skip_sw dst_mac ff:ff:ff:ff:ff:ff action mirred egress redirect dev \(peer)")
        }
        let ping = try Self.system(["ip", "netns", "exec", prefix + "pf0vf0", "ping", "-c", "3", "-i", "0.1", "-W", "2", "10.7.0.2"])
        #expect(ping.status == 0, "\(ping.output)")

        let shown = try ok("tc -s -j filter show dev pf0vf0 ingress")
        let filters = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [[String: Any]], "\(shown)")
        let options = filters.compactMap { $0["options"] as? [String: Any] }
        let unicast = try #require(options.first { ($0["keys"] as? [String: Any])?["dst_mac"] as? String == "02:00:5f:00:00:01" }, "\(shown)")
        let actions = try #require(unicast["actions"] as? [[String: Any]], "\(shown)")
        let statistics = actions.first?["stats"] as? [String: Any]
        #expect(statistics?["hw_packets"] as? Int ?? 0 >= 3, "\(shown)")

        // The counters file is rewritten twice a second.
        usleep(700_000)
        let stats = try CLIRunner.run("eswitch-hil", ["sim", "stats", "--state", state])
        #expect(stats.status == 0, "\(stats.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any], "\(stats.stdout)")
        #expect((object["deliveredToVF"] as? Int ?? 0) >= 6, "\(stats.stdout)")

        let stopped = try CLIRunner.run("eswitch-hil", ["sim", "stop", "--state", state])
        #expect(stopped.status == 0, "\(stopped.stderr)")
        let left = try namespaces()
        #expect(!left.contains(node) && !left.contains(prefix + "pf0vf0") && !left.contains(prefix + "pf0vf1"), "\(left)")
    }

    @Test("backing options are checked before anything starts")
    func badOptions() throws {
        let missing = try CLIRunner.run("eswitch-hil", ["sim", "serve", "--profile", "connectx-6dx", "--backing", "netns", "--state", state])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("--backing netns needs --node-netns NAME"), "\(missing.stderr)")
        let prefix = try CLIRunner.run("eswitch-hil", ["sim", "serve", "--profile", "connectx-6dx", "--backing", "netns", "--node-netns", "n",
                                                       "--underlay-netns", "u", "--underlay-prefix", "much-too-long-", "--state", state])
        #expect(prefix.status != 0)
        #expect(prefix.stderr.contains("--underlay-prefix 'much-too-long-'"), "\(prefix.stderr)")
        #expect(!FileManager.default.fileExists(atPath: state + "/sim.sock"))
    }
}
