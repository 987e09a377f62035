import ArgumentParser

/// `eswitch-hil sim ...`: an emulated NIC (SimNIC) that unmodified programs talk netlink to.
struct SimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run programs (iproute2's ip, tc, devlink, vdpa) against an emulated NIC.",
        discussion: """
        `sim exec` starts the emulator for a state directory on first use (`sim serve` in the \
        background, its pid in DIR/sim.pid, its socket DIR/sim.sock, its log DIR/sim.log) and runs \
        the command with the preload library that sends its netlink sockets there, so successive \
        commands see one host. `sim stop` ends the emulator. With `--backing netns` the emulated \
        ports are kernel devices in network namespaces and the emulator forwards frames through its \
        hardware rules; `sim stats` prints its counters.
        """,
        subcommands: [SimServeCommand.self, SimExecCommand.self, SimSysfsCommand.self, SimStopCommand.self, SimStatsCommand.self]
    )
}

/// The options that describe the emulated host.
struct SimHostOptions: ParsableArguments {
    @Option(help: "The hardware profile: a name such as connectx-6dx, or the path of a profile file.")
    var profile: String

    @Option(help: "Physical functions (default: one per port of the profile).")
    var pfs: Int?

    @Option(help: "VFs each PF has at start.")
    var vfs: Int = 0

    @Flag(help: "Start with the eswitch in switchdev mode (VF representors exist from the start; kernel-backed ports are made for them).")
    var switchdev = false

    @Flag(name: .customLong("unbound-vfs"), help: "VFs start unbound from their driver (sriov_drivers_autoprobe=0): mlx5 changes the eswitch mode only then; vDPA management devices need bound VFs.")
    var unboundVFs = false

    func validate() throws {
        if let pfs, pfs < 0 { throw ValidationError("--pfs must not be negative") }
        if vfs < 0 { throw ValidationError("--vfs must not be negative") }
    }

    /// The arguments that give these options to another invocation.
    var arguments: [String] {
        ["--profile", profile, "--vfs", String(vfs)] + (pfs.map { ["--pfs", String($0)] } ?? [])
            + (switchdev ? ["--switchdev"] : []) + (unboundVFs ? ["--unbound-vfs"] : [])
    }
}
