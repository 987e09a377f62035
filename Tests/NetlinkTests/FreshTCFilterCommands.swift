import EswitchModel
import Netlink

/// Random `tc filter add|replace|change|del ... flower ...` command lines with what their
/// requests must hold: the flower keys (in a shuffled order), flags, chain, handle and a list of
/// typed actions (mirred, tunnel_key, vlan, pedit, csum, gact, police, cookies).
struct FreshTCFilterCommands {
    var random: FreshRandom
    let ifindex: [String: IfIndex]

    /// A flower key as typed on the command line and what it adds to the match.
    struct Key {
        let words: [String]
        let apply: (inout FlowerMatch) -> Void
        /// The key tc must have read before this one: ip_proto before ports and ICMP type/code,
        /// vlan_ethtype before the cvlan keys.
        var requires: String?
    }

    /// An action as typed after `action`, and its typed options.
    struct Action {
        let words: [String]
        let options: TCActionOptions
    }

    // MARK: keys

    mutating func macKey(_ name: String, _ set: @escaping (inout FlowerMatch, Masked<MACAddress>) -> Void) -> Key {
        let mac = random.mac()
        return Key(words: [name, mac.description]) { set(&$0, .exact(mac)) }
    }

    /// `src_ip A` / `dst_ip A/len` (IPv4 or IPv6): tc sends the address as given and the mask.
    mutating func ipKey(_ name: String, v6: Bool, _ set: @escaping (inout FlowerMatch, Masked<IPAddress>) -> Void) -> Key {
        let address: IPAddress = v6 ? .v6(random.ipv6()) : .v4(random.ipv4())
        if random.chance(40) {
            let length = v6 ? random.int(16...127) : random.int(8...31)
            let masked = Masked.prefix(address, length: length)!
            return Key(words: [name, "\(address)/\(length)"]) { set(&$0, masked) }
        }
        return Key(words: [name, address.description]) { set(&$0, .exact(address)) }
    }

    /// `ip_tos V[/M]`-style u8 keys: tc sends the mask, 0xff when none is given.
    mutating func byteKey(_ name: String, _ set: @escaping (inout FlowerMatch, Masked<UInt8>) -> Void) -> Key {
        let value = random.byte()
        if random.chance(30) {
            let mask = random.byte() | 0x01
            return Key(words: [name, "0x\(String(value, radix: 16))/0x\(String(mask, radix: 16))"]) { set(&$0, Masked(value, mask: mask)) }
        }
        return Key(words: [name, String(value)]) { set(&$0, Masked(value, mask: 0xff)) }
    }

    mutating func portKey(_ name: String, _ set: @escaping (inout FlowerMatch, Masked<UInt16>) -> Void) -> Key {
        let port = UInt16(random.int(1...65535))
        return Key(words: [name, String(port)], apply: { set(&$0, Masked(port)) }, requires: "ip_proto")
    }

    /// Keys of an IPv4 or IPv6 match: addresses, MACs, ip_proto with L4 ports or ICMP fields.
    mutating func ipKeys(v6: Bool) -> [Key] {
        var keys: [Key] = []
        if random.chance(50) { keys.append(macKey("dst_mac") { $0.dstMAC = $1 }) }
        if random.chance(30) { keys.append(macKey("src_mac") { $0.srcMAC = $1 }) }
        if random.chance(70) { keys.append(ipKey("dst_ip", v6: v6) { $0.dstIP = $1 }) }
        if random.chance(50) { keys.append(ipKey("src_ip", v6: v6) { $0.srcIP = $1 }) }
        if random.chance(25) { keys.append(byteKey("ip_tos") { $0.ipTOS = $1 }) }
        if random.chance(25) { keys.append(byteKey("ip_ttl") { $0.ipTTL = $1 }) }
        if random.chance(75) {
            let proto = random.pick(v6 ? ["tcp", "udp", "sctp", "icmpv6"] : ["tcp", "udp", "sctp", "icmp"])
            let number = IPProtocolNumber(proto)!
            keys.append(Key(words: ["ip_proto", proto]) { $0.ipProto = number })
            if proto.hasPrefix("icmp") {
                let type = UInt8(random.int(0...255)), code = UInt8(random.int(0...255))
                if random.chance(70) { keys.append(Key(words: ["type", String(type)], apply: { $0.icmpType = Masked(type, mask: 0xff) }, requires: "ip_proto")) }
                if random.chance(50) { keys.append(Key(words: ["code", String(code)], apply: { $0.icmpCode = Masked(code, mask: 0xff) }, requires: "ip_proto")) }
            } else {
                if random.chance(70) { keys.append(portKey("dst_port") { $0.dstPort = $1 }) }
                if random.chance(50) { keys.append(portKey("src_port") { $0.srcPort = $1 }) }
            }
        }
        return keys
    }

