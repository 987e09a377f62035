import EswitchConfig
import EswitchModel
import Foundation

/// Locates HardwareProfiles/ from this file's path and reads the profiles in it.
enum HardwareProfileFixtures {
    /// Tests/EswitchConfigTests/<this file> -> repository root -> HardwareProfiles.
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("HardwareProfiles", isDirectory: true)

    /// The YAML files in HardwareProfiles/, sorted by name.
    static func files() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func text(_ id: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("\(id).yaml"), encoding: .utf8)
    }

    static func profile(_ id: String) throws -> HardwareProfile {
        try HardwareProfile(text: text(id))
    }

    /// A small valid profile; tests break one line of it at a time.
    static let minimal = """
        id: test-nic
        name: TestNIC
        vendor: Example
        model: Example Controller
        driver: exdrv
        pci:
          vendor_id: 0x15b3
          pf_device_ids: [0x101d]
          vf_device_ids: [0x101e]
        ports: 2
        sriov:
          max_vfs_per_pf: 8
          vf_rate_limit: true
        switchdev: true
        mode_change:
          vfs: must_not_exist
          eswitch_manager: host
        match_keys:
          - dst_mac
          - {key: enc_key_id, only_on: [tunnel_device]}
        actions:
          - mirred_redirect
          - {action: tunnel_key_set, only_on: [vf_representor]}
        prefix_match: true
        tunnels:
          vxlan: {encap: true, decap: false, match: true}
          geneve: {encap: false, decap: false, match: false}
          gre: {encap: false, decap: false, match: false}
          ipv6_underlay: false
        chains:
          goto_chain: false
          max_chain: 0
          max_priority: 16
          priorities_honored: true
        rule_capacity: 1000

        """

    /// The problems `text` is rejected with, or an empty list when it is accepted.
    static func issues(_ text: String) -> [HardwareProfileIssue] {
        do {
            _ = try HardwareProfile(text: text)
            return []
        } catch {
            return error.issues
        }
    }
}
