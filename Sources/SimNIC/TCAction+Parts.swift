import Netlink

/// The parts of a tc action the emulated kernel reads, found in one pass over its attributes
/// (the accessors walk the list once each, and insertion reads several parts of every action).
struct TCActionParts {
    var kind: TCActionKind?
    var options: TCActionOptions?
    var index: UInt32?
}

extension TCAction {
    /// Kind, options and index: the first attribute of each.
    var parts: TCActionParts {
        var parts = TCActionParts()
        for attribute in attributes {
            switch attribute {
            case .kind(let k) where parts.kind == nil: parts.kind = k
            case .options(let o, _) where parts.options == nil: parts.options = o
            case .index(let i) where parts.index == nil: parts.index = i
            default: break
            }
        }
        return parts
    }
}
