import ArgumentParser

/// The node daemon: the only process that changes the node (NICs, VFs, eswitch rules).
struct EswitchDaemon: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eswitchd",
        abstract: "The eswitch node daemon: provisions VFs and vDPA devices and keeps the NIC's eswitch rules equal to the cloud's network intent.",
        discussion: """
        eswitchd discovers the node's SmartNICs, switches their embedded switch to switchdev mode,
        and reconciles offloaded TC flower / rte_flow rules against the intent it is given through
        its local API (eswitchctl, eswitch-hook). Traffic the NIC cannot handle runs on its software
        slow path. Not yet implemented beyond this help text: see the project's open issues.
        """
    )

    func run() throws {
        throw ValidationError("eswitchd has no daemon mode yet; this build provides the netlink codec and tools only")
    }
}

EswitchDaemon.main()
