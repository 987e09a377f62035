/// How much of a set of rules the NIC holds: counts by location and the offload share.
public struct Coverage: Hashable, Sendable, Codable, CustomStringConvertible {
    public var hardware: Int
    public var split: Int
    public var software: Int

    public init(hardware: Int = 0, split: Int = 0, software: Int = 0) {
        self.hardware = hardware
        self.split = split
        self.software = software
    }

    /// Every rule counted.
    public var total: Int { hardware + split + software }

    /// The rules the NIC holds (hardware and split): what uses table capacity.
    public var inHardware: Int { hardware + split }

    /// The share of rules whose match is in hardware (split counts: the NIC classifies the frame),
    /// 0...1; 0 when there are no rules.
    public var share: Double { total == 0 ? 0 : Double(inHardware) / Double(total) }

    /// The share of rules executed entirely in hardware (split does not count), 0...1.
    public var fullShare: Double { total == 0 ? 0 : Double(hardware) / Double(total) }

    /// Adds one rule at `location`.
    public mutating func count(_ location: PlacementLocation) {
        switch location {
        case .hardware: hardware += 1
        case .split: split += 1
        case .software: software += 1
        }
    }

    /// Adds the counts of `other`.
    public mutating func add(_ other: Coverage) {
        hardware += other.hardware
        split += other.split
        software += other.software
    }

    /// `83.3% (40 hardware, 10 split, 10 software of 60)`.
    public var description: String {
        "\(Coverage.percent(share)) (\(hardware) hardware, \(split) split, \(software) software of \(total))"
    }

    /// A share as a percentage with one decimal, e.g. `83.3%`.
    public static func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    enum CodingKeys: String, CodingKey {
        case hardware, split, software, total, share
        case fullShare = "full_share"
    }

    /// Encodes the counts and, for readers, the total and both shares.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(hardware, forKey: .hardware)
        try c.encode(split, forKey: .split)
        try c.encode(software, forKey: .software)
        try c.encode(total, forKey: .total)
        try c.encode(share, forKey: .share)
        try c.encode(fullShare, forKey: .fullShare)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        hardware = try c.decode(Int.self, forKey: .hardware)
        split = try c.decode(Int.self, forKey: .split)
        software = try c.decode(Int.self, forKey: .software)
    }
}
