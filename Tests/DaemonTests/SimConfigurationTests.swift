import Daemon
import Foundation
import Testing

/// The `sim` section: how eswitchd runs the emulator of `platform: sim:PROFILE`.
@Suite struct SimConfigurationTests {
    static func resolve(_ text: String) throws(DaemonConfigurationError) -> DaemonConfiguration {
        let file = try DaemonConfiguration.readFile(text: "platform: sim:connectx-6dx\nstate_dir: /s\n" + text, source: "s.yaml")
        return try DaemonConfiguration.resolve(file: file, source: "s.yaml", overrides: .init())
    }

    @Test func readsEveryKeyAndBuildsTheEmulatorsCommandLine() throws {
        let configuration = try Self.resolve("""
        sim:
          pfs: 2
          vfs: 3
          backing: netns
          node_netns: node1
          vm_netns_prefix: guest-
          underlay_netns: wire
          emulator: /opt/eswitch/bin/eswitch-hil
          start_timeout: 2m
        """)
        let sim = configuration.sim
        #expect(sim == SimEmulatorSettings(pfs: 2, vfs: 3, backing: .netns, nodeNetns: "node1", vmNetnsPrefix: "guest-",
                                           underlayNetns: "wire", emulator: "/opt/eswitch/bin/eswitch-hil", startTimeout: .seconds(120)))
        #expect(sim.serveArguments(profile: "connectx-6dx") == [
            "--profile", "connectx-6dx", "--pfs", "2", "--vfs", "3", "--switchdev", "--backing", "netns",
            "--node-netns", "node1", "--vm-netns-prefix", "guest-", "--underlay-netns", "wire",
        ])
    }

    @Test func withoutTheSectionTheEmulatorHasOnePFAndNoVFs() throws {
        let sim = try Self.resolve("").sim
        #expect(sim == SimEmulatorSettings())
        #expect(sim.serveArguments(profile: "e810") == ["--profile", "e810", "--pfs", "1", "--vfs", "0"])
        let backed = try Self.resolve("sim: {backing: netns, node_netns: n}\n").sim
        #expect(backed.initialVFs == 4)
    }

    @Test func everyBadValueIsReportedWithItsKey() {
        do {
            _ = try Self.resolve("sim: {pfs: 0, vfs: -1, backing: netns, vm_netns_prefix: a/b, underlay_netns: \"\", start_timeout: soon}\n")
            Issue.record("a bad sim section resolved")
        } catch {
            #expect(error.lines == ["s.yaml: sim.start_timeout: expected a positive duration such as 500ms, 30s, 5m or 1h, found 'soon' (line 3)"])
        }
        do {
            _ = try Self.resolve("sim: {pfs: 0, vfs: -1, backing: netns, vm_netns_prefix: a/b, underlay_netns: \"\"}\n")
            Issue.record("a bad sim section resolved")
        } catch {
            #expect(error.lines == [
                "s.yaml: sim.pfs: expected 1...16, found 0",
                "s.yaml: sim.vfs: must not be negative, found -1",
                "s.yaml: sim.underlay_netns: '' is not a valid network namespace name",
                "s.yaml: sim.vm_netns_prefix: 'a/bpf0vf0' is not a valid network namespace name",
                "s.yaml: sim.node_netns: missing (backing netns puts the representors in this namespace)",
            ])
        }
        do {
            _ = try Self.resolve("sim: {backing: bridge, nodes: 2}\n")
            Issue.record("a bad sim section resolved")
        } catch {
            #expect(Set(error.lines) == [
                "s.yaml: sim.backing: expected none or netns, found 'bridge' (line 3)",
                "s.yaml: sim.nodes: unknown key (expected one of: pfs, vfs, backing, emulator, node_netns, vm_netns_prefix, underlay_netns, start_timeout) (line 3)",
            ], "\(error.lines)")
        }
        do {
            _ = try Self.resolve("sim: {vfs: 0, backing: netns, node_netns: n, underlay_netns: n}\n")
            Issue.record("a bad sim section resolved")
        } catch {
            #expect(error.lines == [
                "s.yaml: sim.vfs: must be at least 1 with backing netns (only VFs present at the emulator's start get devices)",
                "s.yaml: sim.underlay_netns: must differ from sim.node_netns",
            ])
        }
        do {
            _ = try Self.resolve("sim: {node_netns: n}\n")
            Issue.record("a bad sim section resolved")
        } catch {
            #expect(error.lines == ["s.yaml: sim.backing: node_netns and underlay_netns need backing netns"])
        }
    }
}
