extension HardwareProfile {
    /// Every rule a well-formed profile keeps beyond its types; empty when the profile is consistent.
    ///
    /// Paths use the profile file's key names, so a problem points at the line to fix.
    public func validate() -> [HardwareProfileIssue] {
        var issues: [HardwareProfileIssue] = []
        func issue(_ path: String, _ message: String) { issues.append(HardwareProfileIssue(path: path, message: message)) }

        if !id.isValid { issue("id", "\"\(id)\" must be 1 to 64 lower-case letters, digits and inner hyphens") }
        for (path, text) in [("name", name), ("vendor", vendor), ("model", model)] where text.isEmpty {
            issue(path, "must not be empty")
        }
        if driver?.isEmpty == true { issue("driver", "must not be empty") }
        switch (driver, pci) {
        case (nil, .some): issue("driver", "required when pci is set")
        case (.some, nil): issue("pci", "required when driver is set")
        default: break
        }
        if ports < 0 { issue("ports", "must not be negative") }
        if pci != nil && ports < 1 { issue("ports", "a NIC has at least one port") }

        if let pci {
            checkDeviceIDs(pci.pfDeviceIDs, "pci.pf_device_ids", &issues)
            checkDeviceIDs(pci.vfDeviceIDs, "pci.vf_device_ids", &issues)
            if sriov != nil && pci.vfDeviceIDs.isEmpty { issue("pci.vf_device_ids", "must not be empty when sriov is set") }
            if sriov == nil && !pci.vfDeviceIDs.isEmpty { issue("sriov", "required when pci.vf_device_ids is not empty") }
        }
        if let sriov, !(1...0xFFFF).contains(sriov.maxVFsPerPF) {
            issue("sriov.max_vfs_per_pf", "must be 1...65535 (the 16-bit TotalVFs field)")
        }

        if switchdev {
            if modeChangeRules == nil { issue("mode_change", "required when switchdev is true") }
            if ruleCapacity < 1 { issue("rule_capacity", "must be > 0 when switchdev is true") }
        } else {
            if modeChangeRules != nil { issue("mode_change", "must be absent when switchdev is false") }
            if !matchKeys.isEmpty { issue("match_keys", "must be empty when switchdev is false (no TC offload)") }
            if !actions.isEmpty { issue("actions", "must be empty when switchdev is false (no TC offload)") }
            if ruleCapacity != 0 { issue("rule_capacity", "must be 0 when switchdev is false") }
        }
        if ruleCapacity < 0 { issue("rule_capacity", "must not be negative") }

        var seenKeys: Set<FlowerKey> = []
        for (i, entry) in matchKeys.enumerated() {
            if !seenKeys.insert(entry.key).inserted { issue("match_keys[\(i)]", "duplicate key \(entry.key)") }
            if entry.onlyOn?.isEmpty == true { issue("match_keys[\(i)].only_on", "must not be empty (omit it to allow every port kind)") }
        }
        var seenActions: Set<OffloadAction> = []
        for (i, entry) in actions.enumerated() {
            if !seenActions.insert(entry.action).inserted { issue("actions[\(i)]", "duplicate action \(entry.action)") }
            if entry.onlyOn?.isEmpty == true { issue("actions[\(i)].only_on", "must not be empty (omit it to allow every port kind)") }
        }
        if let limit = maxActionsPerRule, limit < 1 { issue("max_actions_per_rule", "must be at least 1") }

        for type in TunnelType.allCases {
            let support = tunnels[type]
            if support.encap && !seenActions.contains(.tunnelKeySet) {
                issue("tunnels.\(type).encap", "true, but actions has no tunnel_key_set")
            }
            if support.decap && !seenActions.contains(.tunnelKeyUnset) {
                issue("tunnels.\(type).decap", "true, but actions has no tunnel_key_unset")
            }
            if support.match && !seenKeys.contains(.encKeyID) {
                issue("tunnels.\(type).match", "true, but match_keys has no enc_key_id")
            }
        }
        if seenActions.contains(.tunnelKeySet) && !TunnelType.allCases.contains(where: { tunnels[$0].encap }) {
            issue("actions", "tunnel_key_set is listed, but no tunnel type has encap")
        }

        if let ct = ctOffload {
            if !seenActions.contains(.ct) { issue("ct_offload", "set, but actions has no ct") }
            if !seenKeys.contains(.ctState) { issue("ct_offload", "set, but match_keys has no ct_state") }
            if ct.nat && !seenActions.contains(.ctNAT) { issue("ct_offload.nat", "true, but actions has no ct_nat") }
            if ct.protocols.isEmpty { issue("ct_offload.protocols", "must not be empty") }
            for (i, proto) in ct.protocols.enumerated() where !Self.conntrackProtocols.contains(proto) {
                issue("ct_offload.protocols[\(i)]", "unknown protocol \"\(proto)\" (expected one of: \(Self.conntrackProtocols.sorted().joined(separator: ", ")))")
            }
            if let rate = ct.connectionsPerSecond, rate < 1 { issue("ct_offload.connections_per_second", "must be > 0") }
        } else if seenActions.contains(.ct) {
            issue("actions", "ct is listed, but ct_offload is absent")
        }

        if chains.gotoChain != seenActions.contains(.gotoChain) {
            issue("chains.goto_chain", "must agree with the goto_chain action in actions")
        }
        if chains.maxChain > 0 && !chains.gotoChain { issue("chains.max_chain", "chains above 0 need chains.goto_chain") }

        for (i, rate) in insertionRates.enumerated() where rate.rulesPerSecond < 1 {
            issue("insertion_rates[\(i)].rules_per_second", "must be > 0")
        }
        if let vdpa {
            if vdpa.driver.isEmpty { issue("vdpa.driver", "must not be empty") }
            if vdpa.maxDevicesPerPF < 1 { issue("vdpa.max_devices_per_pf", "must be > 0") }
            if vdpa.maxVirtqueues < 2 { issue("vdpa.max_virtqueues", "must be at least 2 (one rx/tx pair)") }
        }
        if let latencies {
            if let ms = latencies.vfCreateMS, ms < 1 { issue("latencies.vf_create_ms", "must be > 0") }
            if let ms = latencies.vdpaCreateMS, ms < 1 { issue("latencies.vdpa_create_ms", "must be > 0") }
        }
        for (i, text) in (modeChangeRules?.preconditions ?? []).enumerated() where text.isEmpty {
            issue("mode_change.preconditions[\(i)]", "must not be empty")
        }
        return issues
    }

    /// Layer-4 protocols a conntrack offload can name.
    public static let conntrackProtocols: Set<String> = ["tcp", "udp", "gre", "icmp", "sctp"]

    private func checkDeviceIDs(_ ids: [PCIDeviceID], _ path: String, _ issues: inout [HardwareProfileIssue]) {
        if path.hasSuffix("pf_device_ids") && ids.isEmpty {
            issues.append(HardwareProfileIssue(path: path, message: "must not be empty"))
        }
        var seen: Set<PCIDeviceID> = []
        for (i, id) in ids.enumerated() where !seen.insert(id).inserted {
            issues.append(HardwareProfileIssue(path: "\(path)[\(i)]", message: "duplicate \(id)"))
        }
    }
}
