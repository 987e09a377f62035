extension Resolver {
    /// The `sim` section over the defaults, with a problem recorded for each bad value.
    mutating func simSettings(_ section: DaemonConfigurationFile.Sim?) -> SimEmulatorSettings {
        var settings = SimEmulatorSettings()
        guard let section else { return settings }
        if let pfs = section.pfs {
            if (1...16).contains(pfs) { settings.pfs = pfs } else { problem("sim.pfs", "expected 1...16, found \(pfs)") }
        }
        if let vfs = section.vfs {
            if vfs >= 0 { settings.vfs = vfs } else { problem("sim.vfs", "must not be negative, found \(vfs)") }
        }
        settings.backing = section.backing?.value ?? .none
        for (key, name) in [("sim.node_netns", section.nodeNetns), ("sim.underlay_netns", section.underlayNetns)] {
            if let name, let reason = Self.namespaceProblem(name) { problem(key, reason) }
        }
        settings.nodeNetns = section.nodeNetns
        settings.underlayNetns = section.underlayNetns
        if let prefix = section.vmNetnsPrefix {
            if let reason = Self.namespaceProblem(prefix + "pf0vf0") { problem("sim.vm_netns_prefix", reason) } else { settings.vmNetnsPrefix = prefix }
        }
        settings.emulator = section.emulator?.value.path
        if let timeout = section.startTimeout?.value { settings.startTimeout = timeout.duration }
        if settings.backing == .netns {
            if settings.nodeNetns == nil { problem("sim.node_netns", "missing (backing netns puts the representors in this namespace)") }
            if settings.vfs == 0 { problem("sim.vfs", "must be at least 1 with backing netns (only VFs present at the emulator's start get devices)") }
            if let node = settings.nodeNetns, node == settings.underlayNetns { problem("sim.underlay_netns", "must differ from sim.node_netns") }
        } else if section.nodeNetns != nil || section.underlayNetns != nil {
            problem("sim.backing", "node_netns and underlay_netns need backing netns")
        }
        return settings
    }

    /// Why `name` cannot name a network namespace (a file under /run/netns), or nil.
    static func namespaceProblem(_ name: String) -> String? {
        if name.isEmpty || name == "." || name == ".." || name.contains("/") || name.contains(where: \.isWhitespace) {
            return "'\(name)' is not a valid network namespace name"
        }
        return nil
    }
}
