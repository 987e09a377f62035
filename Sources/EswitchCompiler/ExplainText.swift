import EswitchModel

extension PortExplanation {
    /// The pipeline's summary and reasons, then one line per rule not entirely in hardware:
    /// ```
    /// port web-1-eth0 (vf): coverage 93.8% (40 hardware, 5 split, 3 software of 48)
    ///   3 split: ARP is answered by the slow path
    ///   ...
    /// ```
    public var explainText: String {
        var lines = ["\(title): coverage \(coverage)"]
        for r in reasons { lines.append("  \(r.rules) \(r.location): \(r.reason)") }
        for rule in rules where rule.location != .hardware { lines.append("    \(rule.text)") }
        return lines.joined(separator: "\n")
    }

    /// A table of every rule: id, chain/priority, match, actions, placement and reason.
    public var table: String {
        var rows: [[String]] = [["RULE", "CHAIN/PRIO", "MATCH", "ACTIONS", "PLACEMENT"]]
        for rule in rules {
            rows.append([rule.id, "\(rule.chain)/\(rule.priority)", rule.match.description, rule.actions.joined(separator: ", "), rule.placementText])
        }
        var widths = [Int](repeating: 0, count: 4)
        for row in rows { for c in 0..<4 { widths[c] = max(widths[c], row[c].count) } }
        var lines = ["\(title): coverage \(coverage)"]
        for row in rows {
            var line = "  "
            for c in 0..<4 { line += row[c] + String(repeating: " ", count: widths[c] - row[c].count + 2) }
            lines.append(line + row[4])
        }
        return lines.joined(separator: "\n")
    }
}

extension PlanExplanation {
    /// The header line: profile, backend, hardware rules against capacity, node coverage.
    public var headline: String {
        "profile \(profile) (\(profileName)), backend \(backend): \(hardwareRules) of \(capacity) hardware rules used; node coverage \(coverage)"
    }

    /// Every pipeline as a table, then the node coverage.
    public var table: String {
        var sections = ports.map(\.table)
        if let node { sections.append(node.table) }
        sections.append(headline)
        return sections.joined(separator: "\n\n")
    }

    /// Every pipeline's explanation, then the node coverage.
    public var explainText: String {
        var sections = ports.map(\.explainText)
        if let node { sections.append(node.explainText) }
        sections.append(headline)
        return sections.joined(separator: "\n\n")
    }
}
