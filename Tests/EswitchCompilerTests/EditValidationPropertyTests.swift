import EswitchCompiler
import EswitchModel
import PropertyBased
import Testing

/// Checking an edit against a valid state's tables accepts and rejects exactly what validating
/// the edited document in full does, with the same problems at the same paths, and an accepted
/// edit made in place gives the same state and look-ups as validating the edited document.
@Suite struct EditValidationPropertyTests {
    static let seeds = Generator<UInt64, Shrink.None<UInt64>>(run: { rng in rng.next() })

    @Test func editChecksAgreeWithFullValidation() async throws {
        var accepted = 0, rejected = 0, decidedIncrementally = 0
        await propertyCheck(count: 200, input: Self.seeds) { seed in
            var random = RandomIntent(seed: seed)
            var current = try random.world().validated()
            for _ in 0..<12 {
                guard let change = random.anyChange(from: current.state) else { continue }
                let document: NetworkState
                do {
                    document = try change.applied(to: current.state)
                } catch {
                    #expect(throws: IntentChangeError.self) { try change.edit(of: current) }
                    continue
                }
                let edit = try change.edit(of: current)
                #expect(edit.applied(to: current.state) == document, "the edit's document differs for \(change)")
                let full = document.validate()
                let problems = current.problems(after: edit)
                if problems != full {
                    Issue.record("\(change):\n  edit check: \(problems)\n  full:       \(full)")
                    return
                }
                var next = current
                do {
                    if try next.apply(edit) { decidedIncrementally += 1 }
                    #expect(full.isEmpty)
                    let expected = try document.validated()
                    #expect(next == expected, "\(change): the edited state differs from the validated document")
                    Self.expectSameLookups(next, expected, after: change)
                    current = next
                    accepted += 1
                } catch let error as NetworkStateValidationError {
                    #expect(error.problems == full)
                    #expect(next == current)
                    rejected += 1
                }
            }
        }
        // Both outcomes are exercised, and most accepted edits are decided from the tables alone.
        #expect(accepted > 400 && rejected > 400, "\(accepted) accepted, \(rejected) rejected")
        #expect(decidedIncrementally > accepted * 3 / 4, "\(decidedIncrementally) of \(accepted) decided from the tables")
    }

    /// Every look-up of an edited state answers as the same state validated afresh.
    static func expectSameLookups(_ a: ValidatedNetworkState, _ b: ValidatedNetworkState, after change: IntentChange) {
        let s = b.state
        for port in s.ports {
            #expect(a.port(port.id) == port, "port \(port.id) after \(change)")
            #expect(a.port(mac: port.mac, in: port.network) == port)
            #expect(a.floatingIPs(of: port.id) == b.floatingIPs(of: port.id), "floating IPs of \(port.id) after \(change)")
        }
        for network in s.networks {
            #expect(a.ports(of: network.id) == b.ports(of: network.id), "ports of \(network.id) after \(change)")
            #expect(a.remoteEndpoints(of: network.id) == b.remoteEndpoints(of: network.id), "endpoints of \(network.id) after \(change)")
        }
        for node in [s.node.name] + s.nodes.map(\.name) + ["ghost"] {
            #expect(a.ports(on: node) == b.ports(on: node), "ports on \(node) after \(change)")
            #expect(a.vtep(of: node) == b.vtep(of: node))
        }
        for group in s.securityGroups {
            #expect(a.securityGroup(group.id) == group)
            #expect(a.ports(inSecurityGroup: group.id) == b.ports(inSecurityGroup: group.id), "ports in \(group.id) after \(change)")
        }
        #expect(a.localPorts == b.localPorts)
    }
}