    /// Shuffles the keys, then moves each required key before the first key that needs it.
    mutating func shuffled(_ keys: [Key]) -> [Key] {
        var list = keys.shuffled(using: &random)
        for required in ["ip_proto", "vlan_ethtype"] {
            if let at = list.firstIndex(where: { $0.words.first == required }),
               let first = list.firstIndex(where: { $0.requires == required }), first < at {
                let key = list.remove(at: at)
                list.insert(key, at: first)
            }
        }
        return list
    }

    // MARK: actions

    func dev(_ name: String) -> IfIndex { ifindex[name] ?? IfIndex(0) }

    mutating func mirred() -> Action {
        let target = random.pick(["X", "Y", "eth0", "eth0p", "vxlan0", "br0"])
        switch random.int(0...3) {
        case 0:
            return Action(words: ["mirred", "egress", "mirror", "dev", target], options: .mirred(.mirror(.egress, to: dev(target))))
        case 1:
            return Action(words: ["mirred", "ingress", "redirect", "dev", target], options: .mirred(.redirect(.ingress, to: dev(target))))
        case 2:
            return Action(words: ["mirred", "egress", "mirror", "dev", target, "pipe"], options: .mirred(.mirror(.egress, to: dev(target), verdict: .pipe)))
        default:
            return Action(words: ["mirred", "egress", "redirect", "dev", target], options: .mirred(.redirect(.egress, to: dev(target))))
        }
    }

    /// `tunnel_key set` with its options in a random order (tc sends them in command-line order,
    /// then no_csum and the parameters).
    mutating func tunnelKeySet() -> Action {
        let v6 = random.chance(30)
        let source: IPAddress = v6 ? .v6(random.ipv6()) : .v4(random.ipv4())
        let destination: IPAddress = v6 ? .v6(random.ipv6()) : .v4(random.ipv4())
        let vni = UInt32(random.int(1...0xFF_FFFF))
        var parts: [([String], TunnelKeyAttribute)] = [(["id", String(vni)], .keyID(vni))]
        switch source {
        case .v4(let a): parts.append((["src_ip", a.description], .ipv4Source(a)))
        case .v6(let a): parts.append((["src_ip", a.description], .ipv6Source(a)))
        }
        switch destination {
        case .v4(let a): parts.append((["dst_ip", a.description], .ipv4Destination(a)))
        case .v6(let a): parts.append((["dst_ip", a.description], .ipv6Destination(a)))
        }
        if random.chance(80) {
            let port = UInt16(random.pick([4789, 4790, random.int(1024...65535)]))
            parts.append((["dst_port", String(port)], .destinationPort(port)))
        }
        if random.chance(40) {
            let tos = random.byte()
            parts.append((["tos", String(tos)], .tos(tos)))
        }
        if random.chance(40) {
            let ttl = UInt8(random.int(1...255))
            parts.append((["ttl", String(ttl)], .ttl(ttl)))
        }
        parts.shuffle(using: &random)
        let noChecksum = random.chance(30)
        var words = ["tunnel_key", "set"] + parts.flatMap(\.0)
        if noChecksum { words.append("nocsum") }
        let list = parts.map(\.1) + [.noChecksum(noChecksum ? 1 : 0), .parameters(TunnelKeyParameters(.set, verdict: .pipe))]
        return Action(words: words, options: .tunnelKey(TunnelKeyOptions(list)))
    }

    mutating func vlan() -> Action {
        switch random.int(0...3) {
        case 0:
            return Action(words: ["vlan", "pop"], options: .vlan(.pop()))
        case 1:
            let id = UInt16(random.int(1...4094))
            return Action(words: ["vlan", "modify", "id", String(id)], options: .vlan(.modify(id: id)))
        default:
            let id = UInt16(random.int(1...4094))
            var words = ["vlan", "push", "id", String(id)]
            var priority: UInt8?
            var proto: UInt16?
            if random.chance(50) {
                priority = UInt8(random.int(0...7))
                words += ["priority", String(priority!)]
            }
            if random.chance(40) {
                proto = 0x88A8
                words += ["protocol", "802.1ad"]
            }
            return Action(words: words, options: .vlan(.push(id: id, vlanProtocol: proto, priority: priority)))
        }
    }

