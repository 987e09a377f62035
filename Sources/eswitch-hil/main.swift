import ArgumentParser

/// The hardware-in-loop harness.
struct EswitchHIL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eswitch-hil",
        abstract: "Hardware-in-loop harness: runs eswitch scenarios with real traffic against an emulated NIC or a real host's NICs.",
        discussion: "Not yet implemented beyond this help text: see the project's open issues."
    )

    func run() throws {
        throw ValidationError("eswitch-hil has no scenarios yet")
    }
}

EswitchHIL.main()
