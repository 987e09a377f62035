import EswitchConfig
import EswitchModel
import Foundation
import Testing

/// The schema check: broken profile texts are rejected, every problem is reported, each with its path.
@Suite struct HardwareProfileSchemaTests {
    typealias F = HardwareProfileFixtures

    /// `minimal` with one exact substring replaced; fails the test if the substring is absent.
    func broken(_ old: String, _ new: String) -> String {
        #expect(F.minimal.contains(old), "fixture has no \(old.debugDescription)")
        return F.minimal.replacingOccurrences(of: old, with: new)
    }

    func paths(_ issues: [HardwareProfileIssue]) -> [String] { issues.map(\.path) }

    @Test func minimalProfileReads() throws {
        let profile = try HardwareProfile(text: F.minimal)
        #expect(profile.id == HardwareProfileID("test-nic"))
        #expect(profile.pci?.vendorID == PCIVendorID(0x15b3))
        #expect(profile.pci?.pfDeviceIDs == [PCIDeviceID(0x101d)])
        #expect(profile.sriov?.maxVFsPerPF == 8)
        #expect(profile.matchKeys == [.init(.dstMAC), .init(.encKeyID, onlyOn: [.tunnelDevice])])
        #expect(profile.actions[1] == .init(.tunnelKeySet, onlyOn: [.vfRepresentor]))
        #expect(profile.modeChangeRules?.vfs == .mustNotExist)
        #expect(profile.tunnels.vxlan == .init(encap: true, decap: false, match: true))
        #expect(profile.chains.maxPriority == 16)
        #expect(profile.ruleCapacity == 1000)
        #expect(profile.ctOffload == nil && profile.vdpa == nil && profile.insertionRates.isEmpty)
    }

    @Test func unknownTopLevelKeyIsRejected() {
        let issues = F.issues(F.minimal + "colour: red\n")
        #expect(paths(issues) == ["colour"])
        #expect(issues.first?.message.hasPrefix("unknown key") == true)
        #expect(issues.first?.line == 36)
    }

    @Test func misspelledNestedKeyIsUnknownAndTheRealOneMissing() {
        let issues = F.issues(broken("vf_rate_limit: true", "vf_rate_limt: true"))
        #expect(paths(issues) == ["sriov.vf_rate_limt", "sriov.vf_rate_limit"])
        #expect(issues[1].message == "missing required key")
    }

