import EswitchModel
import RteFlow
import RteFlowBackend
import Testing

/// The example intent's rte_flow rules, as testpmd commands, fed to dpdk-testpmd 22.11.
@Suite("dpdk-testpmd parses the example's rte_flow rules")
struct TestpmdAcceptanceTests {
    @Test("every rte_flow rule of the example (and its meters) parses and reaches the driver; a malformed line does not")
    func exampleParses() throws {
        let plan = try ExampleFixture.plan()
        let script = plan.testpmdScript()
        #expect(script.unwritable.isEmpty, "rules without testpmd text: \(script.unwritable)")
        #expect(script.commands.filter { $0.text.hasPrefix("flow create ") }.count == plan.flows.count)

        // A control: a pattern item testpmd does not know must come back as a parse error, or the
        // checks below could pass on a transcript that says nothing.
        let control = "flow create 0 transfer pattern eth bogus_field is 1 / end actions drop / end"
        let replies = try Testpmd.run(script.lines + [control])
        #expect(replies.count == script.commands.count + 1)
        #expect(replies.last?.isParseError == true, "control line not rejected: \(replies.last?.output ?? "none")")

        for (command, reply) in zip(script.commands, replies) {
            let owner = command.rule.map { "rule \($0)" } ?? "meter set-up"
            #expect(!reply.isParseError, "testpmd could not parse (\(owner)): \(command.text)\n\(reply.output)")
            if command.text.hasPrefix("set vxlan") {
                #expect(reply.output.isEmpty, "set vxlan answered (\(owner)): \(reply.output)")
            } else {
                // Parsed, built and handed to the null PMD, which implements neither rte_flow nor rte_mtr.
                #expect(reply.reachedDriver, "no driver answer (\(owner)) to: \(command.text)\n\(reply.output)")
            }
        }
    }
}
