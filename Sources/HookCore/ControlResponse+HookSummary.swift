import ControlAPI

extension ControlResponse {
    /// The answer's kind, for messages about unexpected answers.
    var hookSummary: String {
        switch self {
        case .pong: return "pong"
        case .applied: return "applied"
        case .plugged(let attachment): return "plugged \(attachment.port)"
        case .verified(let attachment): return "verified \(attachment.port)"
        case .unplugged(let port): return "unplugged \(port)"
        case .report: return "report"
        case .failure(let failure): return "failure \(failure)"
        }
    }
}

extension PortAttachment.Device {
    /// `VF 0000:03:00.2`, `vDPA vdpa0`, `software tap0`.
    var hookSummary: String {
        switch self {
        case .vf(let address, _, _, _): return "VF \(address)"
        case .vdpa(let name, _, _): return "vDPA \(name)"
        case .software(let device): return "software \(device)"
        }
    }
}
