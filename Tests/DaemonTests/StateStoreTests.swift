import ControlAPI
import Daemon
import EswitchModel
import Foundation
import Testing

@Suite struct StateStoreTests {
    static func sampleState(_ text: String = "node:\n  name: a\n") -> MemorySnapshot {
        let plug = PlugRequest(port: PortID("p1"), domain: "vm1", kind: .vdpa, mac: MACAddress("52:54:00:00:00:01"))
        return MemorySnapshot(intent: IntentDocument(format: .yaml, text: text, source: "a.yaml"),
                              bindings: [MemoryBinding(request: plug, device: .vdpa(name: "vdpa0", vf: PCIAddress("0000:03:00.2")!, representor: "pf0vf0"))])
    }

    @Test func savesAndLoadsTheState() async throws {
        let directory = TemporaryDirectory.make()
        let store = try StateStore<MemorySnapshot>(directory: directory)
        #expect(try await store.load() == nil)
        try await store.save(Self.sampleState())
        #expect(try await StateStore<MemorySnapshot>(directory: directory).load() == Self.sampleState())
    }

    @Test func theSameStateIsNotWrittenTwice() async throws {
        let directory = TemporaryDirectory.make()
        let store = try StateStore<MemorySnapshot>(directory: directory)
        #expect(try await store.save(Self.sampleState()))
        #expect(try await store.save(Self.sampleState()) == false)
        #expect(try await store.save(Self.sampleState("node:\n  name: b\n")))
        #expect(try await StateStore<MemorySnapshot>(directory: directory).load() == Self.sampleState("node:\n  name: b\n"))
    }

    @Test func aPartiallyWrittenTemporaryFileIsIgnored() async throws {
        let directory = TemporaryDirectory.make()
        let store = try StateStore<MemorySnapshot>(directory: directory)
        try await store.save(Self.sampleState())
        // A crash in the middle of the next write leaves half a temporary file beside the real one.
        let temporary = directory + "/state.json.tmp"
        try Data("{\"format\":\"eswitchd-state\",\"version\":1,\"state\":{\"gener".utf8).write(to: URL(fileURLWithPath: temporary))
        let reopened = try StateStore<MemorySnapshot>(directory: directory)
        #expect(try await reopened.load() == Self.sampleState())
        #expect(!FileManager.default.fileExists(atPath: temporary))
    }

    @Test func aCorruptStateFileIsAnErrorNamingTheFile() async throws {
        let directory = TemporaryDirectory.make()
        let path = directory + "/state.json"
        for (content, expected) in [("{\"format\":\"eswitchd-state\",\"version\":1,\"state\":{\"bind", "not valid JSON"),
                                    ("{\"format\":\"something-else\",\"version\":1,\"state\":{\"bindings\":[]}}", "format is 'something-else'"),
                                    ("{\"format\":\"eswitchd-state\",\"version\":2,\"state\":{\"bindings\":[]}}", "version 2 is not the 1"),
                                    ("{\"format\":\"eswitchd-state\",\"version\":1,\"state\":{\"bindings\":[{\"request\":{}}]}}", "missing state.bindings.")] {
            try Data(content.utf8).write(to: URL(fileURLWithPath: path))
            do {
                _ = try await StateStore<MemorySnapshot>(directory: directory).load()
                Issue.record("corrupt state loaded: \(content)")
            } catch {
                let message = "\(error)"
                #expect(message.hasPrefix("state file \(path) is corrupt: "))
                #expect(message.contains(expected))
                #expect(!message.contains("\n"))
            }
        }
    }

    @Test func aWriteGoesThroughATemporaryFileAndRename() throws {
        let directory = TemporaryDirectory.make()
        let file = DurableFile(path: directory + "/f")
        try file.write(Data("one".utf8))
        try file.write(Data("two".utf8))
        #expect(try file.read() == Data("two".utf8))
        #expect(!FileManager.default.fileExists(atPath: directory + "/f.tmp"))
        // A directory where the temporary file should go makes the write fail and keeps the old content.
        try FileManager.default.createDirectory(atPath: directory + "/f.tmp", withIntermediateDirectories: false)
        #expect(throws: DurableFileError.self) { try file.write(Data("three".utf8)) }
        #expect(try file.read() == Data("two".utf8))
    }
}
