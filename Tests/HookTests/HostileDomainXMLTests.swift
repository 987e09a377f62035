import EswitchModel
import Foundation
import HookCore
import Testing

/// Input an attacker or a broken tool could put on the hook's stdin: each is refused with one line
/// naming the problem, before anything reaches the daemon (see HookRunnerTests for "nothing sent").
@Suite struct HostileDomainXMLTests {
    func refusal(_ text: String) throws -> String {
        try refusal(Array(text.utf8))
    }

    func refusal(_ bytes: [UInt8], totalSize: Int? = nil) throws -> String {
        let error = try #require(throws: HookError.self) { try DomainDescription.parse(bytes, totalSize: totalSize) }
        #expect(!error.description.contains("\n"))
        return error.description
    }

    @Test func xmlLargerThanOneMebibyteIsRefused() throws {
        var big = Array("<domain><name>vm</name><description>".utf8)
        big += [UInt8](repeating: 0x61, count: DomainXMLGuard.maximumSize)
        big += Array("</description></domain>".utf8)
        let message = try refusal(big)
        #expect(message.contains("exceed the 1048576-byte limit"))
        // What the reader kept may be cut at the limit: the total decides.
        #expect(try refusal(Array(big.prefix(DomainXMLGuard.maximumSize + 1)), totalSize: 5_000_000).contains("5000000 bytes"))
        // Just under the limit is fine.
        let fits = Array("<domain><name>vm</name><description>".utf8) + [UInt8](repeating: 0x61, count: DomainXMLGuard.maximumSize - 200)
            + Array("</description></domain>".utf8)
        #expect(try DomainDescription.parse(fits).name == "vm")
    }

    @Test func billionLaughsIsRefusedBeforeParsing() throws {
        var entities = #"<!ENTITY lol "lol">"#
        for level in 1...9 {
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">"
        }
        let message = try refusal("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\(entities)]>\n<domain><name>&lol9;</name></domain>")
        #expect(message.contains("document type declaration at offset 22"))
    }

    @Test func externalEntitiesAreRefused() throws {
        let message = try refusal("""
        <!DOCTYPE domain [<!ENTITY xxe SYSTEM "file:///etc/shadow">]><domain><name>&xxe;</name></domain>
        """)
        #expect(message.contains("DOCTYPE"))
        // Lower case or hidden after a comment: still found.
        #expect(try refusal("<!-- hi --><!doctype domain SYSTEM \"http://127.0.0.1/x.dtd\"><domain/>").contains("document type declaration"))
        // An entity declaration outside a DOCTYPE is not XML either, and named as what it is.
        #expect(try refusal("<!ENTITY x \"y\"><domain/>").contains("entity declaration at offset 0"))
    }

    @Test func undeclaredEntityReferencesAreRefused() throws {
        let message = try refusal("<domain><name>&xxe;</name></domain>")
        #expect(message.contains("undeclared entity 'xxe'"))
        // The five predefined entities and character references are ordinary XML.
        #expect(try DomainDescription.parse(Array("<domain><name>a&amp;b&#x41;</name></domain>".utf8)).name == "a&bA")
    }

    @Test func otherEncodingsAndBinaryAreRefused() throws {
        #expect(try refusal("<?xml version='1.0' encoding='UTF-16'?><domain/>").contains("declared encoding 'UTF-16'"))
        #expect(try refusal([0x3C, 0x00, 0x64, 0x00]).contains("NUL byte at offset 1"))
        #expect(try refusal([0x3C, 0x64, 0xFF, 0x3E]).contains("not UTF-8"))
        #expect(try refusal([]).contains("stdin is empty"))
        #expect(try DomainDescription.parse(Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><domain><name>v</name></domain>".utf8)).name == "v")
    }

    @Test func malformedXMLNamesTheLineAndColumn() throws {
        let message = try refusal("<domain>\n  <name>vm</name>\n  <devices>\n    <interface type='ethernet'>\n  </devices>\n</domain>\n")
        #expect(message.hasPrefix("domain XML refused: malformed XML at line"))
        #expect(try refusal("<domain><name>vm</name></domain><second/>").contains("malformed XML at line 1"))
        #expect(try refusal("<domain><name a='1' a='2'>vm</name></domain>").contains("malformed attribute"))
        #expect(try refusal("<network><name>n</name></network>").contains("root element is <network>, expected <domain>"))
        #expect(try refusal("<domain><uuid>x</uuid></domain>").contains("<domain> has no <name>"))
    }

