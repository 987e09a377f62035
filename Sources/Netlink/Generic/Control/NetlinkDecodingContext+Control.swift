extension NetlinkDecodingContext {
    /// Records the id a CTRL_CMD_NEWFAMILY reply gives for a known family, so that later messages
    /// of that type decode as that family. Returns false when the reply names no known family or
    /// has no id.
    @discardableResult
    public mutating func learn(from reply: ControlMessage) -> Bool {
        guard let (family, id) = reply.resolvedFamily else { return false }
        families[id] = family
        return true
    }
}
