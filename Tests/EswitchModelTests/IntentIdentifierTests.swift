import EswitchModel
import Testing

@Suite struct IntentIdentifierTests {
    @Test func identifierProblems() {
        #expect(PortID("").problem == "must not be empty")
        #expect(PortID("a\tb").problem == "'a\tb' contains whitespace or control characters")
        #expect(PortID(String(repeating: "x", count: 256)).problem == "longer than 255 characters")
        #expect(PortID(String(repeating: "x", count: 255)).problem == nil)
        #expect(PortID("6f1e2d3c-0000-4000-8000-1234567890ab").problem == nil)
    }

    @Test func identifiersOfDifferentKindsAreDistinctTypes() {
        let port: PortID = "x"
        let network: NetworkID = "x"
        #expect(port.rawValue == network.rawValue)
        #expect(port.description == "x")
        #expect(PortID("a") < PortID("b"))
    }

    @Test func interfaceNames() {
        #expect(InterfaceName("p0").problem == nil)
        #expect(InterfaceName("abcdefghijklmno").problem == nil)
        #expect(InterfaceName("abcdefghijklmnop").problem == "interface name 'abcdefghijklmnop' longer than 15 bytes")
        #expect(InterfaceName("eth0:1").problem == "interface name 'eth0:1' contains '/', ':' or whitespace")
        #expect(InterfaceName("").problem == "empty interface name")
        #expect(InterfaceName(".").problem == "interface name '.' not allowed")
    }

    @Test func protocolNamesAndNumbers() {
        #expect(IPProtocolMatch("tcp") == .tcp)
        #expect(IPProtocolMatch("6") == .tcp)
        #expect(IPProtocolMatch("112")?.number == 112)
        #expect(IPProtocolMatch("112")?.description == "112")
        #expect(IPProtocolMatch("any") == .any)
        #expect(IPProtocolMatch("256") == nil)
        #expect(IPProtocolMatch("TCP") == nil)
        #expect(IPProtocolMatch.udp.hasPorts && !IPProtocolMatch.icmp.hasPorts && !IPProtocolMatch.any.hasPorts)
        #expect(IPProtocolMatch.icmpv6.isICMP && !IPProtocolMatch.tcp.isICMP)
    }

    @Test func vlanRangeAndFamilies() {
        #expect(!VLANID(0).isValid && VLANID(1).isValid && VLANID(4094).isValid && !VLANID(4095).isValid)
        #expect(ip("10.0.0.1").family == .ipv4)
        #expect(ip("::1").family == .ipv6)
        #expect(IPFamily.ipv4.rawValue == "IPv4")
    }
}