    mutating func pedit(v6: Bool) -> Action {
        var edits: [([String], PeditMunge)] = []
        let count = random.int(1...4)
        for _ in 0..<count {
            switch random.int(0...7) {
            case 0: let m = random.mac(); edits.append((["munge", "eth", "dst", "set", m.description], .ethernetDestination(m)))
            case 1: let m = random.mac(); edits.append((["munge", "eth", "src", "set", m.description], .ethernetSource(m)))
            case 2:
                if v6 {
                    let a = random.ipv6(); edits.append((["munge", "ip6", "src", "set", a.description], .ipv6Source(a)))
                } else {
                    let a = random.ipv4(); edits.append((["munge", "ip", "src", "set", a.description], .ipv4Source(a)))
                }
            case 3:
                if v6 {
                    let a = random.ipv6(); edits.append((["munge", "ip6", "dst", "set", a.description], .ipv6Destination(a)))
                } else {
                    let a = random.ipv4(); edits.append((["munge", "ip", "dst", "set", a.description], .ipv4Destination(a)))
                }
            case 4:
                if v6 {
                    edits.append((["munge", "ip6", "hoplimit", "add", "255"], .ipv6HopLimitDecrement))
                } else if random.chance(50) {
                    edits.append((["munge", "ip", "ttl", "add", "255"], .ipv4TTLDecrement))
                } else {
                    let ttl = UInt8(random.int(1...255)); edits.append((["munge", "ip", "ttl", "set", String(ttl)], .ipv4TTL(ttl)))
                }
            case 5: let p = UInt16(random.int(1...65535)); edits.append((["munge", "tcp", "dport", "set", String(p)], .tcpDestinationPort(p)))
            case 6: let p = UInt16(random.int(1...65535)); edits.append((["munge", "udp", "sport", "set", String(p)], .udpSourcePort(p)))
            default:
                if v6 {
                    let p = UInt16(random.int(1...65535)); edits.append((["munge", "tcp", "sport", "set", String(p)], .tcpSourcePort(p)))
                } else {
                    let tos = random.byte(); edits.append((["munge", "ip", "tos", "set", String(tos)], .ipv4TOS(tos)))
                }
            }
        }
        let verdict = random.pick([nil, "pipe", "pass"] as [String?])
        let typed: TCVerdict = verdict == "pipe" ? .pipe : .pass
        return Action(words: ["pedit", "ex"] + edits.flatMap(\.0) + (verdict.map { [$0] } ?? []),
                      options: .pedit(.munge(edits.map(\.1), verdict: typed)))
    }

    mutating func csum() -> Action {
        let words: [(String, CsumUpdateFlags)] = [("ip", .ipv4Header), ("icmp", .icmp), ("igmp", .igmp), ("tcp", .tcp), ("udp", .udp), ("udplite", .udplite), ("sctp", .sctp)]
        let chosen = words.shuffled(using: &random).prefix(random.int(1...3))
        var flags: CsumUpdateFlags = []
        for (_, f) in chosen { flags.insert(f) }
        let verdict = random.pick([nil, "pipe", "pass", "drop"] as [String?])
        let typed: TCVerdict = verdict.flatMap { TCVerdict($0) } ?? .pass
        return Action(words: ["csum"] + Array(chosen.map(\.0)).joined(separator: " and ").split(separator: " ").map(String.init) + (verdict.map { [$0] } ?? []),
                      options: .csum(.update(flags, verdict: typed)))
    }

    mutating func gact() -> Action {
        switch random.int(0...6) {
        case 0: return Action(words: ["drop"], options: .gact(.drop))
        case 1: return Action(words: ["pass"], options: .gact(.pass))
        case 2: return Action(words: ["trap"], options: .gact(.trap))
        case 3: return Action(words: ["gact", "pipe"], options: .gact(.pipe))
        case 4: return Action(words: ["continue"], options: .gact(.verdict(.continue)))
        case 5: return Action(words: ["gact", "reclassify"], options: .gact(.verdict(.reclassify)))
        default:
            let chain = UInt32(random.int(1...4000))
            return Action(words: ["goto", "chain", String(chain)], options: .gact(.gotoChain(chain)))
        }
    }

