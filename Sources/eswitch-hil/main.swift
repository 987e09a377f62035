import ArgumentParser

/// The hardware-in-loop harness.
struct EswitchHIL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eswitch-hil",
        abstract: "Hardware-in-loop harness: runs eswitch scenarios with real traffic against an emulated NIC or a real host's NICs.",
        discussion: "Scenarios with traffic are not implemented yet; `sim` runs programs such as iproute2 against an emulated NIC.",
        subcommands: [SimCommand.self]
    )
}

EswitchHIL.main()
