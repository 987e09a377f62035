extension NetlinkAttribute {
    /// The text of a NUL-terminated string attribute (TCA_KIND, TCA_FLOWER_INDEV), or nil when the
    /// payload is not exactly valid UTF-8 followed by one NUL: such attributes are kept as raw bytes
    /// so that they re-encode unchanged.
    func terminatedString() -> String? {
        guard let last = payload.last, last == 0 else { return nil }
        let text = payload[payload.startIndex..<(payload.endIndex - 1)]
        guard !text.contains(0) else { return nil }
        return String(validating: text, as: UTF8.self)
    }
}
