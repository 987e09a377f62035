import ArgumentParser

/// The libvirt qemu hook: turns VM lifecycle events into calls to eswitchd.
struct EswitchHook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eswitch-hook",
        abstract: "libvirt qemu hook: allocates VFs/vDPA devices and installs a VM's port rules through eswitchd.",
        discussion: """
        Installed as /etc/libvirt/hooks/qemu.d/eswitch. libvirt calls it as
        `eswitch-hook GUEST OPERATION SUB-OPERATION EXTRA` with the domain XML on stdin.
        Not yet implemented beyond this help text: see the project's open issues.
        """
    )

    @Argument(help: "Domain name, operation, sub-operation and extra argument, as libvirt passes them.")
    var arguments: [String] = []

    func run() throws {
        throw ValidationError("eswitch-hook is not implemented yet")
    }
}

EswitchHook.main()
