import Foundation
import Testing

/// Unmodified iproute2 (ip, tc, devlink, vdpa) driving an emulated NIC through
/// `eswitch-hil sim exec` and the preload library: the fidelity test of SimNIC's answers.
@Suite("eswitch-hil sim exec with iproute2")
struct SimExecTests {
    /// The directories iproute2 installs its tools in.
    static let toolDirectories = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]

    static func tool(_ name: String) -> String? {
        toolDirectories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// One emulated host in its own state directory.
    struct Host {
        let profile: String
        let vfs: Int
        /// VFs start unbound (mlx5 changes the eswitch mode only with unbound VFs).
        let unbound: Bool
        let state: String

        init(profile: String, vfs: Int, unbound: Bool = false) {
            self.profile = profile
            self.vfs = vfs
            self.unbound = unbound
            state = FileManager.default.temporaryDirectory.appendingPathComponent("eswitch-simexec-\(UUID().uuidString.prefix(8))").path
        }

        /// Runs an iproute2 tool against the host.
        func run(_ command: String) throws -> CLIRunner.Result {
            var words = command.split(separator: " ").map(String.init)
            words[0] = SimExecTests.tool(words[0]) ?? words[0]
            return try CLIRunner.run("eswitch-hil", ["sim", "exec", "--profile", profile, "--vfs", String(vfs)] + (unbound ? ["--unbound-vfs"] : []) + ["--state", state, "--"] + words)
        }

        /// Runs a command that must succeed and returns its standard output.
        func ok(_ command: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
            let result = try run(command)
            #expect(result.status == 0, "\(command): \(result.stderr)", sourceLocation: sourceLocation)
            return result.stdout
        }

        func stop() {
            _ = try? CLIRunner.run("eswitch-hil", ["sim", "stop", "--state", state])
            try? FileManager.default.removeItem(atPath: state)
        }
    }

    @Test("devlink sees the PF, switches to switchdev and lists VF representor ports")
    func devlinkSwitchdev() throws {
        let host = Host(profile: "connectx-6dx", vfs: 4, unbound: true)
        defer { host.stop() }
        #expect(try host.ok("devlink dev show").contains("pci/0000:03:00.0"))
        _ = try host.ok("devlink dev eswitch set pci/0000:03:00.0 mode switchdev")
        #expect(try host.ok("devlink dev eswitch show pci/0000:03:00.0").contains("mode switchdev"))
        let json = try host.ok("devlink -j port show")
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let ports = try #require(object?["port"] as? [String: [String: Any]], "devlink -j port show: \(json)")
        let vfPorts = ports.values.filter { $0["flavour"] as? String == "pcivf" }
        #expect(vfPorts.count >= 4, "\(json)")
        #expect(vfPorts.contains { $0["vfnum"] as? Int == 0 && $0["netdev"] as? String == "pf0vf0" }, "\(json)")
    }

    @Test("mlx5 refuses switchdev while VFs are bound, with its extack")
    func devlinkRefusesWithBoundVFs() throws {
        let host = Host(profile: "connectx-6dx", vfs: 4)
        defer { host.stop() }
        let result = try host.run("devlink dev eswitch set pci/0000:03:00.0 mode switchdev")
        #expect(result.status != 0)
        #expect(result.stderr.contains("Error: mlx5_core: Failed setting eswitch to offloads."), "\(result.stderr)")
        #expect(try host.ok("devlink dev eswitch show pci/0000:03:00.0").contains("mode legacy"))
    }

    @Test("ip shows the PF and representors and sets a VF's MAC")
    func ipLinkVF() throws {
        let host = Host(profile: "connectx-6dx", vfs: 4, unbound: true)
        defer { host.stop() }
        _ = try host.ok("devlink dev eswitch set pci/0000:03:00.0 mode switchdev")
        let links = try host.ok("ip -d link show")
        #expect(links.contains(": pf0:"), "\(links)")
        #expect(links.contains(": pf0vf0:") && links.contains(": pf0vf3:"), "\(links)")
        _ = try host.ok("ip link set dev pf0 vf 0 mac 02:00:00:00:00:11")
        let after = try host.ok("ip -d link show dev pf0")
        #expect(after.contains("vf 0") && after.contains("02:00:00:00:00:11"), "\(after)")
    }

    @Test("tc offloads a flower redirect between representors and shows it in_hw")
    func tcFlowerOffload() throws {
        let host = Host(profile: "connectx-6dx", vfs: 4, unbound: true)
        defer { host.stop() }
        _ = try host.ok("devlink dev eswitch set pci/0000:03:00.0 mode switchdev")
        _ = try host.ok("tc qdisc add dev pf0vf0 ingress")
        _ = try host.ok("tc filter add dev pf0vf0 ingress protocol ip prio 1 flower skip_sw dst_mac 02:00:00:00:00:02 action mirred egress redirect dev pf0vf1")
        let json = try host.ok("tc -s -j filter show dev pf0vf0 ingress")
        #expect(json.contains("\"in_hw\":true"), "\(json)")
        #expect(json.contains("\"skip_sw\":true"), "\(json)")
        #expect(json.contains("\"to_dev\":\"pf0vf1\""), "\(json)")
        #expect(json.contains("\"packets\":"), "\(json)")
    }

    @Test("vdpa lists a management device per VF and adds a device")
    func vdpaDevices() throws {
        let host = Host(profile: "connectx-6dx", vfs: 4)
        defer { host.stop() }
        #expect(try host.ok("vdpa mgmtdev show").contains("pci/0000:03:00.2"))
        _ = try host.ok("vdpa dev add name vdpa0 mgmtdev pci/0000:03:00.2")
        #expect(try host.ok("vdpa dev show").contains("vdpa0"))
    }

    @Test("E810 refuses a tunnel_key encap rule in hardware with the driver's extack")
    func e810RefusesEncap() throws {
        // ice changes the eswitch mode only while no VF exists.
        let host = Host(profile: "e810", vfs: 0)
        defer { host.stop() }
        let modeChange = try host.run("devlink dev eswitch set pci/0000:03:00.0 mode switchdev")
        #expect(modeChange.status == 0)
        #expect(modeChange.stderr.contains("Warning: ice: Changed eswitch mode to switchdev."), "\(modeChange.stderr)")
        _ = try host.ok("tc qdisc add dev pf0 ingress")
        let result = try host.run("tc filter add dev pf0 ingress protocol ip prio 1 flower skip_sw dst_mac 02:00:00:00:00:02 action tunnel_key set src_ip 10.0.0.1 dst_ip 10.0.0.2 id 100 dst_port 4789 action mirred egress redirect dev pf0")
        #expect(result.status != 0)
        #expect(result.stderr.contains("Error: ice: Unsupported action in switchdev mode."), "\(result.stderr)")
        // Refused means nothing was installed.
        #expect(!(try host.ok("tc -j filter show dev pf0 ingress").contains("tunnel_key")))
    }

    @Test("the emulator keeps one host between calls and stops")
    func stateAcrossCalls() throws {
        let host = Host(profile: "connectx-6dx", vfs: 2)
        defer { host.stop() }
        _ = try host.ok("ip link add vx0 type vxlan id 42 dstport 4789")
        #expect(try host.ok("ip link show").contains("vx0"))
        host.stop()
        #expect(!(try host.ok("ip link show").contains("vx0")))
    }
}
