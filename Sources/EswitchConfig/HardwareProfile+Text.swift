import EswitchModel

extension HardwareProfile {
    /// Reads a profile from YAML or JSON text (JSON is read as YAML's flow style), checks its shape,
    /// vocabulary and consistency, and throws every problem found with its path.
    ///
    /// Unknown keys, wrong types, unknown flower keys, actions or port kinds and missing required
    /// keys are all reported; nothing is silently dropped or defaulted.
    public init(text: String) throws(HardwareProfileError) {
        var reader = HardwareProfileReader(text: text)
        let profile = reader.read()
        if let profile, reader.issues.isEmpty {
            let problems = profile.validate()
            if problems.isEmpty {
                self = profile
                return
            }
            throw HardwareProfileError(issues: problems.map { reader.locate($0) })
        }
        throw HardwareProfileError(issues: reader.issues)
    }
}
