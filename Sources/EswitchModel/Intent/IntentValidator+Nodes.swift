extension IntentValidator {
    mutating func checkNode() {
        let node = state.node
        if let problem = node.name.problem { report("node.name", problem) }
        checkUnicastIP(node.vtep, at: "node.vtep", role: "VTEP")
        if case .netdev(let name) = node.uplink, let problem = name.problem { report("node.uplink", problem) }
    }

    mutating func checkNodes() {
        let local = state.node
        var firstName: [NodeName: Int] = [:]
        var firstVTEP: [IPAddress: Int] = [:]
        for (i, node) in state.nodes.enumerated() {
            let namePath = "nodes[\(i)].name", vtepPath = "nodes[\(i)].vtep"
            if let problem = node.name.problem { report(namePath, problem) }
            if node.name == local.name {
                report(namePath, "node '\(node.name)' is this node (node.name); list only other nodes here")
            } else if let first = firstName[node.name] {
                report(namePath, "duplicate node name '\(node.name)' (also nodes[\(first)].name)")
            } else {
                firstName[node.name] = i
            }

            guard checkUnicastIP(node.vtep, at: vtepPath, role: "VTEP") else { continue }
            if node.vtep == local.vtep {
                report(vtepPath, "VTEP \(node.vtep) is this node's VTEP (node.vtep)")
            } else if let first = firstVTEP[node.vtep] {
                report(vtepPath, "duplicate VTEP \(node.vtep) (also nodes[\(first)].vtep)")
            } else {
                firstVTEP[node.vtep] = i
                checkUnderlayFamily(node.vtep, at: vtepPath)
            }
        }
    }

    /// Reports a VTEP of another family than this node's: VXLAN cannot cross underlay families.
    mutating func checkUnderlayFamily(_ vtep: IPAddress, at path: String) {
        let local = state.node.vtep
        if vtep.family != local.family {
            report(path, "VTEP \(vtep) is \(vtep.family.rawValue) but this node's VTEP is \(local.family.rawValue) (the underlay uses one family)")
        }
    }
}
