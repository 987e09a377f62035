@testable import EswitchCompiler
import EswitchModel
import Testing

/// The bit sets placement uses instead of hashing must agree with the profile vocabulary.
@Suite struct PlacementBitsTests {
    @Test func everyActionAndKeyHasItsOwnBit() {
        let actions = OffloadAction.allCases.map(PlacementBits.bit)
        #expect(Set(actions).count == OffloadAction.allCases.count)
        #expect(actions.allSatisfy { $0 != 0 })
        let keys = FlowerKey.allCases.map(PlacementBits.bit)
        #expect(Set(keys).count == FlowerKey.allCases.count)
        #expect(keys.allSatisfy { $0 != 0 })
    }

    @Test func theKeyBitsOfAMatchAreItsKeys() throws {
        let rules = Compiler().compile(try PlacementFixtures.gatewayHere())
        var seen: UInt64 = 0
        for rule in rules {
            let expected = rule.match.keys.reduce(UInt64(0)) { $0 | PlacementBits.bit($1) }
            #expect(PlacementBits.keys(of: rule.match) == expected, "\(rule.id)")
            seen |= expected
        }
        // The example exercises L2, L3, L4, ICMP, tunnel and conntrack keys.
        for key in [FlowerKey.srcMAC, .dstMAC, .ethType, .vlanID, .ipProto, .srcIP, .dstIP, .dstPort, .icmpType, .encKeyID, .encDstPort, .ctState] {
            #expect(seen & PlacementBits.bit(key) != 0, "\(key)")
        }
    }

    @Test func hardwarePrioritiesAreDensePerChain() {
        for chain in Set(RuleKind.allCases.map(\.chain)) {
            let kinds = RuleKind.allCases.filter { $0.chain == chain }.sorted()
            let priorities = kinds.map(PlacementCapability.hardwarePriority)
            #expect(priorities.first == 1)
            #expect(priorities == priorities.sorted())
            #expect(Set(priorities) == Set(1...UInt16(Set(kinds.map(\.priority)).count)))
        }
    }
}
