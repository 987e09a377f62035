import ControlAPI
import EswitchModel
import Foundation
import Testing

@Suite struct ControlFramingTests {
    @Test func requestsRoundTripAsSingleLines() throws {
        let requests: [ControlRequest] = [
            .ping,
            .applyIntent(IntentDocument(format: .yaml, text: "node:\n  name: a\n", source: "a.yaml")),
            .plug(PlugRequest(port: PortID("p1"), domain: "vm1", kind: .hostdev, mac: MACAddress("52:54:00:00:00:01"),
                              requestedVF: PCIAddress("0000:03:00.2"))),
            .unplug(UnplugRequest(port: PortID("p1"), domain: "vm1")),
            .rules(RulesQuery(placement: .hardware)),
            .explain(.port(PortID("p1"))),
        ]
        for request in requests {
            let line = try ControlFraming.encodeLine(request)
            #expect(line.last == 0x0A)
            #expect(line.dropLast().contains(0x0A) == false)
            #expect(try ControlFraming.decodeLine(ControlRequest.self, from: line) == request)
        }
    }

    @Test func readOnlyRequestsAreOnlyTheQueries() {
        #expect(ControlRequest.status.isReadOnly)
        #expect(ControlRequest.rules(RulesQuery()).isReadOnly)
        #expect(!ControlRequest.unplug(UnplugRequest(port: PortID("p"), domain: "d")).isReadOnly)
        #expect(!ControlRequest.applyIntent(IntentDocument(format: .json, text: "{}", source: "-")).isReadOnly)
    }

    @Test func malformedLinesNameTheProblem() {
        #expect(throws: ControlFailure.self) { try ControlFraming.decodeLine(ControlRequest.self, from: Data("{".utf8)) }
        do {
            _ = try ControlFraming.decodeLine(ControlRequest.self, from: Data(#"{"unplug":{"_0":{"port":"p"}}}"#.utf8))
            Issue.record("a request without its domain decoded")
        } catch let failure as ControlFailure {
            #expect(failure.code == .badRequest)
            #expect(failure.message.contains("domain"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
        let huge = Data(repeating: 0x20, count: ControlFraming.maximumLineLength + 1)
        #expect(throws: ControlFailure.self) { try ControlFraming.decodeLine(ControlRequest.self, from: huge) }
    }
}
