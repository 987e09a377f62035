import EswitchModel
import Netlink

/// Turns a rule's action list into tc actions for one filter role.
///
/// - output(port / tunnel / external) -> `mirred egress redirect` to the port's device, the VXLAN
///   device, or the uplink (external first rewrites the destination MAC to the next hop, and the
///   source MAC to the uplink's when known);
/// - drop -> `gact drop`; gotoChain -> `gact goto chain N`;
/// - trap and output(slowPath) -> in hardware `gact trap` (mlx5: forward to the slow path, that is
///   the representor); in software `gact pass`, which hands the frame to the device's stack where
///   the slow path reads it (TC_ACT_TRAP in the software path drops, pkt_cls.h);
/// - consecutive header rewrites -> ONE `pedit ex munge ... pipe` (eth src/dst set, `ip ttl add 255`
///   and `ip6 hoplimit add 255` for the decrements, ip src/dst set), followed by `csum ... pipe`
///   when IPv4 changed: `ip` for the TTL, `ip` plus the L4 checksum (tcp or udp by the matched
///   ip_proto, both when unknown) for addresses, as iproute2's own examples do;
/// - encapsulate -> `tunnel_key set id VNI src_ip dst_ip dst_port [ttl]` (pipe); decapsulate ->
///   `tunnel_key unset`; pushVLAN / popVLAN -> `vlan push id` / `vlan pop`;
/// - police -> `police rate R burst B conform-exceed drop/pipe` (bytes per second);
/// - conntrack -> `ct [commit] zone Z [nat src addr A]`, conntrackRestoreNAT -> `ct zone Z nat`
///   (``ConntrackAction``).
/// Every action carries the ownership cookie. A split rule's hardware half is `gact trap` alone.
struct TCActionLowering {
    let devices: TCDeviceMap
    let match: FlowMatch
    let cookie: [UInt8]

    struct Failure: Error {
        let message: String
    }

    func actions(_ list: [FlowAction], role: TCFilterRole) throws(Failure) -> [TCAction] {
        var options: [TCActionOptions] = []
        if role == .hardwareTrap {
            options = [.gact(.trap)]
        } else {
            options = try lower(list, inHardware: role.inHardware)
        }
        guard options.count <= Int(TCA_ACT_MAX_PRIO) else {
            throw Failure(message: "\(options.count) tc actions, more than TCA_ACT_MAX_PRIO (\(TCA_ACT_MAX_PRIO))")
        }
        var out: [TCAction] = []
        out.reserveCapacity(options.count)
        for (i, o) in options.enumerated() {
            let kind: TCActionKind? = o.kind == nil ? ConntrackAction.kind : nil
            out.append(TCAction(order: UInt16(i + 1), o, kind: kind, cookie: cookie))
        }
        return out
    }

    private func lower(_ list: [FlowAction], inHardware: Bool) throws(Failure) -> [TCActionOptions] {
        var out: [TCActionOptions] = []
        out.reserveCapacity(list.count + 2)
        var edits: [PeditMunge] = []
        var checksums: CsumUpdateFlags = []
        func flush() {
            guard !edits.isEmpty else { return }
            out.append(.pedit(.munge(edits, verdict: .pipe)))
            if !checksums.isEmpty { out.append(.csum(.update(checksums, verdict: .pipe))) }
            edits.removeAll()
            checksums = []
        }
        for action in list {
            switch action {
            case .setEthSource(let mac): edits.append(.ethernetSource(mac))
            case .setEthDestination(let mac): edits.append(.ethernetDestination(mac))
            case .decrementTTL:
                edits.append(.ipv4TTLDecrement)
                checksums.insert(.ipv4Header)
            case .decrementHopLimit: edits.append(.ipv6HopLimitDecrement)
            case .setIPv4Source(let ip):
                edits.append(.ipv4Source(ip))
                checksums.formUnion(addressChecksums)
            case .setIPv4Destination(let ip):
                edits.append(.ipv4Destination(ip))
                checksums.formUnion(addressChecksums)
            case .output(.external):
                guard let uplink = devices.uplink else { throw Failure(message: "output external: no uplink device in the device map") }
                guard let nextHop = devices.externalNextHop else { throw Failure(message: "output external: no next-hop MAC in the device map") }
                edits.append(.ethernetDestination(nextHop))
                if let source = devices.uplinkMAC { edits.append(.ethernetSource(source)) }
                flush()
                out.append(.mirred(.redirect(.egress, to: uplink)))
            default:
                flush()
                out.append(try single(action, inHardware: inHardware))
            }
        }
        flush()
        return out
    }

    /// csum flags after an IPv4 address rewrite: the header, and the L4 checksum covering the
    /// pseudo-header (ICMP has none; unknown protocols get both TCP and UDP, which act_csum applies
    /// only to the protocol the packet has).
    private var addressChecksums: CsumUpdateFlags {
        switch match.ipProtocol.map(IPProtocolNumber.init(rawValue:)) {
        case .tcp?: return [.ipv4Header, .tcp]
        case .udp?: return [.ipv4Header, .udp]
        case nil: return [.ipv4Header, .tcp, .udp]
        default: return [.ipv4Header]
        }
    }

    private func single(_ action: FlowAction, inHardware: Bool) throws(Failure) -> TCActionOptions {
        switch action {
        case .output(.port(let port)):
            guard let device = devices.ports[port] else { throw Failure(message: "output to port \(port): no device for it in the device map") }
            return .mirred(.redirect(.egress, to: device))
        case .output(.tunnel):
            guard let tunnel = devices.tunnel else { throw Failure(message: "output to the tunnel: no VXLAN device in the device map") }
            return .mirred(.redirect(.egress, to: tunnel))
        case .output(.slowPath), .trap:
            return .gact(inHardware ? .trap : .pass)
        case .drop: return .gact(.drop)
        case .gotoChain(let chain): return .gact(.gotoChain(chain))
        case .encapsulate(let e):
            return .tunnelKey(.set(keyID: e.vni.rawValue, source: e.source, destination: e.destination,
                                   destinationPort: e.destinationPort, ttl: e.ttl))
        case .decapsulate: return .tunnelKey(.unset())
        case .pushVLAN(let id): return .vlan(.push(id: id))
        case .popVLAN: return .vlan(.pop())
        case .police(let rate, let burst):
            guard burst <= UInt64(UInt32.max) else { throw Failure(message: "police burst \(burst) bytes does not fit tc's 32 bits") }
            return .police(.police(rate: rate / 8, burst: UInt32(burst), exceed: .drop, conform: .pipe))
        case .conntrack(let zone, let commit, let snat):
            return ConntrackAction.options(zone: zone, commit: commit, sourceNAT: snat)
        case .conntrackRestoreNAT(let zone):
            return ConntrackAction.restoringNAT(zone: zone)
        case .setEthSource, .setEthDestination, .decrementTTL, .decrementHopLimit, .setIPv4Source, .setIPv4Destination, .output(.external):
            // Handled as header rewrites by the caller.
            throw Failure(message: "internal: \(action) reached the single-action path")
        }
    }
}
