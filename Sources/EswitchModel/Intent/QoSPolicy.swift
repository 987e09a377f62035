/// A bandwidth limit on the traffic a VM sends (a policer on the port).
public struct QoSPolicy: Hashable, Sendable, Codable {
    public var id: QoSPolicyID
    /// The sustained rate in bits per second (greater than 0).
    public var rateBps: UInt64
    /// The bucket size in bytes: how much may be sent at line rate before the limit applies.
    public var burstBytes: UInt64

    public init(id: QoSPolicyID, rateBps: UInt64, burstBytes: UInt64) {
        self.id = id
        self.rateBps = rateBps
        self.burstBytes = burstBytes
    }

    /// Smallest useful burst: one minimum-size Ethernet frame (IEEE 802.3, 64 bytes); a smaller
    /// bucket can never hold a packet, so the policer would drop everything.
    public static let minimumBurstBytes: UInt64 = 64

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case rateBps = "rate_bps"
        case burstBytes = "burst_bytes"
    }
}
