import Foundation
import Testing

/// `eswitch-hil sim sysfs`: the sysfs writes of an operator's script, so that the documented mlx5
/// order (unbind the VFs, switchdev, bind them again) runs against an emulated ConnectX with
/// unmodified devlink and ip.
@Suite("eswitch-hil sim sysfs")
struct SimSysfsCLITests {
    @Test("unbind VFs, switch to switchdev, bind them again; errors as the shell shows them")
    func mlx5Order() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("eswitch-simsysfs-\(UUID().uuidString.prefix(8))").path
        defer {
            _ = try? CLIRunner.run("eswitch-hil", ["sim", "stop", "--state", state])
            try? FileManager.default.removeItem(atPath: state)
        }
        let host = ["--profile", "connectx-6dx", "--vfs", "2", "--state", state]
        func sysfs(_ arguments: String...) throws -> CLIRunner.Result {
            try CLIRunner.run("eswitch-hil", ["sim", "sysfs"] + host + arguments)
        }
        func exec(_ command: String) throws -> CLIRunner.Result {
            var words = command.split(separator: " ").map(String.init)
            words[0] = SimExecTests.tool(words[0]) ?? words[0]
            return try CLIRunner.run("eswitch-hil", ["sim", "exec"] + host + ["--"] + words)
        }
        #expect(try sysfs("/sys/bus/pci/devices/0000:03:00.0/sriov_numvfs").stdout == "2\n")
        let refused = try exec("devlink dev eswitch set pci/0000:03:00.0 mode switchdev")
        #expect(refused.status != 0)
        for vf in ["0000:03:00.2", "0000:03:00.3"] {
            let result = try sysfs("/sys/bus/pci/drivers/mlx5_core/unbind", vf)
            #expect(result.status == 0, "\(result.stderr)")
        }
        #expect(!(try exec("ip link show")).stdout.contains("pf0v0"))
        let again = try sysfs("/sys/bus/pci/drivers/mlx5_core/unbind", "0000:03:00.2")
        #expect(again.status == 1)
        #expect(again.stderr == "eswitch-hil: write /sys/bus/pci/drivers/mlx5_core/unbind: No such device (0000:03:00.2 is not bound to mlx5_core)\n")
        let switched = try exec("devlink dev eswitch set pci/0000:03:00.0 mode switchdev")
        #expect(switched.status == 0, "\(switched.stderr)")
        #expect(try sysfs("/sys/bus/pci/drivers/mlx5_core/bind", "0000:03:00.2").status == 0)
        let links = try exec("ip link show").stdout
        #expect(links.contains("pf0v0"))
        #expect(links.contains("pf0vf0") && links.contains("pf0vf1"))
        let missing = try sysfs("/sys/bus/pci/devices/0000:03:00.0/no_such_attribute")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("No such file or directory"))
    }
}
