#if DPDK
// The C layout itself is under test here, so the test reads the DPDK structures directly.
import CDpdk
import EswitchModel
@testable import PlatformLinux
import RteFlow
import Testing

/// The C structures built from the rte_flow model, read back: every item, action, spec, mask and
/// VXLAN_ENCAP definition must come back as it went in. No EAL is needed to build or read them.
@Suite("rte_flow C structures")
struct RteFlowCStructuresTests {
    @Test("building and reading back gives the same rule", arguments: RteFlowSamples.rules.indices)
    func roundTrip(index: Int) {
        let rule = RteFlowSamples.rules[index]
        let structures = RteFlowCStructures(rule)
        #expect(structures.decoded() == rule)
    }

    @Test("arrays end with END; items without fields have no spec and no mask")
    func layout() {
        let rule = RteFlowSamples.rules[4]
        let structures = RteFlowCStructures(rule)
        #expect(structures.items.count == rule.pattern.count + 1)
        #expect(structures.items[rule.pattern.count].type == RTE_FLOW_ITEM_TYPE_END)
        #expect(structures.actions[rule.actions.count].type == RTE_FLOW_ACTION_TYPE_END)
        #expect(structures.items[1].type == RTE_FLOW_ITEM_TYPE_ETH)
        #expect(structures.items[1].spec == nil && structures.items[1].mask == nil)
        #expect(structures.items[2].spec != nil && structures.items[2].mask != nil)
        #expect(structures.attributes.pointee.transfer == 1 && structures.attributes.pointee.ingress == 0)
    }

    @Test("header fields are in network byte order; the VXLAN_ENCAP definition carries its protocol constants")
    func wireOrder() throws {
        let structures = RteFlowCStructures(RteFlowSamples.rules[2])
        let encapConf = try #require(structures.actions[3].conf as UnsafeRawPointer?).assumingMemoryBound(to: rte_flow_action_vxlan_encap.self).pointee
        let definition = try #require(encapConf.definition as UnsafeMutablePointer<rte_flow_item>?)
        #expect(definition[0].mask == nil)
        let ipv4 = try #require(definition[1].spec as UnsafeRawPointer?).assumingMemoryBound(to: rte_flow_item_ipv4.self).pointee.hdr
        #expect(withUnsafeBytes(of: ipv4.dst_addr) { Array($0) } == [192, 0, 2, 12])
        #expect(ipv4.version_ihl == 0x45 && ipv4.next_proto_id == 17 && ipv4.time_to_live == 64 && ipv4.type_of_service == 0x10)
        let vxlan = try #require(definition[3].spec as UnsafeRawPointer?).assumingMemoryBound(to: rte_flow_item_vxlan.self).pointee.hdr
        // RFC 7348: flags 0x08, then the 24-bit VNI (1001 = 0x0003E9), then a reserved byte.
        #expect(withUnsafeBytes(of: vxlan) { Array($0) } == [0x08, 0, 0, 0, 0x00, 0x03, 0xE9, 0])
        let udp = try #require(definition[2].spec as UnsafeRawPointer?).assumingMemoryBound(to: rte_flow_item_udp.self).pointee.hdr
        #expect(withUnsafeBytes(of: udp.dst_port) { Array($0) } == [0x12, 0xB5])
        #expect(definition[4].type == RTE_FLOW_ITEM_TYPE_END)

        let v6 = RteFlowCStructures(RteFlowSamples.rules[3])
        let v6Conf = try #require(v6.actions[0].conf as UnsafeRawPointer?)
        let v6Definition = try #require(v6Conf.assumingMemoryBound(to: rte_flow_action_vxlan_encap.self).pointee.definition as UnsafeMutablePointer<rte_flow_item>?)
        let ipv6 = try #require(v6Definition[1].spec as UnsafeRawPointer?).assumingMemoryBound(to: rte_flow_item_ipv6.self).pointee.hdr
        // Version 6, traffic class 0xB8, flow label 0.
        #expect(withUnsafeBytes(of: ipv6.vtc_flow) { Array($0) } == [0x6B, 0x80, 0, 0])
    }

    @Test("an error cause pointing into the structures names the attributes, the item or the action")
    func errorLocation() throws {
        let rule = RteFlowSamples.rules[1]
        let structures = RteFlowCStructures(rule)
        #expect(structures.location(of: UnsafeRawPointer(structures.attributes)) == .attributes)
        #expect(structures.location(of: UnsafeRawPointer(structures.items.baseAddress! + 2)) == .item(index: 2, type: "IPV4"))
        #expect(structures.location(of: try #require(structures.items[3].mask as UnsafeRawPointer?)) == .item(index: 3, type: "TCP"))
        #expect(structures.location(of: try #require(structures.actions[2].conf as UnsafeRawPointer?)) == .action(index: 2, type: "OF_SET_VLAN_VID"))
        #expect(structures.location(of: UnsafeRawPointer(structures.actions.baseAddress! + 4)) == .action(index: 4, type: "END"))
        #expect(structures.location(of: nil) == .unlocated)
    }
}
#endif
