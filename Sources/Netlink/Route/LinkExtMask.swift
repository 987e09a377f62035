/// IFLA_EXT_MASK: RTEXT_FILTER_* bits asking a link get/dump for extra information (`vf` adds
/// IFLA_VFINFO_LIST and IFLA_NUM_VF; `skipStats` leaves the VF counters out).
public struct LinkExtMask: OptionSet, Hashable, Sendable, Codable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let vf = LinkExtMask(rawValue: RTEXT_FILTER.vf)
    public static let bridgeVLAN = LinkExtMask(rawValue: RTEXT_FILTER.brvlan)
    public static let bridgeVLANCompressed = LinkExtMask(rawValue: RTEXT_FILTER.brvlanCompressed)
    public static let skipStats = LinkExtMask(rawValue: RTEXT_FILTER.skipStats)
    public static let mrp = LinkExtMask(rawValue: RTEXT_FILTER.mrp)
    public static let cfmConfig = LinkExtMask(rawValue: RTEXT_FILTER.cfmConfig)
    public static let cfmStatus = LinkExtMask(rawValue: RTEXT_FILTER.cfmStatus)
    public static let mst = LinkExtMask(rawValue: RTEXT_FILTER.mst)

    static let names: [(String, UInt64)] = [
        ("vf", UInt64(RTEXT_FILTER.vf)), ("brvlan", UInt64(RTEXT_FILTER.brvlan)),
        ("brvlan_compressed", UInt64(RTEXT_FILTER.brvlanCompressed)), ("skip_stats", UInt64(RTEXT_FILTER.skipStats)),
        ("mrp", UInt64(RTEXT_FILTER.mrp)), ("cfm_config", UInt64(RTEXT_FILTER.cfmConfig)),
        ("cfm_status", UInt64(RTEXT_FILTER.cfmStatus)), ("mst", UInt64(RTEXT_FILTER.mst)),
    ]

    public init(from decoder: Decoder) throws {
        rawValue = UInt32(try BitNames.decode(decoder, names: Self.names, width: 32))
    }
    public func encode(to encoder: Encoder) throws {
        try BitNames.encode(UInt64(rawValue), names: Self.names, to: encoder)
    }
}
