extension RteFlowMeter {
    /// The testpmd commands that create the meter on `port` (rte_mtr): its srTCM profile in byte
    /// mode with no excess burst (so there is no yellow), then the meter itself, enabled, without
    /// statistics, not shared, default input colour green, ignoring a previous meter's colour.
    /// The policy must exist first (``RteFlowMeterPolicyID/testpmdDropRedCommand(port:)``).
    /// Syntax: dpdk-testpmd 22.11 `help meter` and testpmd_funcs.rst "Traffic Metering and Policing".
    public func testpmdCommands(port: RteFlowPortID) -> [String] {
        [
            "add port meter profile srtcm_rfc2697 \(port.rawValue) \(profileID) \(committedRateBytesPerSecond) \(committedBurstBytes) 0 0",
            "create port meter \(port.rawValue) \(id.rawValue) \(profileID) \(policy.rawValue) yes 0 0 g 0",
        ]
    }
}

extension RteFlowMeterPolicyID {
    /// The testpmd command for a policy that passes green and yellow frames (no action: the rule's
    /// next actions run) and drops red ones: the behaviour of rte_mtr's default policy as the
    /// meter policy API proposal describes it ("Policy id 0 is default policy. Action per color as
    /// below: green - no action, yellow - no action, red - drop", dev@dpdk.org, March 2021,
    /// https://www.mail-archive.com/dev@dpdk.org/msg203097.html).
    public func testpmdDropRedCommand(port: RteFlowPortID) -> String {
        "add port meter policy \(port.rawValue) \(rawValue) g_actions end y_actions end r_actions drop / end"
    }
}
