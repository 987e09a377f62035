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
        commands see one host. `sim stop` ends the emulator.
        """,
        subcommands: [SimServeCommand.self, SimExecCommand.self, SimSysfsCommand.self, SimStopCommand.self]
    )
}

/// The options that describe the emulated host.
struct SimHostOptions: ParsableArguments {
    @Option(help: "The hardware profile: a name such as connectx-6dx, or the path of a profile file.")
    var profile: String

    @Option(help: "VFs each PF has at start.")
    var vfs: Int = 0

    @Flag(name: .customLong("unbound-vfs"), help: "VFs start unbound from their driver (sriov_drivers_autoprobe=0): mlx5 changes the eswitch mode only then; vDPA management devices need bound VFs.")
    var unboundVFs = false

    /// The arguments that give these options to another invocation.
    var arguments: [String] {
        ["--profile", profile, "--vfs", String(vfs)] + (unboundVFs ? ["--unbound-vfs"] : [])
    }
}