    @Test func deepNestingIsRefused() throws {
        let depth = XMLElementTreeReader.maximumDepth + 1
        let text = "<domain><name>v</name>" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth) + "</domain>"
        #expect(try refusal(text).contains("nested deeper than 64 levels"))
    }

    @Test(arguments: [
        (#"<e:port id="p1"/>"#, "has no mac attribute"),
        (#"<e:port mac="52:54:00:00:00:01"/>"#, "has no id attribute"),
        (#"<e:port mac="52:54:00:00:00:01" id=""/>"#, "port id must not be empty"),
        (#"<e:port mac="52:54:00:00:00:01" id="two words"/>"#, "contains whitespace"),
        (#"<e:port mac="52:54:zz:00:00:01" id="p1"/>"#, "invalid MAC address '52:54:zz:00:00:01'"),
        (#"<e:port mac="52:54:00:00:00:01" id="p1" vf="3"/>"#, "unknown attribute 'vf'"),
        (#"<e:prot mac="52:54:00:00:00:01" id="p1"/>"#, "unexpected element <prot>"),
        (#"<e:port mac="52:54:00:00:00:01" id="p1"/><e:port mac="52:54:00:00:00:01" id="p2"/>"#, "MAC 52:54:00:00:00:01 is mapped twice"),
        (#"<e:port mac="52:54:00:00:00:01" id="p1"/><e:port mac="52:54:00:00:00:02" id="p1"/>"#, "port 'p1' is mapped twice"),
    ])
    func badPortMappingsAreRefusedWithTheirLine(mapping: String, expected: String) throws {
        let text = "<domain><name>vm</name><metadata>\n<e:ports xmlns:e=\"urn:eswitch:libvirt:ports:1\">\n\(mapping)\n</e:ports></metadata></domain>"
        let message = try refusal(text)
        #expect(message.contains(expected), "\(message)")
        #expect(message.contains("line 3"), "\(message)")
    }

    @Test func twoPortsElementsAreRefused() throws {
        let text = """
        <domain><name>vm</name><metadata><e:ports xmlns:e="urn:eswitch:libvirt:ports:1"/><f:ports xmlns:f="urn:eswitch:libvirt:ports:1"/></metadata></domain>
        """
        #expect(try refusal(text).contains("more than one <ports> element"))
    }

    @Test func mappingsThatDoNotFitTheInterfacesAreRefused() throws {
        func planProblem(_ xml: [UInt8]) throws -> String {
            let domain = try DomainDescription.parse(xml)
            return try #require(throws: HookError.self) { try PortBindingPlan.plugRequests(for: domain) }.description
        }
        let missing = HookFixtures.domain("vm", interfaces: [HookFixtures.tap("52:54:00:00:00:01", "t")], ports: [("52:54:00:00:00:07", "p7")])
        #expect(try planProblem(missing).contains("port 'p7' names MAC 52:54:00:00:00:07, which no <interface> of domain 'vm' has"))
        let bridge = HookFixtures.domain("vm", interfaces: [("bridge", "52:54:00:00:00:01", "<source bridge='br0'/>")], ports: [("52:54:00:00:00:01", "p1")])
        #expect(try planProblem(bridge).contains("has type 'bridge'; eswitch attaches only hostdev, vdpa, ethernet, vhostuser"))
        let noAddress = HookFixtures.domain("vm", interfaces: [("hostdev", "52:54:00:00:00:01", "<source/>")], ports: [("52:54:00:00:00:01", "p1")])
        #expect(try planProblem(noAddress).contains("has no <source><address type='pci'"))
        let twice = HookFixtures.domain("vm", interfaces: [HookFixtures.tap("52:54:00:00:00:01", "a"), HookFixtures.tap("52:54:00:00:00:01", "b")],
                                        ports: [("52:54:00:00:00:01", "p1")])
        #expect(try planProblem(twice).contains("is on 2 interfaces"))
    }
}
