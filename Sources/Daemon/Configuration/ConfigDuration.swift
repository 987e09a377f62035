/// Parses the durations of the configuration file and flags: a whole number with a unit,
/// `500ms`, `30s`, `5m` or `1h`.
enum ConfigDuration {
    static func parse(_ text: String) throws(ConfigurationValueError) -> Duration {
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for unit in units where text.hasSuffix(unit.suffix) {
            let number = text.dropLast(unit.suffix.count)
            guard let value = Int(number), value > 0 else { break }
            return .milliseconds(Int64((Double(value) * unit.seconds * 1000).rounded()))
        }
        throw ConfigurationValueError("expected a positive duration such as 500ms, 30s, 5m or 1h, found '\(text)'")
    }
}
