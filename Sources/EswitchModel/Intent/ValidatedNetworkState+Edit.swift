extension ValidatedNetworkState {
    /// Every problem the intent would have after `edit`, exactly as `NetworkState.validate()`
    /// lists them for the edited document (`edit.applied(to: state)`); empty when it stays valid.
    ///
    /// The usual edit is decided from the tables alone, at a cost that follows the size of the
    /// edit (see `IntentEditCheck`); when that finds something wrong, or the edit is of a kind it
    /// does not decide, the edited document is validated in full, so that every problem comes
    /// with the path and words a full validation gives it.
    public func problems(after edit: IntentEdit) -> [ValidationProblem] {
        if IntentEditCheck(self).isValid(edit) { return [] }
        return edit.applied(to: state).validate()
    }

    /// Makes `edit` in place when the intent stays valid, keeping canonical order and the tables;
    /// on any problem nothing changes.
    ///
    /// In place means without copying the sections: as long as no copy of this value shares its
    /// storage, an edit costs what its entries cost (a port's lists, its network's endpoints),
    /// plus moving the entries behind an inserted or removed one in its section.
    ///
    /// - Returns: true when validity was decided from the tables alone, false when the whole
    ///   edited intent was validated.
    /// - Throws: `NetworkStateValidationError` with every problem, as `problems(after:)` lists them.
    @discardableResult
    public mutating func apply(_ edit: IntentEdit) throws(NetworkStateValidationError) -> Bool {
        let decided = IntentEditCheck(self).isValid(edit)
        if !decided {
            let problems = edit.applied(to: state).validate()
            guard problems.isEmpty else { throw NetworkStateValidationError(problems: problems) }
        }
        applyChecked(edit)
        return decided
    }

    /// Makes a valid edit, entry by entry, in the canonical sections and in the tables.
    private mutating func applyChecked(_ edit: IntentEdit) {
        for change in edit.nodes {
            guard let name = (change.new ?? change.old)?.name else { continue }
            let i = state.nodes.lowerBound { $0.name < name }
            Self.replace(in: &state.nodes, at: i, exists: i < state.nodes.count && state.nodes[i].name == name, with: change.new)
            tables.remoteNode[name] = change.new
        }
        for change in edit.ports {
            guard let id = (change.new ?? change.old)?.id else { continue }
            if let current = tables.port[id] { tables.remove(current) }
            var new = change.new
            new?.canonicalize()
            if let new { tables.insert(new) }
            let i = state.ports.lowerBound { $0.id < id }
            Self.replace(in: &state.ports, at: i, exists: i < state.ports.count && state.ports[i].id == id, with: new)
        }
        for change in edit.remoteEndpoints {
            guard let key = change.new ?? change.old else { continue }
            var new = change.new
            new?.canonicalize()
            tables.setEndpoint(new, network: key.network, mac: key.mac)
            let i = state.remoteEndpoints.lowerBound { ($0.network, $0.mac) < (key.network, key.mac) }
            let exists = i < state.remoteEndpoints.count && state.remoteEndpoints[i].network == key.network && state.remoteEndpoints[i].mac == key.mac
            Self.replace(in: &state.remoteEndpoints, at: i, exists: exists, with: new)
        }
        for change in edit.floatingIPs {
            guard let external = (change.new ?? change.old)?.externalIP else { continue }
            let i = state.floatingIPs.lowerBound { IPAddress.intentOrder($0.externalIP, external) }
            let exists = i < state.floatingIPs.count && state.floatingIPs[i].externalIP == external
            if exists { tables.setFloatingIP(nil, port: state.floatingIPs[i].port, externalIP: external) }
            if let new = change.new { tables.setFloatingIP(new, port: new.port, externalIP: external) }
            Self.replace(in: &state.floatingIPs, at: i, exists: exists, with: change.new)
        }
        for change in edit.securityGroups {
            guard let id = (change.new ?? change.old)?.id else { continue }
            var new = change.new
            new?.canonicalize()
            tables.securityGroup[id] = new
            let i = state.securityGroups.lowerBound { $0.id < id }
            Self.replace(in: &state.securityGroups, at: i, exists: i < state.securityGroups.count && state.securityGroups[i].id == id, with: new)
        }
    }

    private static func replace<Entry>(in list: inout [Entry], at i: Int, exists: Bool, with new: Entry?) {
        if exists {
            if let new { list[i] = new } else { list.remove(at: i) }
        } else if let new {
            list.insert(new, at: i)
        }
    }
}
