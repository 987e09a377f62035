import Daemon
import Foundation
import Logging
import Testing

@Suite struct LogHandlerTests {
    @Test func jsonLinesCarryTheFixedFieldsAndTheMetadataAsGiven() throws {
        let sink = CollectedLog()
        var logger = DaemonLogging.logger(label: "eswitchd", format: .json, level: .info, sink: sink)
        logger[metadataKey: "pf"] = "0000:03:00.0"
        logger.debug("not written at info")
        logger.warning("rule fell back to software", metadata: [
            "port": "p1", "vm": "web-1", "vf": "3", "vni": "100", "rule": "l2-local@port p1:52:54:00:00:00:01",
            "message": "a clash with a fixed key", "hosts": ["a", "b"],
        ])
        #expect(sink.all.count == 1)
        let line = try #require(sink.all.first)
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "warning")
        #expect(object["label"] as? String == "eswitchd")
        #expect(object["message"] as? String == "rule fell back to software")
        #expect(object["_message"] as? String == "a clash with a fixed key")
        #expect(object["port"] as? String == "p1")
        #expect(object["vm"] as? String == "web-1")
        #expect(object["pf"] as? String == "0000:03:00.0")
        #expect(object["vf"] as? String == "3")
        #expect(object["vni"] as? String == "100")
        #expect(object["rule"] as? String == "l2-local@port p1:52:54:00:00:00:01")
        #expect(object["hosts"] as? [String] == ["a", "b"])
        let timestamp = try #require(object["timestamp"] as? String)
        #expect(timestamp.hasSuffix("Z"))
        #expect(try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(timestamp).timeIntervalSinceNow > -60)
    }

    @Test func textLinesAreForPeople() throws {
        let sink = CollectedLog()
        let logger = DaemonLogging.logger(label: "eswitchd", format: .text, level: .debug, sink: sink)
        logger.info("plugged", metadata: ["vm": "web-1", "port": "p1"])
        let line = try #require(sink.all.first)
        #expect(line.hasSuffix(" info eswitchd: plugged port=p1 vm=web-1"))
    }
}