    @Test func wrongTypesNameTheTypeFound() {
        #expect(F.issues(broken("ports: 2", "ports: two")).map(\.description)
            == ["ports: expected a whole number, found string \"two\""])
        #expect(F.issues(broken("ports: 2", "ports: \"2\"")).map(\.description)
            == ["ports: expected a whole number, found string \"2\""])
        #expect(F.issues(broken("switchdev: true", "switchdev: yes")).map(\.description)
            == ["switchdev: expected true or false, found string \"yes\""])
        #expect(F.issues(broken("match_keys:\n  - dst_mac", "match_keys: dst_mac\nx:\n  - dst_mac")).map(\.path)
            .contains("match_keys"))
        #expect(F.issues(broken("name: TestNIC", "name: 42")).map(\.description)
            == ["name: expected a string, found number 42"])
        #expect(F.issues(broken("tunnels:\n  vxlan: {encap: true, decap: false, match: true}",
                                "tunnels:\n  vxlan: [true, false, true]")).map(\.description)
            == ["tunnels.vxlan: expected a mapping, found a list"])
    }

    @Test func unknownVocabularyIsRejectedWithItsPath() {
        let key = F.issues(broken("  - dst_mac", "  - dst_macc"))
        #expect(key.map(\.description) == ["match_keys[0]: unknown flower key \"dst_macc\""])
        let action = F.issues(broken("action: tunnel_key_set", "action: tunnel_key_sett"))
        #expect(action.map(\.description) == ["actions[1].action: unknown action \"tunnel_key_sett\""])
        let port = F.issues(broken("only_on: [tunnel_device]", "only_on: [vxlan]"))
        #expect(port.map(\.path) == ["match_keys[1].only_on[0]"])
        #expect(port.first?.message == "unknown port kind \"vxlan\" (expected one of: uplink, vf_representor, tunnel_device)")
        let vfs = F.issues(broken("vfs: must_not_exist", "vfs: before"))
        #expect(vfs.map(\.path) == ["mode_change.vfs"])
    }

    @Test func missingRequiredKeysAreNamed() {
        let issues = F.issues(broken("rule_capacity: 1000\n", ""))
        #expect(issues.map(\.description) == ["rule_capacity: missing required key"])
        let nested = F.issues(broken("  gre: {encap: false, decap: false, match: false}\n", ""))
        #expect(nested.map(\.path) == ["tunnels.gre"])
        let null = F.issues(broken("max_chain: 0", "max_chain: ~"))
        #expect(null.map(\.description) == ["chains.max_chain: expected a value, found null"])
    }

    @Test func pciIDsMustBeSixteenBitHex() {
        #expect(F.issues(broken("vendor_id: 0x15b3", "vendor_id: 5555")).map(\.description)
            == ["pci.vendor_id: expected a 16-bit PCI id in hex like 0x15b3, found number 5555"])
        #expect(F.issues(broken("pf_device_ids: [0x101d]", "pf_device_ids: [0x101d, 0x1ffff]")).map(\.path)
            == ["pci.pf_device_ids[1]"])
        #expect(F.issues(broken("vf_device_ids: [0x101e]", "vf_device_ids: [0xzz]")).map(\.path)
            == ["pci.vf_device_ids[0]"])
    }

    @Test func everyProblemIsListedNotOnlyTheFirst() {
        var text = broken("ports: 2", "ports: -1")
        text = text.replacingOccurrences(of: "  - mirred_redirect", with: "  - mirred_redirekt")
        text = text.replacingOccurrences(of: "max_priority: 16", with: "max_priority: 70000")
        text += "extra: 1\n"
        let issues = F.issues(text)
        #expect(Set(paths(issues)) == ["ports", "actions[0]", "chains.max_priority", "extra"])
        #expect(issues.first { $0.path == "chains.max_priority" }?.message == "70000 is out of range 0...65535")
    }

    @Test func inconsistentProfilesAreRejectedWithPathAndLine() {
        let text = broken("  - {action: tunnel_key_set, only_on: [vf_representor]}\n", "")
        let issues = F.issues(text)
        #expect(issues.map(\.description) == ["tunnels.vxlan.encap: true, but actions has no tunnel_key_set"])
        let vxlanLine = text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("  vxlan:") }.map { $0 + 1 }
        #expect(issues.first?.line == vxlanLine)

        let legacy = F.issues(broken("switchdev: true", "switchdev: false"))
        #expect(Set(paths(legacy)) == ["mode_change", "match_keys", "actions", "rule_capacity"])

        let duplicate = F.issues(broken("  - dst_mac\n", "  - dst_mac\n  - dst_mac\n"))
        #expect(duplicate.map(\.description) == ["match_keys[1]: duplicate key dst_mac"])

        let sriovWithoutVFs = F.issues(broken("vf_device_ids: [0x101e]", "vf_device_ids: []"))
        #expect(sriovWithoutVFs.map(\.path) == ["pci.vf_device_ids"])

        let badID = F.issues(broken("id: test-nic", "id: Test_NIC"))
        #expect(badID.map(\.path) == ["id"])
    }

    @Test func invalidYAMLIsReportedForTheDocument() {
        let issues = F.issues("id: [unclosed\nname: x\n")
        #expect(issues.count == 1)
        #expect(issues.first?.path == "")
        #expect(issues.first?.description.hasPrefix("(document): not valid YAML or JSON") == true)
        #expect(F.issues("").map(\.description) == ["(document): empty document, expected a mapping of profile keys"])
        #expect(F.issues("- a\n- b\n").map(\.description) == ["(document): expected a mapping, found a list"])
    }

    @Test func jsonTextReadsLikeYAML() throws {
        var profile = try HardwareProfile(text: F.minimal)
        profile.vendor = "Example/Vendor \"quoted\""  // JSONEncoder writes \/ and \" escapes
        for formatting in [JSONEncoder.OutputFormatting.sortedKeys, [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = formatting
            let json = String(decoding: try encoder.encode(profile), as: UTF8.self)
            #expect(try HardwareProfile(text: json) == profile)
        }
        let bad = #"{"id": "x", "ports": "2"}"#
        #expect(F.issues(bad).contains { $0.description == "ports: expected a whole number, found string \"2\"" })
    }

    @Test(arguments: HardwareProfileFilesTests.requiredIDs) func realProfilesSurviveAJSONRoundTrip(_ id: String) throws {
        let profile = try F.profile(id)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = String(decoding: try encoder.encode(profile), as: UTF8.self)
        #expect(try HardwareProfile(text: json) == profile)
        #expect(json.contains("\"rule_capacity\""), "JSON uses the file's key names")
    }
}
