import EswitchModel

/// What changes between two rule sets: the rules to add, to delete (by id) and to replace (same
/// id, other match, actions or owner). Applying it to the old set gives exactly the new one.
///
/// This is the unit a backend installs: added rules are created, removed ones deleted by their
/// cookie, changed ones replaced in place (their chain and priority follow from the id, so they
/// do not move).
public struct RuleDelta: Hashable, Sendable {
    /// Rules that are new, sorted by id.
    public var added: [Rule]
    /// Ids of rules that are gone, sorted.
    public var removed: [RuleID]
    /// The new version of rules whose id stays but whose content changed, sorted by id.
    public var changed: [Rule]

    /// A delta from its three lists (expected sorted by id).
    public init(added: [Rule] = [], removed: [RuleID] = [], changed: [Rule] = []) {
        self.added = added
        self.removed = removed
        self.changed = changed
    }

    /// The difference between two rule sets, each with unique ids (as `Compiler` produces them).
    public init(from old: [Rule], to new: [Rule]) {
        self.init()
        let oldSorted = old.isSortedByID ? old : old.sorted { $0.id < $1.id }
        let newSorted = new.isSortedByID ? new : new.sorted { $0.id < $1.id }
        appendDifference(from: oldSorted[...], to: newSorted[...])
    }

    /// True when nothing changes.
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    /// How many rule operations the delta holds (adds, deletes and replacements).
    public var count: Int { added.count + removed.count + changed.count }

    /// `rules` with the delta applied: removed ids dropped, changed rules replaced, added rules
    /// inserted; the result is sorted by id.
    public func applied(to rules: [Rule]) -> [Rule] {
        var byID: [RuleID: Rule] = [:]
        byID.reserveCapacity(rules.count + added.count)
        for rule in rules { byID[rule.id] = rule }
        for id in removed { byID[id] = nil }
        for rule in changed { byID[rule.id] = rule }
        for rule in added { byID[rule.id] = rule }
        return byID.values.sorted { $0.id < $1.id }
    }

    /// Adds the difference between two id-sorted slices (a merge walk: linear, no hashing).
    /// Rules are compared where they lie (through pointers) and only copied into the delta.
    mutating func appendDifference(from old: ArraySlice<Rule>, to new: ArraySlice<Rule>) {
        old.withUnsafeBufferPointer { o in
            new.withUnsafeBufferPointer { n in
                guard let a = o.baseAddress, let b = n.baseAddress else {
                    for i in o.indices { removed.append(o[i].id) }
                    for j in n.indices { added.append(n[j]) }
                    return
                }
                var i = 0, j = 0
                while i < o.count && j < n.count {
                    if a[i].id == b[j].id {
                        if !(a[i] == b[j]) { changed.append(b[j]) }
                        i += 1
                        j += 1
                    } else if a[i].id < b[j].id {
                        removed.append(a[i].id)
                        i += 1
                    } else {
                        added.append(b[j])
                        j += 1
                    }
                }
                while i < o.count {
                    removed.append(a[i].id)
                    i += 1
                }
                while j < n.count {
                    added.append(b[j])
                    j += 1
                }
            }
        }
    }

    /// Puts the three lists in id order (after differences of several owners were appended).
    mutating func sort() {
        if !added.isSortedByID { added.sort { $0.id < $1.id } }
        if !changed.isSortedByID { changed.sort { $0.id < $1.id } }
        removed.sort()
    }
}

extension RandomAccessCollection where Element == Rule {
    /// True when the rules are in strictly increasing id order.
    var isSortedByID: Bool {
        var index = startIndex
        while index != endIndex {
            let next = self.index(after: index)
            if next == endIndex { return true }
            if !(self[index].id < self[next].id) { return false }
            index = next
        }
        return true
    }
}
