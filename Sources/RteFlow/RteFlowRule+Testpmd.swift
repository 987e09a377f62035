/// The testpmd `flow` verb a rule is written with.
public enum RteFlowTestpmdVerb: String, Hashable, Sendable {
    case create
    case validate
}

extension RteFlowRule {
    /// The longest command testpmd reads whole: its line buffer is RDLINE_BUF_SIZE = 512 bytes
    /// (DPDK lib/cmdline/cmdline_private.h); on 22.11 a 512-character line parsed and a
    /// 513-character one did not. Two characters are kept spare.
    public static let testpmdLineLimit = 510

    /// The `flow create` (or `flow validate`) command for this rule:
    /// `flow create 0 group 2 priority 20 transfer pattern represented_port ethdev_port_id is 1 /
    /// eth dst is 52:54:00:10:00:02 / end actions count / jump group 3 / end`.
    public func testpmdFlowCommand(_ verb: RteFlowTestpmdVerb = .create) -> String {
        let items = pattern.map(\.testpmdText) + ["end"]
        let acts = actions.map(\.testpmdText) + ["end"]
        return "flow \(verb.rawValue) \(port.rawValue) \(attributes.testpmdText) pattern \(items.joined(separator: " / ")) actions \(acts.joined(separator: " / "))"
    }

    /// The commands that make this rule in testpmd, in order: the `set vxlan-tos-ttl` command a
    /// VXLAN_ENCAP action needs (testpmd takes the encapsulation from it), then the flow command.
    /// - Throws: ``RteFlowTestpmdError`` when testpmd cannot take the rule as one command.
    public func testpmdCommands(_ verb: RteFlowTestpmdVerb = .create) throws(RteFlowTestpmdError) -> [String] {
        var encapsulations: [RteFlowVXLANEncap] = []
        for case .vxlanEncap(let encap) in actions where !encapsulations.contains(encap) { encapsulations.append(encap) }
        guard encapsulations.count <= 1 else { throw .conflictingEncapsulations }
        let commands = encapsulations.map(\.testpmdSetCommand) + [testpmdFlowCommand(verb)]
        for command in commands where command.utf8.count > Self.testpmdLineLimit {
            throw .lineTooLong(length: command.utf8.count, limit: Self.testpmdLineLimit)
        }
        return commands
    }
}