    mutating func police() -> Action {
        let (rateWord, rate): (String, UInt64) = {
            switch random.int(0...3) {
            case 0: let k = random.int(64...900_000); return ("\(k)kbit", UInt64(k) * 1000 / 8)
            case 1: let m = random.int(1...9000); return ("\(m)mbit", UInt64(m) * 1_000_000 / 8)
            case 2: let g = random.int(35...200); return ("\(g)gbit", UInt64(g) * 1_000_000_000 / 8)
            default: let g = random.int(1...30); return ("\(g)gbit", UInt64(g) * 1_000_000_000 / 8)
            }
        }()
        let burstK = random.int(2...4096)
        var words = ["police", "rate", rateWord, "burst", "\(burstK)k"]
        var mtu: UInt32 = 0
        if random.chance(30) {
            mtu = UInt32(random.pick([1500, 2048, 9000, 65535]))
            words += ["mtu", String(mtu)]
        }
        var exceed: TCVerdict = .reclassify
        var conform: TCVerdict?
        switch random.int(0...3) {
        case 0: break
        case 1: exceed = .drop; words += ["conform-exceed", "drop"]
        case 2: exceed = .drop; conform = .pipe; words += ["conform-exceed", "drop/pipe"]
        default: exceed = .pipe; conform = .pass; words += ["conform-exceed", "pipe/pass"]
        }
        return Action(words: words, options: .police(.police(rate: rate, burst: UInt32(burstK * 1024), mtu: mtu, exceed: exceed, conform: conform)))
    }

    // MARK: filters

    /// A scenario's protocol word and typed protocol, keys, and whether its addresses are IPv6.
    mutating func scenario() -> (protocolWord: String, protocol: EtherType, keys: [Key], v6: Bool, device: String) {
        switch random.int(0...9) {
        case 0, 1, 2:
            return ("ip", .ipv4, ipKeys(v6: false), false, random.pick(["X", "Y", "eth0"]))
        case 3, 4:
            return ("ipv6", .ipv6, ipKeys(v6: true), true, random.pick(["X", "Y", "eth0"]))
        case 5:
            var keys: [Key] = []
            let id = UInt16(random.int(1...4094)), prio = UInt8(random.int(0...7))
            keys.append(Key(words: ["vlan_id", String(id)]) { $0.vlanID = id })
            if random.chance(60) { keys.append(Key(words: ["vlan_prio", String(prio)]) { $0.vlanPriority = prio }) }
            let inner = random.pick(["ip", "ipv6", "arp"])
            let innerType = EtherType(inner)!
            keys.append(Key(words: ["vlan_ethtype", inner]) { $0.vlanEthType = innerType })
            if random.chance(50) { keys.append(macKey("dst_mac") { $0.dstMAC = $1 }) }
            return ("802.1Q", .vlan8021Q, keys.shuffled(using: &random), false, random.pick(["X", "eth0"]))
        case 6:
            // QinQ: the outer tag's ethtype must come before the cvlan keys (see shuffled).
            let id = UInt16(random.int(1...4094)), cid = UInt16(random.int(1...4094)), cprio = UInt8(random.int(0...7))
            let inner = random.pick(["ip", "ipv6"])
            let innerType = EtherType(inner)!
            let keys = [
                Key(words: ["vlan_id", String(id)]) { $0.vlanID = id },
                Key(words: ["vlan_ethtype", "802.1Q"]) { $0.vlanEthType = .vlan8021Q },
                Key(words: ["cvlan_id", String(cid)], apply: { $0.cvlanID = cid }, requires: "vlan_ethtype"),
                Key(words: ["cvlan_prio", String(cprio)], apply: { $0.cvlanPriority = cprio }, requires: "vlan_ethtype"),
                Key(words: ["cvlan_ethtype", inner], apply: { $0.cvlanEthType = innerType }, requires: "vlan_ethtype"),
            ]
            return ("802.1ad", .vlan8021AD, keys, false, "X")
        case 7:
            var keys: [Key] = []
            let op = random.pick([("request", UInt8(1)), ("reply", UInt8(2))])
            keys.append(Key(words: ["arp_op", op.0]) { $0.arpOp = Masked(op.1, mask: 0xff) })
            if random.chance(70) {
                let a = random.ipv4()
                keys.append(Key(words: ["arp_tip", a.description]) { $0.arpTIP = .exact(a) })
            }
            if random.chance(50) {
                let a = random.ipv4(), length = random.int(8...31)
                let masked = Masked(a, mask: IPv4Address.mask(prefixLength: length))
                keys.append(Key(words: ["arp_sip", "\(a)/\(length)"]) { $0.arpSIP = masked })
            }
            if random.chance(40) { let m = random.mac(); keys.append(Key(words: ["arp_sha", m.description]) { $0.arpSHA = .exact(m) }) }
            if random.chance(30) { let m = random.mac(); keys.append(Key(words: ["arp_tha", m.description]) { $0.arpTHA = .exact(m) }) }
            return ("arp", .arp, keys.shuffled(using: &random), false, random.pick(["X", "Y"]))
        case 8:
            // VXLAN decapsulation match on the tunnel device.
            let v6 = random.chance(30)
            var keys: [Key] = []
            let vni = UInt32(random.int(1...0xFF_FFFF))
            keys.append(Key(words: ["enc_key_id", String(vni)]) { $0.encKeyID = vni })
            keys.append(ipKey("enc_dst_ip", v6: v6) { $0.encDstIP = $1 })
            if random.chance(70) { keys.append(ipKey("enc_src_ip", v6: v6) { $0.encSrcIP = $1 }) }
            let port = UInt16(random.pick([4789, random.int(1024...65535)]))
            keys.append(Key(words: ["enc_dst_port", String(port)]) { $0.encDstPort = Masked(port) })
            if random.chance(30) { keys.append(byteKey("enc_tos") { $0.encTOS = $1 }) }
            if random.chance(30) { keys.append(byteKey("enc_ttl") { $0.encTTL = $1 }) }
            if random.chance(50) { keys.append(macKey("dst_mac") { $0.dstMAC = $1 }) }
            return ("ip", .ipv4, keys.shuffled(using: &random), false, "vxlan0")
        default:
            var keys: [Key] = []
            if random.chance(60) { keys.append(macKey("dst_mac") { $0.dstMAC = $1 }) }
            if random.chance(40) { keys.append(macKey("src_mac") { $0.srcMAC = $1 }) }
            return ("all", .all, keys, false, random.pick(["X", "Y", "eth0"]))
        }
    }

