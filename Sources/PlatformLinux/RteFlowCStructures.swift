#if DPDK
#if canImport(Glibc)
import Glibc
#endif
import CDpdk
import EswitchModel
import RteFlow

/// The C form of one ``RteFlowRule``: an `rte_flow_attr`, END-terminated `rte_flow_item` and
/// `rte_flow_action` arrays, and the spec, mask and conf structures they point to (including a
/// VXLAN_ENCAP definition's own item array), allocated together and freed together.
///
/// The pointers are valid for the life of the object; rte_flow copies what it keeps, so the
/// object may go once rte_flow_validate / rte_flow_create returned. Not Sendable: it owns raw C
/// memory that one thread fills and reads.
public final class RteFlowCStructures {
    /// The rule the structures were built from.
    public let rule: RteFlowRule
    let attributes: UnsafeMutablePointer<rte_flow_attr>
    /// The pattern, END item included.
    let items: UnsafeMutableBufferPointer<rte_flow_item>
    /// The actions, END action included.
    let actions: UnsafeMutableBufferPointer<rte_flow_action>
    private var allocations: [UnsafeMutableRawPointer] = []
    /// Which part of the rule each spec, mask and conf allocation belongs to, so that an
    /// rte_flow_error whose cause points at one of them can be located.
    private(set) var owners: [UnsafeRawPointer: RteFlowErrorLocation] = [:]

    /// Builds the C structures of `rule`.
    public init(_ rule: RteFlowRule) {
        self.rule = rule
        attributes = UnsafeMutablePointer.allocate(capacity: 1)
        attributes.initialize(to: rte_flow_attr())
        items = UnsafeMutableBufferPointer.allocate(capacity: rule.pattern.count + 1)
        items.initialize(repeating: rte_flow_item())
        actions = UnsafeMutableBufferPointer.allocate(capacity: rule.actions.count + 1)
        actions.initialize(repeating: rte_flow_action())

        attributes.pointee.group = rule.attributes.group
        attributes.pointee.priority = rule.attributes.priority
        attributes.pointee.ingress = rule.attributes.ingress ? 1 : 0
        attributes.pointee.egress = rule.attributes.egress ? 1 : 0
        attributes.pointee.transfer = rule.attributes.transfer ? 1 : 0
        for (index, item) in rule.pattern.enumerated() {
            items[index] = encode(item, owner: .item(index: index, type: item.typeName), header: false)
        }
        items[rule.pattern.count].type = RTE_FLOW_ITEM_TYPE_END
        for (index, action) in rule.actions.enumerated() {
            actions[index] = encode(action, owner: .action(index: index, type: action.typeName))
        }
        actions[rule.actions.count].type = RTE_FLOW_ACTION_TYPE_END
    }

    deinit {
        for pointer in allocations { free(pointer) }
        attributes.deallocate()
        items.deallocate()
        actions.deallocate()
    }

    /// A zeroed C structure owned by this object (C structures here are plain data: zero is
    /// "not matched" in a mask and "no value" in a conf).
    func allocate<T>(_ type: T.Type, count: Int = 1, owner: RteFlowErrorLocation) -> UnsafeMutablePointer<T> {
        guard let raw = calloc(count, MemoryLayout<T>.stride) else { fatalError("out of memory for an rte_flow structure") }
        allocations.append(raw)
        owners[UnsafeRawPointer(raw)] = owner
        return raw.bindMemory(to: T.self, capacity: count)
    }

    /// Where `cause` (an rte_flow_error's cause pointer) points in these structures.
    func location(of cause: UnsafeRawPointer?) -> RteFlowErrorLocation {
        guard let cause else { return .unlocated }
        if cause == UnsafeRawPointer(attributes) { return .attributes }
        if let base = items.baseAddress, let index = Self.index(of: cause, in: UnsafeRawPointer(base), stride: MemoryLayout<rte_flow_item>.stride, count: items.count) {
            return index < rule.pattern.count ? .item(index: index, type: rule.pattern[index].typeName) : .item(index: index, type: "END")
        }
        if let base = actions.baseAddress, let index = Self.index(of: cause, in: UnsafeRawPointer(base), stride: MemoryLayout<rte_flow_action>.stride, count: actions.count) {
            return index < rule.actions.count ? .action(index: index, type: rule.actions[index].typeName) : .action(index: index, type: "END")
        }
        return owners[cause] ?? .unlocated
    }

    private static func index(of pointer: UnsafeRawPointer, in base: UnsafeRawPointer, stride: Int, count: Int) -> Int? {
        let offset = base.distance(to: pointer)
        guard offset >= 0, offset < stride * count else { return nil }
        return offset / stride
    }
}
#endif
