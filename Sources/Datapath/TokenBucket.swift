/// A token bucket (RFC 2697's single-rate idea without colours): tokens accrue at `rate` per
/// second up to `burst`; an event costing n tokens passes when n are there.
///
/// Policers count bytes (TC police: rate in bits/s, burst in bytes); the upcall limiter counts
/// requests. Time comes from the caller.
public struct TokenBucket: Sendable {
    /// Tokens per second.
    public let rate: Double
    /// The most tokens the bucket holds (and holds at the start).
    public let burst: Double
    public private(set) var tokens: Double
    private var last: DatapathInstant?

    /// A full bucket.
    public init(rate: Double, burst: Double) {
        self.rate = max(0, rate)
        self.burst = max(0, burst)
        tokens = self.burst
    }

    /// A byte policer for TC's `police rate BITS/s burst BYTES`.
    public init(policingBitsPerSecond bits: UInt64, burstBytes: UInt64) {
        self.init(rate: Double(bits) / 8, burst: Double(burstBytes))
    }

    /// Takes `cost` tokens at `now` if the bucket has them.
    /// - Returns: true when the event conforms (tokens taken), false when it exceeds the rate.
    public mutating func take(_ cost: Double, now: DatapathInstant) -> Bool {
        if let last {
            if now > last {
                tokens = min(burst, tokens + Double(now.rawValue - last.rawValue) * 1e-9 * rate)
                self.last = now
            }
        } else {
            last = now
        }
        guard tokens >= cost else { return false }
        tokens -= cost
        return true
    }
}
