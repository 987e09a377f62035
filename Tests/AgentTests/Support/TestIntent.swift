import ControlAPI

/// Small intents for the agent tests: node `node-a` with uplink 0000:03:00.0, one network with a
/// subnet, local ports `p1`...`pN`, a port on `node-b` (so the uplink has decap and encap rules) and
/// a stateless security group that lets SSH in.
enum TestIntent {
    /// A local port: its id, binding (`vf`, `vdpa`, `software`) and MAC.
    struct LocalPort {
        var id: String
        var binding: String
        var mac: String
    }

    /// `count` local ports with `binding`: p1 (52:54:00:00:01:01), p2...
    static func ports(_ count: Int, binding: String = "vf") -> [LocalPort] {
        (1...max(1, count)).map { n in
            LocalPort(id: "p\(n)", binding: binding, mac: String(format: "52:54:00:00:01:%02x", n))
        }
    }

    /// The intent's YAML text.
    /// - Parameter sshOnly: false opens port 80 as well (a change of one security group rule).
    static func yaml(_ ports: [LocalPort], sshOnly: Bool = true) -> String {
        var text = """
        node:
          name: node-a
          vtep: 192.0.2.11
          uplink: 0000:03:00.0
        nodes:
          - name: node-b
            vtep: 192.0.2.12
        networks:
          - id: net1
            vni: 1001
        subnets:
          - id: sub1
            network: net1
            cidr: 10.1.0.0/24
        ports:
          - id: remote-1
            vm: remote-vm
            network: net1
            node: node-b
            mac: 52:54:00:00:02:01
            fixed_ips: [{subnet: sub1, ip: 10.1.0.200}]

        """
        for (n, port) in ports.enumerated() {
            text += """
              - id: \(port.id)
                vm: vm-\(port.id)
                network: net1
                node: node-a
                mac: \(port.mac)
                fixed_ips: [{subnet: sub1, ip: 10.1.0.\(10 + n)}]
                binding: \(port.binding)
                security_groups: [sg]

            """
        }
        text += """
        security_groups:
          - id: sg
            stateful: false
            rules:
              - {direction: ingress, ethertype: IPv4, protocol: tcp, port_range_min: 22, port_range_max: 22}

        """
        if !sshOnly {
            text += "      - {direction: ingress, ethertype: IPv4, protocol: tcp, port_range_min: 80, port_range_max: 80}\n"
        }
        return text
    }

    static func document(_ ports: [LocalPort], sshOnly: Bool = true) -> IntentDocument {
        IntentDocument(format: .yaml, text: yaml(ports, sshOnly: sshOnly), source: "test-intent.yaml")
    }
}
