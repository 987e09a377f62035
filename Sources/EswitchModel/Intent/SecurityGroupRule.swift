/// One allow rule of a security group.
///
/// A rule allows traffic in `direction` whose family is `ethertype`, whose protocol matches, whose
/// destination port (TCP/UDP/SCTP/DCCP/UDP-Lite) is in the port range, whose ICMP type and code
/// match, and whose remote address (source for ingress, destination for egress) is in `remoteCIDR`.
/// An absent field matches everything.
public struct SecurityGroupRule: Hashable, Sendable, Codable {
    public var direction: TrafficDirection
    /// The address family the rule applies to (`IPv4` or `IPv6`).
    public var ethertype: IPFamily
    /// The IP protocol; `any` when absent.
    public var `protocol`: IPProtocolMatch
    /// The first destination port allowed (1...65535); given together with `portRangeMax`.
    public var portRangeMin: UInt16?
    /// The last destination port allowed; use the same value as `portRangeMin` for one port.
    public var portRangeMax: UInt16?
    /// The ICMP/ICMPv6 type allowed (nil: every type).
    public var icmpType: UInt8?
    /// The ICMP/ICMPv6 code allowed (nil: every code); needs `icmpType`.
    public var icmpCode: UInt8?
    /// The remote prefix (nil: anywhere), of the rule's family.
    public var remoteCIDR: CIDR?

    public init(
        direction: TrafficDirection, ethertype: IPFamily, protocol: IPProtocolMatch = .any,
        portRangeMin: UInt16? = nil, portRangeMax: UInt16? = nil, icmpType: UInt8? = nil, icmpCode: UInt8? = nil,
        remoteCIDR: CIDR? = nil
    ) {
        self.direction = direction
        self.ethertype = ethertype
        self.protocol = `protocol`
        self.portRangeMin = portRangeMin
        self.portRangeMax = portRangeMax
        self.icmpType = icmpType
        self.icmpCode = icmpCode
        self.remoteCIDR = remoteCIDR
    }

    /// The destination ports the rule allows, when both bounds are given and ordered.
    public var portRange: ClosedRange<UInt16>? {
        guard let portRangeMin, let portRangeMax, portRangeMin <= portRangeMax else { return nil }
        return portRangeMin...portRangeMax
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case direction, ethertype, `protocol`
        case portRangeMin = "port_range_min"
        case portRangeMax = "port_range_max"
        case icmpType = "icmp_type"
        case icmpCode = "icmp_code"
        case remoteCIDR = "remote_cidr"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        direction = try c.decode(TrafficDirection.self, forKey: .direction)
        ethertype = try c.decode(IPFamily.self, forKey: .ethertype)
        `protocol` = try c.decodeIfPresent(IPProtocolMatch.self, forKey: .protocol) ?? .any
        portRangeMin = try c.decodeIfPresent(UInt16.self, forKey: .portRangeMin)
        portRangeMax = try c.decodeIfPresent(UInt16.self, forKey: .portRangeMax)
        icmpType = try c.decodeIfPresent(UInt8.self, forKey: .icmpType)
        icmpCode = try c.decodeIfPresent(UInt8.self, forKey: .icmpCode)
        remoteCIDR = try c.decodeIfPresent(CIDR.self, forKey: .remoteCIDR)
    }
}

extension SecurityGroupRule: Comparable {
    /// A total order over every field, so rule lists have one canonical order.
    public static func < (a: SecurityGroupRule, b: SecurityGroupRule) -> Bool {
        if a.direction != b.direction { return a.direction < b.direction }
        if a.ethertype != b.ethertype { return a.ethertype < b.ethertype }
        if a.protocol != b.protocol { return a.protocol < b.protocol }
        if a.portRangeMin != b.portRangeMin { return absentFirst(a.portRangeMin, b.portRangeMin) }
        if a.portRangeMax != b.portRangeMax { return absentFirst(a.portRangeMax, b.portRangeMax) }
        if a.icmpType != b.icmpType { return absentFirst(a.icmpType, b.icmpType) }
        if a.icmpCode != b.icmpCode { return absentFirst(a.icmpCode, b.icmpCode) }
        return absentFirst(a.remoteCIDR, b.remoteCIDR)
    }
}

/// Orders optionals with nil (an absent field, matching everything) first.
func absentFirst<T: Comparable>(_ a: T?, _ b: T?) -> Bool {
    switch (a, b) {
    case (nil, nil): return false
    case (nil, _): return true
    case (_, nil): return false
    case (let x?, let y?): return x < y
    }
}
