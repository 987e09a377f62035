import EswitchModel
import Netlink
import Packet

extension SimNICDataPlane {
    /// Classifies a frame in a device's hardware block from chain 0 and runs the actions of the
    /// first matching rule of each chain visited. A miss sends the frame to the device's
    /// representor (the slow path), with the edits already made.
    mutating func classify(_ input: [UInt8], key inputKey: FlowKey, block ifindex: IfIndex, host: inout EmulatedHost) -> Outcome {
        guard let block = blocks[ifindex] else { return .toRepresentor(ifindex, frame: input) }
        var frame = input
        var key = inputKey
        var chain: UInt32 = 0
        var tunnel: TunnelSet?
        var jumps = 0
        nextChain: while true {
            guard let filters = block.chains[chain] else { return .toRepresentor(ifindex, frame: frame) }
            for filter in filters where filter.matches(key) {
                try? host.recordTraffic(on: filter.id, packets: 1, bytes: UInt64(frame.count))
                for action in filter.actions {
                    var verdict = action.verdict
                    switch action.operation {
                    case .redirect(let target):
                        return output(frame, key: key, to: target, tunnel: tunnel, pf: filter.pf, from: ifindex)
                    case .mirror:
                        // A mirror copy is not modelled; the original continues.
                        break
                    case .tunnelSet(let set):
                        tunnel = set
                    case .tunnelUnset:
                        tunnel = nil
                        key.hasTunnel = false
                    case .vlanPush(let id, let priority, let tpid):
                        guard FrameEditor.pushVLAN(&frame, id: id, priority: priority, tpid: tpid, key: &key) else { return .dropped(.badEdit) }
                    case .vlanPop:
                        guard FrameEditor.popVLAN(&frame, key: &key) else { return .dropped(.badEdit) }
                    case .vlanModify(let id, let priority):
                        guard key.vlanCount > 0 else { return .dropped(.badEdit) }
                        let at = key.innerOffset + 14
                        let old = UInt16(frame[at]) << 8 | UInt16(frame[at + 1])
                        let tci = (priority.map { UInt16($0 & 7) << 13 } ?? (old & 0xE000)) | (id & 0x0FFF)
                        frame[at] = UInt8(tci >> 8); frame[at + 1] = UInt8(tci & 0xFF)
                        key.vlanID = id & 0x0FFF
                        if let priority { key.vlanPriority = priority & 7 }
                    case .pedit(let edits):
                        for e in edits {
                            let base: Int
                            switch e.base {
                            case .link: base = key.innerOffset
                            case .network: base = key.networkOffset
                            case .transport: base = key.transportOffset
                            }
                            guard base >= 0, FrameEditor.munge(&frame, at: base + e.offset, mask: e.mask, value: e.value, add: e.add) else {
                                return .dropped(.badEdit)
                            }
                        }
                        reparse(frame, into: &key)
                    case .csum(let flags):
                        if flags.contains(.ipv4Header) { FrameEditor.recomputeIPv4Checksum(&frame, key: key) }
                        if (flags.contains(.tcp) && key.ipProto == 6) || (flags.contains(.udp) && key.ipProto == 17)
                            || (flags.contains(.icmp) && key.ipProto == 1) {
                            FrameEditor.recomputeTransportChecksum(&frame, key: key)
                        }
                    case .gact:
                        break
                    case .police(let slot, let conform, let exceed):
                        let admitted = policers[slot].admit(size: UInt64(frame.count), now: host.clock.now())
                        verdict = admitted ? conform : exceed
                        if admitted, verdict == .pass { verdict = .pipe }
                        if !admitted, verdict != .pipe { return .dropped(.policed) }
                    case .ignored:
                        break
                    }
                    switch verdict {
                    case .pipe, .continue: continue
                    case .drop: return .dropped(.dropAction)
                    case .trap, .pass, .stolen, .redirect: return .toRepresentor(ifindex, frame: frame)
                    default:
                        if let target = verdict.chain {
                            jumps += 1
                            guard jumps <= Self.maximumJumps else { return .dropped(.chainLoop) }
                            chain = target
                            continue nextChain
                        }
                        return .dropped(.dropAction)
                    }
                }
                // The actions ran out without a redirect: the frame goes on to software.
                return .toRepresentor(ifindex, frame: frame)
            }
            return .toRepresentor(ifindex, frame: frame)
        }
    }

    /// Re-reads the headers after an edit, keeping the tunnel metadata.
    func reparse(_ frame: [UInt8], into key: inout FlowKey) {
        guard var fresh = frame.withUnsafeBytes({ FlowKey.parse($0, vxlanPort: nil) }) else { return }
        fresh.copyTunnel(from: key)
        key = fresh
    }

    /// Where a mirred redirect to `target` sends the frame.
    func output(_ frame: [UInt8], key: FlowKey, to target: IfIndex, tunnel: TunnelSet?, pf: Int, from ifindex: IfIndex) -> Outcome {
        switch roles[target] {
        case .representor(let pf, let vf)?:
            return .deliveredToVF(pf: pf, vf: vf, frame: frame)
        case .physicalFunction(let pf)?:
            return .sentOnWire(pf: pf, frame: frame)
        case .virtual(let kind)? where SimLinkRole.tunnelKinds.contains(kind):
            guard let tunnel, kind == "vxlan" else { return .dropped(.unreachableTarget(target)) }
            // Without a resolved neighbour the encap entry is not valid yet: the frame goes to
            // software (as mlx5 does until the neighbour is resolved).
            guard let dstMAC = neighbours[tunnel.destination], let uplink = uplinkOfPF[pf] else {
                return .toRepresentor(ifindex, frame: frame)
            }
            let encap = VXLANEncapsulation(sourceMAC: macs[uplink] ?? 0, destinationMAC: dstMAC, sourceIP: tunnel.source,
                                           destinationIP: tunnel.destination, vni: tunnel.vni,
                                           destinationPort: tunnel.port ?? FlowKey.vxlanPort, ttl: tunnel.ttl ?? 64,
                                           tos: tunnel.tos ?? 0, sourcePortRange: sourcePortRange)
            return .sentOnWire(pf: pf, frame: encap.encapsulate(frame, innerKey: key))
        default:
            return .dropped(.unreachableTarget(target))
        }
    }
}