    /// One `tc filter add|replace|change` command.
    mutating func addOrReplace() -> FreshRequest {
        let verb = random.pick(["add", "add", "add", "replace", "change"])
        let (protocolWord, proto, rawKeys, v6, device) = scenario()
        var keys = shuffled(rawKeys)
        let egress = random.chance(20)
        let priority = UInt16(random.int(1...65000))
        let chain: UInt32? = random.chance(25) ? UInt32(random.int(0...10000)) : nil
        let handle: UInt32 = verb == "add" && random.chance(70) ? 0 : UInt32(random.int(1...0xFFFF_FFF0))

        var flags: FilterFlags = []
        switch random.int(0...5) {
        case 0: flags = .skipSoftware
        case 1: flags = .skipHardware
        case 2: flags = .verbose
        default: break
        }
        if !flags.isEmpty {
            let word = flags == .skipSoftware ? "skip_sw" : flags == .skipHardware ? "skip_hw" : "verbose"
            keys.insert(Key(words: [word]) { _ in }, at: random.int(0...keys.count))
        }
        var inputDevice: String?
        if random.chance(10) {
            inputDevice = random.pick(["X", "eth0p"])
            keys.insert(Key(words: ["indev", inputDevice!]) { $0.inputDevice = inputDevice }, at: 0)
        }

        var actions: [Action] = []
        var cookies: [[UInt8]?] = []
        let count = random.int(1...3)
        for i in 0..<count {
            let last = i == count - 1
            let action: Action
            switch random.int(0...9) {
            case 0: action = tunnelKeySet()
            case 1: action = Action(words: ["tunnel_key", "unset"], options: .tunnelKey(.unset()))
            case 2: action = vlan()
            case 3: action = pedit(v6: v6)
            case 4: action = csum()
            case 5: action = last ? gact() : mirred()
            case 6: action = police()
            default: action = mirred()
            }
            actions.append(action)
            cookies.append(random.chance(20) ? random.hex(random.int(1...16)).bytes : nil)
        }

        var words = ["tc", "filter", verb, "dev", device, egress ? "egress" : "ingress", "protocol", protocolWord]
        if let chain { words += ["chain", String(chain)] }
        words += ["prio", String(priority)]
        if handle != 0 { words += ["handle", "0x" + String(handle, radix: 16)] }
        words.append("flower")
        words += keys.flatMap(\.words)
        for (action, cookie) in zip(actions, cookies) {
            words += ["action"] + action.words
            if let cookie { words += ["cookie", cookie.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()] }
        }

        var match = FlowerMatch()
        for key in keys { key.apply(&match) }
        // iproute2 6.1 keeps a parsed cookie for the rest of the list: every later action without
        // a cookie of its own carries the previous one too.
        var carried: [UInt8]?
        let typedActions = zip(actions, cookies).enumerated().map { i, pair in
            carried = pair.1 ?? carried
            return TCAction(order: UInt16(i + 1), pair.0.options, cookie: carried)
        }
        let ifindex = dev(device)
        let parent: TCHandle = egress ? .egressHook : .ingressHook
        let nlFlags: NetlinkFlags = verb == "add" ? [.request, .ack, .exclusive, .create] : verb == "replace" ? [.request, .ack, .create] : [.request, .ack]
        return FreshRequest(words, type: RTM.newTFilter, flags: nlFlags) { message, m in
            guard case .filter(let f) = message.body else { return m.fail("not a filter: \(message.body)") }
            m.equal("ifindex", f.header.ifindex, ifindex)
            m.equal("parent", f.header.parent, parent)
            m.equal("prio", f.priority, priority)
            m.equal("protocol", f.protocol, proto)
            m.equal("handle", f.handle, handle)
            m.equal("chain", f.chain, chain)
            m.equal("kind", f.kind, "flower")
            m.equal("flags", f.flags, flags)
            guard let options = f.flower else { return m.fail("no flower options") }
            m.equal("match", options.match, match)
            m.equal("eth_type", options.ethType, proto == .all ? nil : proto)
            m.equalLists("actions", f.actions, typedActions)
            for case .unknown(let raw) in options.attributes { m.fail("flower attribute kept raw: \(raw)") }
        }
    }

