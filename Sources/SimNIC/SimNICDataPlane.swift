import EswitchModel
import Netlink
import Packet

/// The emulated NIC's eswitch forwarding: it runs the hardware (in_hw) tc flower rules of an
/// ``EmulatedHost`` on real frames, as the card would, and says where each frame goes.
///
/// - A frame sent by VF n is classified by the filters on its representor's ingress; a frame from
///   the wire by the uplink's filters, and a VXLAN frame then by the tunnel devices' filters (which
///   match the inner frame and the outer headers as `enc_*` keys, and decapsulate).
/// - A frame that no hardware rule takes goes to its representor: the slow path's input. Frames
///   the slow path writes into a representor leave through the represented port
///   (``transmit(fromRepresentor:_:)``).
/// - Counters go to the host's action counters (``EmulatedHost/recordTraffic(on:packets:bytes:)``),
///   police buckets run on the host's clock.
///
/// The rules are compiled when the data plane is built or ``reload(from:)`` is called: reload
/// after changing the host's filters, links or neighbours.
public struct SimNICDataPlane: Sendable {
    /// Where a frame enters the eswitch.
    public enum Port: Hashable, Sendable {
        /// Sent by virtual function `vf` of PF `pf` (the VM's side).
        case virtualFunction(pf: Int, vf: UInt32)
        /// Received from the wire on PF `pf`'s physical port.
        case wire(pf: Int)
    }

    /// Why the eswitch dropped a frame.
    public enum DropReason: Hashable, Sendable {
        /// A gact drop (or a verdict that drops).
        case dropAction
        /// A police action found the flow over its rate.
        case policed
        /// Shorter than an Ethernet header.
        case malformed
        /// The input port does not exist (no such VF, or no representor in switchdev mode).
        case noSuchPort
        /// A mirred target the eswitch cannot reach.
        case unreachableTarget(IfIndex)
        /// goto chain loops past the hardware's jump limit.
        case chainLoop
        /// An edit the frame lacks the header for (pedit beyond the frame, VLAN pop of an untagged frame).
        case badEdit
    }

    /// What the eswitch did with a frame.
    public enum Outcome: Hashable, Sendable {
        /// Delivered out of a VF (to the VM).
        case deliveredToVF(pf: Int, vf: UInt32, frame: [UInt8])
        /// Sent on the wire from PF `pf`'s physical port.
        case sentOnWire(pf: Int, frame: [UInt8])
        /// Handed to the slow path through a representor (or a tunnel device's netdev).
        case toRepresentor(IfIndex, frame: [UInt8])
        /// Dropped.
        case dropped(DropReason)
    }

    /// The most goto-chain jumps one frame may take (the hardware's recirculation bound).
    static let maximumJumps = 32

    var blocks: [IfIndex: CompiledBlock] = [:]
    var representorOfVF: [Port: IfIndex] = [:]
    var uplinkOfPF: [Int: IfIndex] = [:]
    var roles: [IfIndex: SimLinkRole] = [:]
    var macs: [IfIndex: UInt64] = [:]
    var tunnelDevices: [IfIndex] = []
    var neighbours: [UInt32: UInt64] = [:]
    var policers: [Policer] = []
    var policerSlots: [UInt32: Int] = [:]
    /// The UDP source port range of encapsulations (RFC 7348's by default).
    public var sourcePortRange: ClosedRange<UInt16> = VXLANEncapsulation.rfcSourcePorts

    /// Compiles the host's hardware rules and ports.
    public init(host: EmulatedHost) {
        reload(from: host)
    }

