import EswitchModel
import Foundation
import Netlink
import Testing

/// decode -> encode must be the identity on requests the project has never seen: each test runs
/// real iproute2 commands with new, seeded-random values and shapes in a fresh network namespace
/// (Iproute2Sandbox), captures the exact request bytes with strace, and checks that the request
/// decodes, re-encodes byte for byte, and carries the values typed on the command line.
/// devlink and vdpa talk to the generic netlink stub of Fixtures/genl-stub.c under a family id of
/// the test's choosing, which the decoding context maps to the family.
@Suite(.enabled(if: Iproute2Sandbox.isSupported, "needs Linux, root, iproute2, strace and gcc"))
struct FreshIproute2CaptureTests {
    /// ESWITCH_FRESH_SEED (decimal or 0x-hex) replaces the fixed seed to explore other values.
    static let seed: UInt64 = {
        guard let text = ProcessInfo.processInfo.environment["ESWITCH_FRESH_SEED"] else { return 0x5EED_0F_1A7E }
        return text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) ?? 0 : UInt64(text) ?? 0
    }()

    /// Family ids the stub hands out: not 0x20 (the golden corpus's), and different per family.
    static let devlinkID: UInt16 = 0x2A, vdpaID: UInt16 = 0x2B

    /// Captures each request, then checks decode, byte-identical re-encode and the typed fields.
    /// Returns how many requests were checked.
    @discardableResult
    func verify(_ requests: [FreshRequest], in sandbox: Iproute2Sandbox, salt: UInt64, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        var checked = 0
        for request in requests {
            let where_ = "seed 0x\(String(Self.seed, radix: 16))/\(salt): \(request.command)"
            let familyID: UInt16? = switch request.genericFamily {
            case .devlink?: Self.devlinkID
            case .vdpa?: Self.vdpaID
            default: nil
            }
            let capture = try sandbox.capture(request.words, genericFamilyID: familyID)
            // The last message is the one that does the work (earlier ones resolve names).
            guard let sent = capture.sent.last, sent.count >= 6, UInt16(sent[4]) | UInt16(sent[5]) << 8 == (familyID ?? request.type) else {
                Issue.record("\(where_): sent no message of the expected type (status \(capture.exitStatus)): \(capture.stderr)", sourceLocation: sourceLocation)
                continue
            }
            // The corpus zeroes stale bytes iproute2 leaves in the padding after top-level
            // attributes (generic netlink buffers are reused); do the same, only there.
            let bytes = familyID == nil ? sent : Iproute2Sandbox.zeroingTopLevelPadding(sent, fixedHeader: 4)
            let context = familyID.map { NetlinkDecodingContext(.generic, families: [$0: request.genericFamily!]) } ?? .route
            let message: NetlinkMessage
            do {
                message = try NetlinkMessage.decode(bytes, context: context)
            } catch {
                Issue.record("\(where_): decode failed: \(error)\n\(bytes.hexString)", sourceLocation: sourceLocation)
                continue
            }
            let again = message.encoded()
            if again != bytes {
                Issue.record("\(where_): re-encode differs\n sent \(bytes.hexString)\n  got \(again.hexString)", sourceLocation: sourceLocation)
            }
            #expect(message.flags == request.flags, "\(where_)", sourceLocation: sourceLocation)
            if let familyID {
                guard case .generic(let generic) = message.body, generic.family == request.genericFamily else {
                    Issue.record("\(where_): not decoded as \(request.genericFamily!) under id \(familyID): \(message.body)", sourceLocation: sourceLocation)
                    continue
                }
            }
            var mismatches = FreshMismatches()
            request.check(message, &mismatches)
            for m in mismatches.list { Issue.record("\(where_): \(m)", sourceLocation: sourceLocation) }
            checked += 1
        }
        return checked
    }

    // MARK: tc

    @Test func tcFilters() throws {
        let sandbox = try Iproute2Sandbox()
        defer { sandbox.close() }
        var commands = FreshTCFilterCommands(random: FreshRandom(seed: Self.seed ^ 1), ifindex: sandbox.ifindex)
        var requests = (0..<30).map { _ in commands.addOrReplace() }
        requests += (0..<6).map { _ in commands.delete() }
        requests += commands.otherShapes()
        let checked = try verify(requests, in: sandbox, salt: 1)
        #expect(checked == requests.count)
    }

    // MARK: links

    @Test func links() throws {
        let sandbox = try Iproute2Sandbox()
        defer { sandbox.close() }
        var random = FreshRandom(seed: Self.seed ^ 2)
        var requests: [FreshRequest] = []
        let x = try sandbox.index("X")
        for n in 0..<8 { requests.append(vxlanAdd(&random, name: "vxf\(n)", underlay: x)) }
        var checked = try verify(requests, in: sandbox, salt: 2)
        // `ip link del NAME` sends the index of a link the adds above created (the kernel refuses
        // some random shapes, e.g. a VNI/port pair already in use, so not every add creates one).
        let created = try sandbox.readInterfaces()
        let names = (0..<8).map { "vxf\($0)" }.filter { created[$0] != nil }
        #expect(!names.isEmpty, "no vxlan link was created")
        requests = []
        for name in names.prefix(3) {
            let index = created[name]!
            requests.append(FreshRequest(["ip", "link", "del", name], type: RTM.delLink, flags: [.request, .ack]) { message, m in
                guard case .link(let l) = message.body else { return m.fail("not a link") }
                m.equal("ifindex", l.ifindex, index)
                m.equal("attributes", l.attributes, [])
            })
        }
        let mtu = UInt32(random.int(1280...9000))
        requests.append(FreshRequest(["ip", "link", "set", "dev", "eth0p", "mtu", String(mtu)], type: RTM.newLink, flags: [.request, .ack]) { message, m in
            guard case .link(let l) = message.body else { return m.fail("not a link") }
            m.equal("mtu", l.mtu, mtu)
        })
        let mac = random.mac()
        requests.append(FreshRequest(["ip", "link", "set", "dev", "eth0p", "address", mac.description], type: RTM.newLink, flags: [.request, .ack]) { message, m in
            guard case .link(let l) = message.body else { return m.fail("not a link") }
            m.equal("address", l.mac, mac)
        })
        checked += try verify(requests, in: sandbox, salt: 2)
        #expect(checked == 8 + requests.count)
    }

    /// `ip link add NAME type vxlan id V [local] [remote|group dev] [ttl] [tos] [srcport] [dstport] [[no]learning] [noudpcsum]`, or `external`.
    func vxlanAdd(_ random: inout FreshRandom, name: String, underlay: IfIndex) -> FreshRequest {
        var words = ["ip", "link", "add", name, "type", "vxlan"]
        let external = random.chance(15)
        let vni = VNI(rawValue: UInt32(random.int(1...0xFF_FFFF)))
        let v6 = random.chance(40)
        var local: IPAddress?, group: IPAddress?, ttl: UInt8?, tos: UInt8?, range: VXLANPortRange?, learning: Bool?, csum: Bool?
        var link: IfIndex?
        let port = UInt16(random.pick([4789, 8472, random.int(1024...65535)]))
        if external {
            words += ["external"]
        } else {
            words += ["id", String(vni.rawValue)]
            if random.chance(70) { local = v6 ? .v6(random.ipv6()) : .v4(random.ipv4()); words += ["local", local!.description] }
            if random.chance(40) {
                group = v6 ? .v6(IPv6Address(high: 0xFF05 << 48 | UInt64(random.int(1...0xFFFF)), low: UInt64(random.int(1...0xFFFF)))) : .v4(IPv4Address(239, random.byte(), random.byte(), UInt8(random.int(1...254))))
                link = underlay
                words += ["group", group!.description, "dev", "X"]
            } else if random.chance(60) {
                group = v6 ? .v6(random.ipv6()) : .v4(random.ipv4())
                words += ["remote", group!.description]
            }
            if random.chance(40) { ttl = UInt8(random.int(1...255)); words += ["ttl", String(ttl!)] }
            if random.chance(30) { tos = random.byte() & 0xFC; words += ["tos", "0x" + String(tos!, radix: 16)] }
            if random.chance(30) {
                let low = UInt16(random.int(1024...40000))
                range = VXLANPortRange(low: low, high: low + UInt16(random.int(1...20000)))
                words += ["srcport", String(range!.low), String(range!.high)]
            }
            if random.chance(50) { learning = random.chance(50); words += [learning! ? "learning" : "nolearning"] }
            if random.chance(30) { csum = random.chance(50); words += [csum! ? "udpcsum" : "noudpcsum"] }
        }
        words += ["dstport", String(port)]
        return FreshRequest(words, type: RTM.newLink, flags: [.request, .ack, .exclusive, .create]) { message, m in
            guard case .link(let l) = message.body else { return m.fail("not a link") }
            m.equal("ifname", l.name, name)
            m.equal("kind", l.kind, "vxlan")
            m.equal("dstport", l.vxlanPort, port)
            guard let data = l.vxlan else { return m.fail("no vxlan data") }
            for case .unknown(let raw) in data { m.fail("vxlan attribute kept raw: \(raw)") }
            if external {
                m.equal("external", l.vxlanExternal, true)
                return
            }
            m.equal("id", l.vxlanID, vni)
            m.equal("local", l.vxlanLocal, local)
            m.equal("group/remote", l.vxlanGroup, group)
            m.equal("learning", l.vxlanLearning, learning ?? true)
            m.equal("dev", data.compactMap { if case .link(let i) = $0 { i } else { nil } }.first, link)
            m.equal("ttl", data.compactMap { if case .ttl(let v) = $0 { v } else { nil } }.first, ttl)
            m.equal("tos", data.compactMap { if case .tos(let v) = $0 { v } else { nil } }.first, tos)
            m.equal("srcport", data.compactMap { if case .portRange(let v) = $0 { v } else { nil } }.first, range)
            m.equal("udpcsum", data.compactMap { if case .udpChecksum(let v) = $0 { v } else { nil } }.first, csum)
        }
    }

    // MARK: VFs

    @Test func virtualFunctions() throws {
        let sandbox = try Iproute2Sandbox()
        defer { sandbox.close() }
        var random = FreshRandom(seed: Self.seed ^ 3)
        let pf = try sandbox.index("eth0")
        var requests: [FreshRequest] = []
        for _ in 0..<10 {
            let vf = UInt32(random.int(0...127))
            var words = ["ip", "link", "set", "dev", "eth0", "vf", String(vf)]
            var mac: MACAddress?, vlan: VFVLANInfo?, spoof: Bool?, trust: Bool?, state: VFLinkState?, rate: VFRate?, txRate: UInt32?, rss: Bool?
            var settings: [() -> Void] = []
            if random.chance(40) { settings.append { mac = random.mac(); words += ["mac", mac!.description] } }
            if random.chance(40) {
                settings.append {
                    let id = UInt32(random.int(0...4094)), qos = UInt32(random.int(0...7))
                    let ad = random.chance(40)
                    vlan = VFVLANInfo(vlan: id, qos: qos, vlanProtocol: ad ? .dot1ad : .dot1Q)
                    words += ["vlan", String(id), "qos", String(qos)] + (ad ? ["proto", "802.1ad"] : [])
                }
            }
            if random.chance(40) { settings.append { spoof = random.chance(50); words += ["spoofchk", spoof! ? "on" : "off"] } }
            if random.chance(40) { settings.append { trust = random.chance(50); words += ["trust", trust! ? "on" : "off"] } }
            if random.chance(40) {
                settings.append {
                    let s = random.pick([("auto", VFLinkState.auto), ("enable", .enable), ("disable", .disable)])
                    state = s.1
                    words += ["state", s.0]
                }
            }
            if random.chance(30) {
                settings.append {
                    let low = UInt32(random.int(0...5000)), high = UInt32(random.int(5001...100_000))
                    rate = VFRate(minTx: low, maxTx: high)
                    words += ["min_tx_rate", String(low), "max_tx_rate", String(high)]
                }
            }
            if random.chance(15) { settings.append { txRate = UInt32(random.int(1...40000)); words += ["rate", String(txRate!)] } }
            if random.chance(15) { settings.append { rss = random.chance(50); words += ["query_rss", rss! ? "on" : "off"] } }
            if settings.isEmpty { settings.append { spoof = true; words += ["spoofchk", "on"] } }
            for s in settings.shuffled(using: &random) { s() }
            // With min_tx_rate/max_tx_rate on the same line, iproute2 drops the legacy `rate`
            // (max_tx_rate overrides it).
            if rate != nil { txRate = nil }
            let (m0, v0, s0, t0, st0, r0, tx0, q0) = (mac, vlan, spoof, trust, state, rate, txRate, rss)
            requests.append(FreshRequest(words, type: RTM.newLink, flags: [.request, .ack]) { message, m in
                guard case .link(let l) = message.body else { return m.fail("not a link") }
                m.equal("pf", l.ifindex, pf)
                guard l.vfs.count == 1, let info = l.vfs.first else { return m.fail("expected one VF, got \(l.vfs)") }
                m.equal("vf", info.vf, VFIndex(vf))
                m.equal("mac", info.mac, m0)
                m.equal("vlan", info.vlan, v0)
                m.equal("spoofchk", info.spoofCheck, s0)
                m.equal("trust", info.trust, t0)
                m.equal("state", info.linkState, st0)
                m.equal("rate", info.rate, r0)
                m.equal("tx rate", info.txRate, tx0)
                m.equal("query_rss", info.rssQuery, q0)
                for case .unknown(let raw) in info.attributes { m.fail("VF attribute kept raw: \(raw)") }
            })
        }
        let checked = try verify(requests, in: sandbox, salt: 3)
        #expect(checked == requests.count)
    }

    // MARK: FDB and neighbours

    @Test func fdbAndNeighbours() throws {
        let sandbox = try Iproute2Sandbox()
        defer { sandbox.close() }
        var random = FreshRandom(seed: Self.seed ^ 4)
        let vxlan0 = try sandbox.index("vxlan0"), x = try sandbox.index("X"), y = try sandbox.index("Y")
        var requests: [FreshRequest] = []
        for i in 0..<7 {
            let verb = i < 4 ? "add" : random.pick(["del", "append", "replace"])
            let mac = verb == "append" ? MACAddress(integer: 0) : random.mac()
            let dst: IPAddress = random.chance(30) ? .v6(random.ipv6()) : .v4(random.ipv4())
            var words = ["bridge", "fdb", verb, mac.description, "dev", "vxlan0", "dst", dst.description]
            var expected: [NeighbourAttribute] = [.linkLayerAddress(mac), .destination(dst)]
            if random.chance(80) {
                let vni = UInt32(random.int(1...0xFF_FFFF))
                words += ["vni", String(vni)]
                expected.append(.vni(vni))
            }
            if random.chance(30) {
                let port = UInt16(random.int(1024...65535))
                words += ["port", String(port)]
                expected.append(.port(port))
            }
            let permanent = verb == "del" || random.chance(70)
            words += ["self"] + (verb == "del" ? [] : [permanent ? "permanent" : "static"])
            let flags: NetlinkFlags = switch verb {
            case "add": [.request, .ack, .exclusive, .create]
            case "append": [.request, .ack, .create, .append]
            case "replace": [.request, .ack, .create, .replace]
            default: [.request, .ack]
            }
            // bridge: permanent = NUD_PERMANENT|NUD_NOARP, static = NUD_NOARP|NUD_REACHABLE.
            let state: NeighbourState = verb == "del" || permanent ? [.permanent, .noarp] : [.noarp, .reachable]
            requests.append(FreshRequest(words, type: verb == "del" ? RTM.delNeigh : RTM.newNeigh, flags: flags) { message, m in
                guard case .neighbour(let n) = message.body else { return m.fail("not a neighbour") }
                m.equal("family", n.family, AddressFamily.bridge)
                m.equal("ifindex", n.ifindex, vxlan0)
                m.equal("flags", n.flags, [.self])
                m.equal("state", n.state, state)
                m.equal("attributes", Set(n.attributes), Set(expected))
            })
        }
        // A bridge port entry with a VLAN, through the master.
        let portMAC = random.mac(), vlan = UInt16(random.int(1...4094))
        requests.append(FreshRequest(["bridge", "fdb", "add", portMAC.description, "dev", "Y", "master", "static", "vlan", String(vlan)],
                                     type: RTM.newNeigh, flags: [.request, .ack, .exclusive, .create]) { message, m in
            guard case .neighbour(let n) = message.body else { return m.fail("not a neighbour") }
            m.equal("ifindex", n.ifindex, y)
            m.equal("flags", n.flags, [.master])
            m.equal("lladdr", n.linkLayerAddress, portMAC)
            m.equal("vlan", n.attributes.compactMap { (a: NeighbourAttribute) -> UInt16? in if case .vlan(let v) = a { v } else { nil } }.first, vlan)
        })
        for i in 0..<6 {
            let v6 = i % 2 == 1
            let verb = i < 3 ? "add" : random.pick(["replace", "change", "del"])
            let dst: IPAddress = v6 ? .v6(random.ipv6()) : .v4(random.ipv4())
            let mac = random.mac()
            let nud = random.pick([("permanent", NeighbourState.permanent), ("reachable", .reachable), ("stale", .stale), ("noarp", .noarp)])
            var words = ["ip"] + (v6 ? ["-6"] : []) + ["neigh", verb, dst.description]
            if verb != "del" { words += ["lladdr", mac.description, "nud", nud.0] }
            words += ["dev", "X"]
            let flags: NetlinkFlags = switch verb {
            case "add": [.request, .ack, .exclusive, .create]
            case "replace": [.request, .ack, .create, .replace]
            case "change": [.request, .ack, .replace]
            default: [.request, .ack]
            }
            requests.append(FreshRequest(words, type: verb == "del" ? RTM.delNeigh : RTM.newNeigh, flags: flags) { message, m in
                guard case .neighbour(let n) = message.body else { return m.fail("not a neighbour") }
                m.equal("family", n.family, v6 ? AddressFamily.inet6 : AddressFamily.inet)
                m.equal("ifindex", n.ifindex, x)
                m.equal("dst", n.destination, dst)
                if verb != "del" {
                    m.equal("lladdr", n.linkLayerAddress, mac)
                    m.equal("nud", n.state, nud.1)
                }
            })
        }
        let checked = try verify(requests, in: sandbox, salt: 4)
        #expect(checked == requests.count)
    }

    // MARK: devlink

    func devlinkRequest(_ words: [String], dump: Bool = false, expected: DevlinkMessage) -> FreshRequest {
        FreshRequest(words, genericFamily: .devlink, type: 0, flags: dump ? [.request, .ack, .dump] : [.request, .ack]) { message, m in
            guard case .generic(let g) = message.body, let devlink = g.devlink else { return m.fail("not devlink") }
            m.equal("devlink", devlink, expected)
        }
    }

    @Test func devlink() throws {
        let sandbox = try Iproute2Sandbox()
        defer { sandbox.close() }
        var random = FreshRandom(seed: Self.seed ^ 5)
        var requests: [FreshRequest] = []
        for _ in 0..<8 {
            let pci = random.pci()
            let handle = DevlinkHandle(pci)
            var settings: [[String]] = []
            var mode: DevlinkEswitchMode?, inline: DevlinkInlineMode?, encap: DevlinkEncapMode?
            if random.chance(70) {
                let m = random.pick([("switchdev", DevlinkEswitchMode.switchdev), ("legacy", .legacy)])
                mode = m.1
                settings.append(["mode", m.0])
            }
            if random.chance(50) {
                let i = random.pick([("none", DevlinkInlineMode.none), ("link", .link), ("network", .network), ("transport", .transport)])
                inline = i.1
                settings.append(["inline-mode", i.0])
            }
            if random.chance(50) || settings.isEmpty {
                let e = random.pick([("none", DevlinkEncapMode.none), ("basic", .basic)])
                encap = e.1
                settings.append(["encap-mode", e.0])
            }
            let words = ["devlink", "dev", "eswitch", "set", "pci/\(pci)"] + settings.shuffled(using: &random).flatMap { $0 }
            requests.append(devlinkRequest(words, expected: .eswitchSet(handle, mode: mode, inlineMode: inline, encapMode: encap)))
        }
        for _ in 0..<2 {
            let pci = random.pci()
            requests.append(devlinkRequest(["devlink", "dev", "eswitch", "show", "pci/\(pci)"], expected: .eswitchGet(DevlinkHandle(pci))))
        }
        let pci = random.pci()
        requests.append(devlinkRequest(["devlink", "dev", "show", "pci/\(pci)"], expected: .device(DevlinkHandle(pci))))
        let port = UInt32(random.int(0...70000)), portPCI = random.pci()
        requests.append(devlinkRequest(["devlink", "port", "show", "pci/\(portPCI)/\(port)"], expected: .port(DevlinkHandle(portPCI), index: port)))
        let fnPCI = random.pci(), fnPort = UInt32(random.int(1...512)), fnMAC = random.mac()
        let function = RawAttribute(type: DEVLINK_PORT_FUNCTION_ATTR.hwAddr, payload: fnMAC.array)
        requests.append(devlinkRequest(["devlink", "port", "function", "set", "pci/\(fnPCI)/\(fnPort)", "hw_addr", fnMAC.description], expected: DevlinkMessage(
            .portSet, DevlinkHandle(fnPCI).attributes + [.portIndex(fnPort), .portFunction([function], nestedFlag: true)])))
        let checked = try verify(requests, in: sandbox, salt: 5)
        #expect(checked == requests.count)
    }

    // MARK: vdpa

    func vdpaRequest(_ words: [String], dump: Bool = false, expected: VDPAMessage) -> FreshRequest {
        FreshRequest(words, genericFamily: .vdpa, type: 0, flags: dump ? [.request, .ack, .dump] : [.request, .ack]) { message, m in
            guard case .generic(let g) = message.body, let vdpa = g.vdpa else { return m.fail("not vdpa") }
            m.equal("vdpa", vdpa, expected)
        }
    }

    @Test func vdpa() throws {
        let sandbox = try Iproute2Sandbox()
        defer { sandbox.close() }
        var random = FreshRandom(seed: Self.seed ^ 6)
        var requests: [FreshRequest] = []
        for n in 0..<6 {
            let name = "vdpa\(random.int(0...999))x\(n)"
            let busless = random.chance(20)
            let device = busless ? VDPAManagementDevice(bus: nil, device: random.pick(["vdpasim_net", "vdpasim_blk"])) : VDPAManagementDevice(random.pci())
            var options: [[String]] = []
            var mac: MACAddress?, mtu: UInt16?, pairs: UInt16?
            if random.chance(70) { mac = random.mac(); options.append(["mac", mac!.description]) }
            if random.chance(50) { mtu = UInt16(random.int(68...9216)); options.append(["mtu", String(mtu!)]) }
            if random.chance(50) { pairs = UInt16(random.int(1...64)); options.append(["max_vqp", String(pairs!)]) }
            let mgmt = busless ? device.device : "pci/\(device.device)"
            let words = ["vdpa", "dev", "add", "name", name, "mgmtdev", mgmt] + options.shuffled(using: &random).flatMap { $0 }
            requests.append(vdpaRequest(words, expected: .add(name: name, on: device, mac: mac, mtu: mtu, maxVirtqueuePairs: pairs)))
        }
        let name = "vdpa\(random.int(1000...9999))"
        requests.append(vdpaRequest(["vdpa", "dev", "del", name], expected: .delete(name: name)))
        requests.append(vdpaRequest(["vdpa", "dev", "show", name], expected: .devices(name)))
        requests.append(vdpaRequest(["vdpa", "dev", "config", "show", name], expected: .config(name)))
        let pci = random.pci()
        requests.append(vdpaRequest(["vdpa", "mgmtdev", "show", "pci/\(pci)"], expected: .managementDevices(VDPAManagementDevice(pci))))
        let checked = try verify(requests, in: sandbox, salt: 6)
        #expect(checked == requests.count)
    }

    // MARK: the capture parser itself

    @Test func parsesStraceDumpsAcrossBuffersAndMessages() throws {
        // Two messages in one sendmsg split over two iovec buffers, and a sendto with a pid prefix.
        let log = """
        4242  sendmsg(3, {msg_name={sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, ...}, 0) = 36
         * 20 bytes in buffer 0
         | 00000  14 00 00 00 10 00 05 00  01 00 00 00 00 00 00 00  ................ |
         | 00010  01 02 03 04                                       ....             |
         * 16 bytes in buffer 1
         | 00000  10 00 00 00 11 00 01 00  02 00 00 00 00 00 00 00  ................ |
        4243  +++ exited with 0 +++
        [pid  4244] sendto(3, "...", 20, 0, NULL, 0) = 20
         | 00000  14 00 00 00 12 00 01 03  03 00 00 00 00 00 00 00  ................ |
         | 00010  aa bb cc dd                                       ....             |
        """
        let messages = try Iproute2Sandbox.sentMessages(straceLog: log)
        #expect(messages.count == 3)
        #expect(messages.first == [0x14, 0, 0, 0, 0x10, 0, 5, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4])
        #expect(messages.dropFirst().first?.count == 16)
        #expect(messages.last?.suffix(4) == [0xAA, 0xBB, 0xCC, 0xDD])
        // A dump line out of sequence is an error, not silently wrong bytes.
        #expect(throws: Iproute2Sandbox.Failure.self) {
            try Iproute2Sandbox.sentMessages(straceLog: "1 sendto(3, ...) = 4\n | 00010  01 02 03 04   .... |")
        }
    }

    @Test func zeroesOnlyTopLevelPadding() {
        // genl header, a 4-byte attribute, then a 5-byte one with 3 stale padding bytes.
        let message: [UInt8] = [28, 0, 0, 0, 0x2A, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0,
                                5, 0, 1, 0, 0x41, 0xEE, 0xEE, 0xEE]
        let zeroed = Iproute2Sandbox.zeroingTopLevelPadding(message, fixedHeader: 4)
        #expect(zeroed == Array(message.prefix(25)) + [0, 0, 0])
    }
}
