/// A DPDK ethdev port id (`uint16_t port_id`): the port a rule is created on, or a port an item
/// matches or an action sends to (a VF representor, the uplink).
public struct RteFlowPortID: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var rawValue: UInt16
    @inlinable public init(rawValue: UInt16) { self.rawValue = rawValue }
    @inlinable public init(_ value: UInt16) { rawValue = value }
    public var description: String { String(rawValue) }
    public static func < (a: RteFlowPortID, b: RteFlowPortID) -> Bool { a.rawValue < b.rawValue }
}

/// A meter object id (`mtr_id` of rte_mtr_create), referenced by the METER action.
public struct RteFlowMeterID: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var rawValue: UInt32
    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }
    @inlinable public init(_ value: UInt32) { rawValue = value }
    public var description: String { String(rawValue) }
    public static func < (a: RteFlowMeterID, b: RteFlowMeterID) -> Bool { a.rawValue < b.rawValue }
}

/// A meter policy id (rte_mtr_meter_policy_add): what a meter does with green, yellow and red
/// packets.
public struct RteFlowMeterPolicyID: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var rawValue: UInt32
    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }
    @inlinable public init(_ value: UInt32) { rawValue = value }
    public var description: String { String(rawValue) }
    public static func < (a: RteFlowMeterPolicyID, b: RteFlowMeterPolicyID) -> Bool { a.rawValue < b.rawValue }
}