    /// Recompiles after the host's filters, links or neighbours changed. Police buckets of
    /// action indexes still present keep their state.
    public mutating func reload(from host: EmulatedHost) {
        blocks = [:]; representorOfVF = [:]; uplinkOfPF = [:]; roles = [:]; macs = [:]; tunnelDevices = []; neighbours = [:]
        for link in host.links.values {
            roles[link.ifindex] = link.role
            macs[link.ifindex] = link.mac.integer
            switch link.role {
            case .representor(let pf, let vf): representorOfVF[.virtualFunction(pf: pf, vf: vf)] = link.ifindex
            case .physicalFunction(let pf): uplinkOfPF[pf] = link.ifindex
            case .virtual(let kind) where SimLinkRole.tunnelKinds.contains(kind): tunnelDevices.append(link.ifindex)
            default: break
            }
        }
        tunnelDevices.sort()
        for entry in host.neighbours {
            if case .v4(let ip)? = entry.message.destination, let mac = entry.message.linkLayerAddress {
                neighbours[ip.rawValue] = mac.integer
            }
        }
        var oldPolicers = policerSlots.mapValues { policers[$0] }
        policers = []; policerSlots = [:]
        for (blockID, block) in host.blocks where blockID.hook == .ingress {
            var compiled = CompiledBlock()
            for (chainIndex, chain) in block.chains {
                var filters: [CompiledFilter] = []
                for proto in chain.protos {
                    for handle in proto.filters.keys.sorted() {
                        guard let filter = proto.filters[handle], filter.inHardware else { continue }
                        filters.append(compile(filter, oldPolicers: &oldPolicers))
                    }
                }
                if !filters.isEmpty { compiled.chains[chainIndex] = filters }
            }
            if !compiled.chains.isEmpty { blocks[blockID.ifindex] = compiled }
        }
    }

    /// Runs a frame entering the eswitch at `port` through the hardware rules.
    public mutating func receive(_ frame: [UInt8], from port: Port, host: inout EmulatedHost) -> Outcome {
        switch port {
        case .virtualFunction:
            guard let rep = representorOfVF[port] else { return .dropped(.noSuchPort) }
            guard let key = frame.withUnsafeBytes({ FlowKey.parse($0, vxlanPort: nil) }) else { return .dropped(.malformed) }
            return classify(frame, key: key, block: rep, host: &host)
        case .wire(let pf):
            guard let uplink = uplinkOfPF[pf] else { return .dropped(.noSuchPort) }
            guard let key = frame.withUnsafeBytes({ FlowKey.parse($0, vxlanPort: nil) }) else { return .dropped(.malformed) }
            if blocks[uplink] != nil {
                let outcome = classify(frame, key: key, block: uplink, host: &host)
                if case .toRepresentor(uplink, _) = outcome {} else { return outcome }
            }
            // A VXLAN frame: the tunnel devices' rules see the inner frame with the outer headers.
            if key.ipProto == 17, key.dstPort == FlowKey.vxlanPort, !tunnelDevices.isEmpty,
               let tunnelKey = frame.withUnsafeBytes({ FlowKey.parse($0) }), tunnelKey.hasTunnel {
                let inner = Array(frame[tunnelKey.innerOffset...])
                if var innerKey = inner.withUnsafeBytes({ FlowKey.parse($0, vxlanPort: nil) }) {
                    innerKey.copyTunnel(from: tunnelKey)
                    for device in tunnelDevices where blocks[device] != nil {
                        let outcome = classify(inner, key: innerKey, block: device, host: &host)
                        if case .toRepresentor(device, _) = outcome { continue }
                        return outcome
                    }
                }
            }
            return .toRepresentor(uplink, frame: frame)
        }
    }

    /// A frame the slow path writes into a representor: it leaves through the represented port
    /// (the VF for a VF representor, the wire for the uplink representor), without classification.
    public func transmit(fromRepresentor ifindex: IfIndex, _ frame: [UInt8]) -> Outcome {
        switch roles[ifindex] {
        case .representor(let pf, let vf)?: return .deliveredToVF(pf: pf, vf: vf, frame: frame)
        case .physicalFunction(let pf)?: return .sentOnWire(pf: pf, frame: frame)
        default: return .dropped(.noSuchPort)
        }
    }
}

extension FlowKey {
    /// Takes the tunnel metadata of an outer parse.
    mutating func copyTunnel(from outer: FlowKey) {
        hasTunnel = outer.hasTunnel
        encKeyID = outer.encKeyID
        encIsIPv6 = outer.encIsIPv6
        encSrcIPv4 = outer.encSrcIPv4; encDstIPv4 = outer.encDstIPv4
        encSrcIPv6High = outer.encSrcIPv6High; encSrcIPv6Low = outer.encSrcIPv6Low
        encDstIPv6High = outer.encDstIPv6High; encDstIPv6Low = outer.encDstIPv6Low
        encSrcPort = outer.encSrcPort; encDstPort = outer.encDstPort
        encTOS = outer.encTOS; encTTL = outer.encTTL
    }
}