    /// One `tc filter del` command: by priority, by priority/protocol/handle with the kind, or by chain.
    mutating func delete() -> FreshRequest {
        let device = random.pick(["X", "Y", "eth0", "vxlan0"])
        let ifindex = dev(device)
        let priority = UInt16(random.int(1...65000))
        switch random.int(0...2) {
        case 0:
            let words = ["tc", "filter", "del", "dev", device, "ingress", "prio", String(priority)]
            let expected = FilterMessage(header: TCMessageHeader(ifindex: ifindex, parent: .ingressHook, priority: priority, protocol: EtherType(0)))
            return FreshRequest(words, type: RTM.delTFilter, flags: [.request, .ack]) { message, m in
                m.equal("body", message.body, .filter(expected))
            }
        case 1:
            let proto = random.pick([("ip", EtherType.ipv4), ("ipv6", .ipv6), ("802.1Q", .vlan8021Q), ("arp", .arp)])
            let handle = UInt32(random.int(1...0xFFFF))
            let chain: UInt32? = random.chance(50) ? UInt32(random.int(1...500)) : nil
            var words = ["tc", "filter", "del", "dev", device, "ingress", "protocol", proto.0]
            if let chain { words += ["chain", String(chain)] }
            words += ["prio", String(priority), "handle", String(handle), "flower"]
            let expected = try? FilterMessage.flower(ifindex: ifindex, priority: priority, protocol: proto.1, chain: chain, handle: handle)
            return FreshRequest(words, type: RTM.delTFilter, flags: [.request, .ack]) { message, m in
                guard let expected else { return m.fail("cannot build the expected filter") }
                m.equal("body", message.body, .filter(expected))
            }
        default:
            let chain = UInt32(random.int(1...500))
            let words = ["tc", "filter", "del", "dev", device, "egress", "chain", String(chain)]
            let expected = FilterMessage.dump(ifindex: ifindex, parent: .egressHook, chain: chain)
            return FreshRequest(words, type: RTM.delTFilter, flags: [.request, .ack]) { message, m in
                m.equal("body", message.body, .filter(expected))
            }
        }
    }

    // MARK: other shapes

