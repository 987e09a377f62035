import EswitchConfig
import EswitchModel
import Foundation
import Testing

/// Every file in HardwareProfiles/ must read cleanly, carry plausible figures and cite its sources.
@Suite struct HardwareProfileFilesTests {
    static let requiredIDs = ["bluefield-2", "bluefield-3", "connectx-5", "connectx-6dx", "connectx-7", "e810", "software"]
    static let nicIDs = requiredIDs.filter { $0 != "software" }

    @Test func everyRequiredModelHasAProfileFile() throws {
        let ids = Set(try HardwareProfileFixtures.files().map { $0.deletingPathExtension().lastPathComponent })
        #expect(ids.isSuperset(of: Self.requiredIDs), "missing: \(Set(Self.requiredIDs).subtracting(ids).sorted())")
    }

    @Test func everyFileReadsAndIsNamedAfterItsID() throws {
        let files = try HardwareProfileFixtures.files()
        #expect(files.count >= Self.requiredIDs.count)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            do {
                let profile = try HardwareProfile(text: text)
                #expect(profile.id.rawValue == file.deletingPathExtension().lastPathComponent)
            } catch {
                Issue.record("\(file.lastPathComponent) rejected:\n\(error)")
            }
        }
    }

    @Test func profileIDsAndNamesAreUnique() throws {
        let profiles = try HardwareProfileFixtures.files().map { try HardwareProfile(text: String(contentsOf: $0, encoding: .utf8)) }
        #expect(Set(profiles.map(\.id)).count == profiles.count)
        #expect(Set(profiles.map(\.name)).count == profiles.count)
    }

    @Test(arguments: nicIDs) func nicFiguresArePlausible(_ id: String) throws {
        let profile = try HardwareProfileFixtures.profile(id)
        #expect(!profile.isSoftwareOnly)
        #expect(profile.switchdev)
        #expect(profile.modeChangeRules != nil)
        #expect((1...8).contains(profile.ports))
        let sriov = try #require(profile.sriov)
        #expect((1...1024).contains(sriov.maxVFsPerPF))
        #expect(profile.ruleCapacity > 0)
        #expect(!profile.matchKeys.isEmpty && !profile.actions.isEmpty)
        #expect(profile.supports(action: .drop).isSupported, "every eswitch can drop")
        #expect(profile.supports(action: .mirredRedirect, on: .vfRepresentor).isSupported, "every eswitch can forward VF traffic")
        for rate in profile.insertionRates { #expect((1_000...10_000_000).contains(rate.rulesPerSecond)) }
        if let ms = profile.latencies?.vfCreateMS { #expect((10...10_000).contains(ms)) }
        if let vdpa = profile.vdpa {
            #expect(vdpa.maxDevicesPerPF <= sriov.maxVFsPerPF)
            #expect(vdpa.maxVirtqueues >= 2)
        }
    }

    @Test func softwareProfileOffloadsNothing() throws {
        let software = try HardwareProfileFixtures.profile("software")
        #expect(software.isSoftwareOnly)
        #expect(software.ruleCapacity == 0)
        #expect(software.pci == nil && software.driver == nil && software.sriov == nil && software.vdpa == nil)
        #expect(software.ctOffload == nil)
    }

    @Test func driversMatchVendors() throws {
        for id in Self.nicIDs {
            let profile = try HardwareProfileFixtures.profile(id)
            let vendor = try #require(profile.pci).vendorID
            switch profile.driver {
            case "mlx5_core": #expect(vendor == PCIVendorID(0x15b3), "\(id)")
            case "ice": #expect(vendor == PCIVendorID(0x8086), "\(id)")
            default: Issue.record("\(id): unexpected driver \(profile.driver ?? "none")")
            }
        }
    }

    /// The ids as the PCI ID database (pci.ids 2023.04.10, pciutils) lists them; a typo in a profile fails here.
    static let expectedPCIIDs: [String: (vendor: UInt16, pfs: [UInt16], vfs: [UInt16])] = [
        "connectx-5": (0x15b3, [0x1017, 0x1019], [0x1018, 0x101a]),
        "connectx-6dx": (0x15b3, [0x101d], [0x101e]),
        "connectx-7": (0x15b3, [0x1021], [0x101e]),
        "bluefield-2": (0x15b3, [0xa2d6], [0x101e]),
        "bluefield-3": (0x15b3, [0xa2dc], [0x101e]),
        "e810": (0x8086, [0x1591, 0x1592, 0x1593, 0x1599, 0x159a, 0x159b], [0x1889]),
    ]

    @Test(arguments: nicIDs) func pciIDsAreTheDatabaseOnes(_ id: String) throws {
        let pci = try #require(try HardwareProfileFixtures.profile(id).pci)
        let expected = try #require(Self.expectedPCIIDs[id])
        #expect(pci.vendorID.rawValue == expected.vendor)
        #expect(pci.pfDeviceIDs.map(\.rawValue) == expected.pfs)
        #expect(pci.vfDeviceIDs.map(\.rawValue) == expected.vfs)
    }

    @Test func noPFDeviceIDBelongsToTwoProfiles() throws {
        var owner: [String: String] = [:]
        for id in Self.nicIDs {
            let pci = try #require(try HardwareProfileFixtures.profile(id).pci)
            for device in pci.pfDeviceIDs {
                let key = "\(pci.vendorID):\(device)"
                #expect(owner[key] == nil, "\(key) is the PF of both \(owner[key] ?? "") and \(id)")
                owner[key] = id
            }
        }
    }

    /// The installed pci.ids (pciutils), when the machine has one: each PF id must be named after the
    /// model and each VF id must be a virtual function.
    static let pciDatabase: URL? = ["/usr/share/misc/pci.ids", "/usr/share/hwdata/pci.ids"]
        .map(URL.init(fileURLWithPath:)).first { FileManager.default.fileExists(atPath: $0.path) }

    static let modelMarker = ["connectx-5": "ConnectX-5", "connectx-6dx": "ConnectX-6 Dx", "connectx-7": "ConnectX-7",
                              "bluefield-2": "BlueField-2", "bluefield-3": "BlueField-3", "e810": "E810"]

    @Test(.enabled(if: pciDatabase != nil, "no pci.ids on this machine"), arguments: nicIDs)
    func pciIDsAreNamedByTheInstalledDatabase(_ id: String) throws {
        let names = try Self.deviceNames(try String(contentsOf: #require(Self.pciDatabase), encoding: .utf8))
        let pci = try #require(try HardwareProfileFixtures.profile(id).pci)
        let marker = try #require(Self.modelMarker[id])
        for device in pci.pfDeviceIDs {
            let name = names[pci.vendorID.rawValue]?[device.rawValue]
            #expect(name?.contains(marker) == true, "\(id): \(pci.vendorID):\(device) is \(name ?? "absent") in pci.ids")
        }
        for device in pci.vfDeviceIDs {
            let name = names[pci.vendorID.rawValue]?[device.rawValue] ?? "absent"
            #expect(name.contains("Virtual Function") || name.hasSuffix(" VF"), "\(id): \(pci.vendorID):\(device) is \(name)")
        }
    }

    /// vendor -> device -> name, from pci.ids lines `vvvv  Vendor` and `\tdddd  Device`.
    static func deviceNames(_ text: String) throws -> [UInt16: [UInt16: String]] {
        var out: [UInt16: [UInt16: String]] = [:]
        var vendor: UInt16?
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") || line.hasPrefix("\t\t") { continue }
            if line.hasPrefix("C ") { vendor = nil; continue }
            if line.hasPrefix("\t") {
                guard let vendor, let id = UInt16(line.dropFirst().prefix(4), radix: 16) else { continue }
                out[vendor, default: [:]][id] = String(line.dropFirst(7))
            } else {
                vendor = UInt16(line.prefix(4), radix: 16)
            }
        }
        return out
    }

    // MARK: Sourcing rule

    @Test func everyNumericFigureHasASourceComment() throws {
        for file in try HardwareProfileFixtures.files() {
            let unsourced = Self.unsourcedFigureLines(try String(contentsOf: file, encoding: .utf8))
            #expect(unsourced.isEmpty, "\(file.lastPathComponent) lines without a '# source:' comment: \(unsourced)")
        }
    }

    @Test func sourcingCheckFindsAnUnsourcedFigure() {
        let text = """
            # source: the vendor datasheet
            ports: 2
            sriov:
              # a comment that is not a source
              max_vfs_per_pf: 127
              vf_rate_limit: true
            rule_capacity: 10 # source: datasheet table 3
            preconditions:
              - reset sriov_numvfs to 0 first
            insertion_rates:
              - {steering: software, rules_per_second: 85_000}
            """
        #expect(Self.unsourcedFigureLines(text) == [5, 11])
    }

    /// 1-based numbers of lines holding a numeric value (decimal or 0x hex, also inside flow lists and
    /// mappings) with no `# source:` on the line or in the comment block right above it.
    static func unsourcedFigureLines(_ text: String) -> [Int] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [Int] = []
        for (index, line) in lines.enumerated() where hasNumericValue(line) {
            if line.contains("# source:") { continue }
            var above = index - 1
            var sourced = false
            while above >= 0, lines[above].trimmingCharacters(in: .whitespaces).hasPrefix("#") {
                if lines[above].contains("# source:") { sourced = true; break }
                above -= 1
            }
            if !sourced { out.append(index + 1) }
        }
        return out
    }

    static func hasNumericValue(_ line: String) -> Bool {
        var content = line
        if let hash = content.range(of: " #") { content = String(content[..<hash.lowerBound]) }
        content = content.trimmingCharacters(in: .whitespaces)
        if content.isEmpty || content.hasPrefix("#") { return false }
        if content.hasPrefix("- ") { content = String(content.dropFirst(2)) }
        if let colon = content.range(of: ": "), !content.hasPrefix("{") { content = String(content[colon.upperBound...]) }
        let scalars: [Substring]
        if content.hasPrefix("[") || content.hasPrefix("{") {
            scalars = content.split(whereSeparator: { "[]{},".contains($0) }).map { item in
                let trimmed = item.trimmingCharacters(in: .whitespaces)
                if let colon = trimmed.range(of: ": ") { return trimmed[colon.upperBound...] }
                return Substring(trimmed)
            }
        } else {
            scalars = [Substring(content)]
        }
        return scalars.contains { scalar in
            let s = scalar.trimmingCharacters(in: .whitespaces)
            if s.hasPrefix("0x") { return s.count > 2 && s.dropFirst(2).allSatisfy(\.isHexDigit) }
            return !s.isEmpty && s.first!.isNumber && s.allSatisfy { $0.isNumber || $0 == "_" }
        }
    }
}
