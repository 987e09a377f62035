import ArgumentParser
import EswitchModel
import Platform

/// How the emulator's ports reach the outside: not at all (netlink only), or through kernel
/// devices in network namespaces.
enum SimBackingKind: String, ExpressibleByArgument, CaseIterable {
    /// Netlink only; frames are not forwarded.
    case none
    /// VFs, wires and representors are veth/TAP devices in network namespaces.
    case netns
}

/// The options of `sim serve` (and `sim exec`, which passes them on) that back the emulated
/// ports by kernel devices.
struct SimBackingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Back the emulated ports by kernel devices: none, or netns (VF = veth into a VM namespace, representor = TAP, wire = veth into the underlay namespace).", valueName: "kind"))
    var backing: SimBackingKind = .none

    @Option(name: .customLong("node-netns"), help: ArgumentHelp("The node's network namespace (representor TAPs pf0vf0..., VF ends vf-pf0vf0..., wire ends wire-pf0...); created when missing and removed at stop.", valueName: "name"))
    var nodeNetns: String?

    @Option(name: .customLong("vm-netns-prefix"), help: ArgumentHelp("VM namespaces are PREFIX plus the VF's representor name (vm-pf0vf0); the VM's NIC in it is eth0.", valueName: "prefix"))
    var vmNetnsPrefix = "vm-"

    @Option(name: .customLong("underlay-netns"), help: ArgumentHelp("The underlay namespace the PFs' wires lead into (no wire backing without it).", valueName: "name"))
    var underlayNetns: String?

    @Option(name: .customLong("underlay-prefix"), help: ArgumentHelp("The wire's end in the underlay namespace is PREFIX plus pf<n> (ul-pf0).", valueName: "prefix"))
    var underlayPrefix = "ul-"

    func validate() throws {
        guard backing == .netns else {
            if nodeNetns != nil || underlayNetns != nil { throw ValidationError("--node-netns and --underlay-netns need --backing netns") }
            return
        }
        guard let node = nodeNetns else { throw ValidationError("--backing netns needs --node-netns NAME") }
        for (option, name) in [("--node-netns", node), ("--underlay-netns", underlayNetns ?? "x"), ("--vm-netns-prefix", vmNetnsPrefix + "pf0vf0")] {
            if name.isEmpty || name.contains("/") || name == "." || name == ".." {
                throw ValidationError("\(option) '\(name)' is not a valid namespace name")
            }
        }
        if let problem = InterfaceName(underlayPrefix + "pf0").problem {
            throw ValidationError("--underlay-prefix '\(underlayPrefix)': \(problem)")
        }
        if underlayNetns == node { throw ValidationError("--underlay-netns must differ from --node-netns") }
    }

    /// The arguments that give these options to another invocation.
    var arguments: [String] {
        guard backing == .netns, let node = nodeNetns else { return [] }
        var out = ["--backing", "netns", "--node-netns", node, "--vm-netns-prefix", vmNetnsPrefix, "--underlay-prefix", underlayPrefix]
        if let underlayNetns { out += ["--underlay-netns", underlayNetns] }
        return out
    }
}