    /// Shapes the typed model does not cover, or covers in other forms: keys and actions kept as
    /// raw attributes (port ranges, IP/TCP flags, conntrack state, MPLS, tunnel options, other
    /// action kinds), other classifiers, legacy pedit, probabilistic gact, peak-rate and
    /// packet-rate policers, action indexes. The request must still decode, re-encode byte for
    /// byte and keep its typed header and the typed parts.
    mutating func otherShapes() -> [FreshRequest] {
        var out: [FreshRequest] = []
        func filter(_ device: String, _ protocolWord: String, _ proto: EtherType, _ priority: UInt16, _ rest: [String],
                    check: @escaping (FilterMessage, inout FreshMismatches) -> Void = { _, _ in }) -> FreshRequest {
            let ifindex = dev(device)
            let words = ["tc", "filter", "add", "dev", device, "ingress", "protocol", protocolWord, "prio", String(priority)] + rest
            return FreshRequest(words, type: RTM.newTFilter, flags: [.request, .ack, .exclusive, .create]) { message, m in
                guard case .filter(let f) = message.body else { return m.fail("not a filter: \(message.body)") }
                m.equal("ifindex", f.header.ifindex, ifindex)
                m.equal("prio", f.priority, priority)
                m.equal("protocol", f.protocol, proto)
                check(f, &m)
            }
        }
        func prio() -> UInt16 { UInt16(random.int(1...65000)) }

        let low = UInt16(random.int(1...30000)), high = low + UInt16(random.int(1...30000))
        out.append(filter("X", "ip", .ipv4, prio(), ["flower", "ip_proto", "tcp", "dst_port", "\(low)-\(high)", "action", "drop"]) { f, m in
            m.equal("ip_proto", f.flower?.ipProto, .tcp)
            m.equal("actions", f.actions, [TCAction(order: 1, .gact(.drop))])
        })
        out.append(filter("Y", "ip", .ipv4, prio(), ["flower", "ip_flags", random.pick(["frag", "nofrag", "frag/firstfrag", "nofrag/nofirstfrag"]), "action", "pass"]))
        let synMask = random.pick(["0x02/0x12", "0x10", "0x01/0x3f"])
        out.append(filter("X", "ipv6", .ipv6, prio(), ["flower", "ip_proto", "tcp", "tcp_flags", synMask, "action", "drop"]) { f, m in
            m.equal("ip_proto", f.flower?.ipProto, .tcp)
        })
        out.append(filter("eth0", "ip", .ipv4, prio(), ["flower", "ct_state", random.pick(["+trk+est", "-trk", "+trk+new-est"]), "action", "drop"]))
        let label = random.int(0...0xFFFFF), tc = random.int(0...7)
        out.append(filter("X", "mpls_uc", EtherType(0x8847), prio(), ["flower", "mpls_label", String(label), "mpls_tc", String(tc), "mpls_bos", "1", "mpls_ttl", String(random.int(1...255)), "action", "pass"]))
        let vni = UInt32(random.int(1...0xFF_FFFF))
        out.append(filter("vxlan0", "ip", .ipv4, prio(), ["flower", "enc_key_id", String(vni), "enc_dst_port", "6081",
                                                          "geneve_opts", "0102:80:00880022/ffff:ff:ffffffff", "action", "tunnel_key", "unset"]) { f, m in
            m.equal("enc_key_id", f.flower?.match.encKeyID, vni)
        })
        let src = random.ipv4(), dst = random.ipv4(), id = UInt32(random.int(1...0xFF_FFFF))
        out.append(filter("X", "ip", .ipv4, prio(), ["flower", "action", "tunnel_key", "set", "id", String(id), "src_ip", src.description, "dst_ip", dst.description,
                                                     "dst_port", "6081", "geneve_opts", "0102:80:00880022,0103:81:11223344", "action", "mirred", "egress", "redirect", "dev", "vxlan0"]) { f, m in
            guard case .tunnelKey(let t)? = f.actions.first?.options else { return m.fail("first action is not tunnel_key") }
            m.equal("id", t.keyID, id)
            m.equal("src_ip", t.source, .v4(src))
            let hasOptions = t.attributes.contains { if case .encapsulationOptions = $0 { true } else { false } }
            m.equal("geneve_opts as TCA_TUNNEL_KEY_ENC_OPTS", hasOptions, true)
        })
        let classMajor = random.int(1...0xFFFF), classMinor = random.int(1...0xFFFF)
        out.append(filter("Y", "ip", .ipv4, prio(), ["flower", "classid", "\(String(classMajor, radix: 16)):\(String(classMinor, radix: 16))", "action", "pass"]) { f, m in
            m.equal("classid", f.flower?.match.classID, TCHandle(major: UInt16(classMajor), minor: UInt16(classMinor)))
        })
        let mark = random.int(1...0xFFFF)
        out.append(filter("X", "all", .all, prio(), ["flower", "action", "skbedit", "mark", String(mark), "action", "sample", "rate", String(random.int(2...1000)), "group", String(random.int(1...99)),
                                                     "action", "ct", "commit", "zone", String(random.int(1...999)), "action", "drop"]) { f, m in
            m.equal("kinds", f.actions.map(\.kind?.description), ["skbedit", "sample", "ct", "gact"])
        })
        out.append(filter("eth0", "ip", .ipv4, prio(), ["matchall", "skip_sw", "action", "mirred", "egress", "mirror", "dev", "Y"]) { f, m in
            m.equal("kind", f.kind, "matchall")
        })
        out.append(filter("X", "ip", .ipv4, prio(), ["u32", "match", "ip", "dst", "\(random.ipv4())/32", "action", "drop"]) { f, m in
            m.equal("kind", f.kind, "u32")
        })
        let offset = 4 * random.int(0...10), value = UInt32.random(in: 0...UInt32.max, using: &random)
        out.append(filter("Y", "ip", .ipv4, prio(), ["flower", "action", "pedit", "munge", "offset", String(offset), "u32", "set", "0x" + String(value, radix: 16), "pipe", "action", "drop"]) { f, m in
            guard case .pedit(let p)? = f.actions.first?.options else { return m.fail("first action is not pedit") }
            m.equal("keys", p.keys?.map(\.key.value), [value])
        })
        let determ = random.int(2...100)
        out.append(filter("X", "ip", .ipv4, prio(), ["flower", "action", "gact", "drop", "random", "determ", "pass", String(determ)]) { f, m in
            guard case .gact(let g)? = f.actions.first?.options else { return m.fail("not gact") }
            m.equal("options", g, .verdict(.drop, probability: GactProbability(type: 2, value: UInt16(determ), verdict: .pass)))
        })
        let peak = UInt64(random.int(2...9))
        out.append(filter("X", "all", .all, prio(), ["flower", "action", "police", "rate", "1mbit", "burst", "10k", "mtu", "2k", "peakrate", "\(peak)mbit", "conform-exceed", "drop"]) { f, m in
            m.equalLists("actions", f.actions, [TCAction(order: 1, .police(.police(rate: 125_000, burst: 10 * 1024, mtu: 2048, peakRate: peak * 125_000, exceed: .drop)))])
        })
        let average = UInt32(random.int(100...900))
        out.append(filter("Y", "all", .all, prio(), ["flower", "action", "police", "avrate", "\(average)kbit", "conform-exceed", "drop"]) { f, m in
            m.equalLists("actions", f.actions, [TCAction(order: 1, .police(.police(rate: 0, burst: 0, exceed: .drop, averageRate: average * 1000 / 8)))])
        })
        let packets = UInt64(random.int(100...100_000)), burst = UInt64(random.int(10...1000))
        out.append(filter("Y", "all", .all, prio(), ["flower", "action", "police", "pkts_rate", String(packets), "pkts_burst", String(burst), "conform-exceed", "drop"]) { f, m in
            m.equalLists("actions", f.actions, [TCAction(order: 1, .police(.police(packetRate: packets, packetBurst: burst, exceed: .drop)))])
        })
        let index = UInt32(random.int(1...100_000)), y = dev("Y")
        out.append(filter("X", "ip", .ipv4, prio(), ["flower", "action", "mirred", "egress", "redirect", "dev", "Y", "index", String(index)]) { f, m in
            m.equalLists("actions", f.actions, [TCAction(order: 1, .mirred(.redirect(.egress, to: y, index: index)))])
        })
        let dstMAC = random.mac(), srcMAC = random.mac()
        out.append(filter("X", "ip", .ipv4, prio(), ["flower", "action", "vlan", "push_eth", "dst_mac", dstMAC.description, "src_mac", srcMAC.description, "action", "vlan", "pop_eth"]) { f, m in
            m.equal("actions", f.actions.count, 2)
        })
        return out
    }
}
