extension ControlRequest {
    /// The request's name in snake case (`apply_intent`, `plug`...), for logs and metric labels.
    public var kind: String {
        switch self {
        case .ping: return "ping"
        case .applyIntent: return "apply_intent"
        case .plug: return "plug"
        case .verify: return "verify"
        case .unplug: return "unplug"
        case .status: return "status"
        case .rules: return "rules"
        case .explain: return "explain"
        }
    }
}

extension ControlResponse {
    /// True unless the response is a `.failure`.
    public var isSuccess: Bool {
        if case .failure = self { return false }
        return true
    }
}
