import EswitchModel
import Netlink

/// Where a filter sits in the kernel, and so how it is named for delete and replace: device,
/// chain, priority, protocol and handle, on the ingress hook (parent ffff:fff2).
public struct TCFilterLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The device whose ingress holds the filter.
    public var device: IfIndex
    public var chain: UInt32
    public var priority: UInt16
    public var `protocol`: EtherType
    /// The flower handle (never 0 once planned: 0 would let the kernel choose).
    public var handle: UInt32

    public init(device: IfIndex, chain: UInt32, priority: UInt16, protocol: EtherType, handle: UInt32) {
        self.device = device
        self.chain = chain
        self.priority = priority
        self.protocol = `protocol`
        self.handle = handle
    }

    /// The location of a filter from a dump or a request (chain 0 when TCA_CHAIN is absent).
    public init(of filter: FilterMessage) {
        self.init(device: filter.header.ifindex, chain: filter.chain ?? 0, priority: filter.priority,
                  protocol: filter.protocol, handle: filter.handle)
    }

    /// The classifier instance (device, chain, priority) the handle is unique in.
    var table: TCTable { TCTable(device: device, chain: chain, priority: priority, protocol: `protocol`) }

    /// `tc filter del dev D ingress protocol P [chain C] prio N handle H flower`, as iproute2 builds it.
    public func deleteRequest(sequence: UInt32 = 0) -> NetlinkMessage {
        // An empty match cannot fail to encode.
        let filter = (try? FilterMessage.flower(ifindex: device, priority: priority, protocol: `protocol`,
                                                chain: chain == 0 ? nil : chain, handle: handle))
            ?? FilterMessage(header: TCMessageHeader(ifindex: device, handle: handle, parent: .ingressHook, priority: priority, protocol: `protocol`))
        return .deleteFilter(filter, sequence: sequence)
    }

    public var description: String {
        "dev \(device) chain \(chain) prio \(priority) protocol \(`protocol`) handle 0x\(String(handle, radix: 16))"
    }

    public static func < (a: TCFilterLocation, b: TCFilterLocation) -> Bool {
        (a.device, a.chain, a.priority, a.handle) < (b.device, b.chain, b.priority, b.handle)
    }
}

/// One classifier instance: the filters of one (device, chain, priority, protocol).
struct TCTable: Hashable, Sendable {
    var device: IfIndex
    var chain: UInt32
    var priority: UInt16
    var `protocol`: EtherType
}
