extension IntentValidator {
    /// Reports an id that is malformed or that an earlier entry of the section already defines.
    mutating func checkIdentity<ID: IntentIdentifier>(
        _ id: ID, at position: Int, firstAt index: [ID: Int], section: String, key: String = "id", noun: String
    ) {
        var path: String { "\(section)[\(position)].\(key)" }
        if let problem = id.problem { report(path, problem) }
        if let first = index[id], first != position {
            report(path, "duplicate \(noun) '\(id)' (also \(section)[\(first)].\(key))")
        }
    }

    /// Reports a MAC that cannot belong to one interface; true when it is usable.
    @discardableResult
    mutating func checkUnicastMAC(_ mac: MACAddress, at path: @autoclosure () -> String) -> Bool {
        if mac.isZero {
            report(path(), "zero MAC not allowed")
            return false
        }
        if mac.isMulticast {
            report(path(), "multicast MAC not allowed")
            return false
        }
        return true
    }

    /// Reports an address that cannot identify one host; `role` names it ("VTEP", "external IP").
    @discardableResult
    mutating func checkUnicastIP(_ ip: IPAddress, at path: @autoclosure () -> String, role: String) -> Bool {
        guard let kind = ip.nonUnicastKind else { return true }
        report(path(), "\(role) \(ip) is \(kind)")
        return false
    }

    /// Reports a prefix written with host bits set.
    mutating func checkHostBits(_ cidr: CIDR, at path: @autoclosure () -> String) {
        if cidr.hasHostBits { report(path(), "host bits set in \(cidr) (the prefix is \(cidr.network))") }
    }

    /// Claims a MAC in a network, reporting it when another port, endpoint or gateway has it.
    /// Gateway MACs may be shared between subnets (one distributed router MAC).
    mutating func claimMAC(_ mac: MACAddress, in network: NetworkID, by owner: AddressOwner, at path: @autoclosure () -> String) {
        let key = ScopedMAC(network: network, mac: mac)
        guard let previous = macOwners[key] else {
            macOwners[key] = owner
            return
        }
        if previous.isGateway && owner.isGateway { return }
        if case .gatewayMAC(let s) = previous {
            report(path(), "MAC \(mac) is the gateway MAC of subnet '\(state.subnets[s].id)' (\(previous.path))")
        } else {
            report(path(), "duplicate MAC \(mac) in network '\(network)' (also \(previous.path))")
        }
    }

    /// Claims an IP in a network, reporting it when a port, endpoint or gateway already has it.
    mutating func claimIP(_ ip: IPAddress, in network: NetworkID, by owner: AddressOwner, at path: @autoclosure () -> String) {
        let key = ScopedIP(network: network, ip: ip)
        guard let previous = ipOwners[key] else {
            ipOwners[key] = owner
            return
        }
        if case .gatewayIP(let s) = previous {
            report(path(), "IP \(ip) is the gateway IP of subnet '\(state.subnets[s].id)' (\(previous.path))")
        } else {
            report(path(), "duplicate IP \(ip) in network '\(network)' (also \(previous.path))")
        }
    }


    /// The message for a node name that is neither this node nor a listed node.
    func unknownNodeMessage(_ name: NodeName) -> String {
        "unknown node '\(name)' (neither node.name nor in nodes)"
    }

    /// True when `name` is this node or a listed remote node.
    func isKnownNode(_ name: NodeName) -> Bool { vtepOfNode[name] != nil }

    /// Reports prefixes that overlap, each at the later entry (by position) naming the earlier.
    ///
    /// Two prefixes overlap only when one contains the other, so after sorting by network address
    /// (shorter prefix first) a stack of enclosing prefixes finds every contained prefix in one
    /// sweep, in O(n log n).
    mutating func reportOverlaps(
        _ entries: [(position: Int, cidr: CIDR)], describe: (Int) -> (path: String, name: String), scope: String
    ) {
        let sorted = entries.sorted { ($0.cidr.network, $0.position) < ($1.cidr.network, $1.position) }
        var open: [(position: Int, cidr: CIDR)] = []
        var found: [(later: Int, earlier: Int)] = []
        for entry in sorted {
            while let top = open.last, !top.cidr.contains(entry.cidr) { open.removeLast() }
            if let top = open.last { found.append((max(top.position, entry.position), min(top.position, entry.position))) }
            open.append(entry)
        }
        let cidrAt = Dictionary(entries.map { ($0.position, $0.cidr) }, uniquingKeysWith: { a, _ in a })
        for pair in found.sorted(by: { ($0.later, $0.earlier) < ($1.later, $1.earlier) }) {
            let later = describe(pair.later), earlier = describe(pair.earlier)
            report(later.path, "\(later.name) (\(cidrAt[pair.later]!)) overlaps \(earlier.name) (\(cidrAt[pair.earlier]!)) \(scope)")
        }
    }
}

/// For IPv4 subnets with room for hosts (/30 and shorter), the first and last addresses are the
/// network and broadcast addresses (RFC 919, RFC 922) and cannot be assigned; /31 (RFC 3021) and
/// /32 have no such addresses.
func reservedAddressKind(_ ip: IPAddress, in cidr: CIDR) -> String? {
    guard cidr.family == .ipv4, cidr.prefixLength <= 30, cidr.contains(ip) else { return nil }
    if ip == cidr.networkAddress { return "the network address" }
    if ip == cidr.lastAddress { return "the broadcast address" }
    return nil
}
