extension SecurityGroupRule {
    /// Every field that is set, in a fixed order, as words: `ingress IPv4 tcp 22-22 10.0.0.0/8`,
    /// `ingress IPv4 icmp type 8 code 0`, `egress IPv6 any`. Two rules have the same text exactly
    /// when they are equal (absent fields are left out, present ones are labelled or shaped so that
    /// none can be taken for another), which makes it the rule's identity in compiled rule ids.
    public var identityText: String {
        var words = [direction.rawValue, ethertype.rawValue, self.protocol.description]
        switch (portRangeMin, portRangeMax) {
        case (let low?, let high?): words.append("\(low)-\(high)")
        case (let low?, nil): words.append("\(low)-")
        case (nil, let high?): words.append("-\(high)")
        case (nil, nil): break
        }
        if let icmpType { words.append("type \(icmpType)") }
        if let icmpCode { words.append("code \(icmpCode)") }
        if let remoteCIDR { words.append(remoteCIDR.description) }
        return words.joined(separator: " ")
    }
}
