import EswitchModel
import Testing

@Suite struct IntentCIDRTests {
    @Test func parsesBothFamilies() throws {
        let v4 = try #require(CIDR("10.1.2.0/24"))
        #expect(v4.address == ip("10.1.2.0"))
        #expect(v4.prefixLength == 24)
        #expect(v4.family == .ipv4)
        let v6 = try #require(CIDR("2001:DB8::/32"))
        #expect(v6.family == .ipv6)
        #expect(v6.description == "2001:db8::/32")
    }

    @Test func rejectsMalformedText() {
        #expect(CIDR.parse("10.0.0.0") == .failure(CIDRParseError(text: "10.0.0.0", reason: "expected address/prefix-length, e.g. 10.0.0.0/24")))
        #expect(CIDR.parse("10.0.0.0/33") == .failure(CIDRParseError(text: "10.0.0.0/33", reason: "prefix length 33 exceeds 32 for IPv4")))
        #expect(CIDR.parse("::/129") == .failure(CIDRParseError(text: "::/129", reason: "prefix length 129 exceeds 128 for IPv6")))
        #expect(CIDR.parse("10.0.0/8") == .failure(CIDRParseError(text: "10.0.0/8", reason: "invalid address '10.0.0'")))
        #expect(CIDR.parse("10.0.0.0/+8") == .failure(CIDRParseError(text: "10.0.0.0/+8", reason: "invalid prefix length '+8'")))
        #expect(CIDR("10.0.0.0/") == nil)
        #expect(CIDR("10.0.0.0/8/8") == nil)
        #expect(CIDR(address: ip("10.0.0.0"), prefixLength: -1) == nil)
    }

    @Test func hostRouteContainsOnlyItself() {
        let host = cidr("192.0.2.7/32")
        #expect(host.contains(ip("192.0.2.7")))
        #expect(!host.contains(ip("192.0.2.6")))
        #expect(!host.contains(ip("192.0.2.8")))
        #expect(host.networkAddress == ip("192.0.2.7"))
        #expect(host.lastAddress == ip("192.0.2.7"))
        #expect(!host.hasHostBits)
    }

    @Test func defaultRouteContainsEveryAddressOfItsFamilyOnly() {
        let any4 = cidr("0.0.0.0/0")
        #expect(any4.contains(ip("0.0.0.0")))
        #expect(any4.contains(ip("255.255.255.255")))
        #expect(!any4.contains(ip("::1")))
        #expect(any4.lastAddress == ip("255.255.255.255"))
        let any6 = cidr("::/0")
        #expect(any6.contains(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")))
        #expect(any6.contains(ip("::")))
        #expect(!any6.contains(ip("10.0.0.1")))
        #expect(any4.contains(cidr("10.0.0.0/8")))
        #expect(!any4.contains(cidr("::/0")))
    }

    @Test func ipv6BoundariesAcrossTheHalves() {
        let p64 = cidr("2001:db8:1:2::/64")
        #expect(p64.contains(ip("2001:db8:1:2:ffff:ffff:ffff:ffff")))
        #expect(!p64.contains(ip("2001:db8:1:3::")))
        let p65 = cidr("2001:db8:1:2:8000::/65")
        #expect(p65.contains(ip("2001:db8:1:2:8000::1")))
        #expect(!p65.contains(ip("2001:db8:1:2:7fff::1")))
        #expect(p65.lastAddress == ip("2001:db8:1:2:ffff:ffff:ffff:ffff"))
        let p63 = cidr("2001:db8:1:2::/63")
        #expect(p63.contains(ip("2001:db8:1:3::1")))
        #expect(!p63.contains(ip("2001:db8:1:4::")))
        let host = cidr("2001:db8::1/128")
        #expect(host.contains(ip("2001:db8::1")))
        #expect(!host.contains(ip("2001:db8::2")))
        let p1 = cidr("8000::/1")
        #expect(p1.contains(ip("ffff::")))
        #expect(!p1.contains(ip("7fff::")))
    }

    @Test func hostBitsAndNetwork() {
        let written = cidr("10.1.2.3/8")
        #expect(written.hasHostBits)
        #expect(written.network == cidr("10.0.0.0/8"))
        #expect(written.contains(ip("10.200.0.1")))
        #expect(cidr("2001:db8::1/64").network == cidr("2001:db8::/64"))
        #expect(cidr("10.0.0.0/31").lastAddress == ip("10.0.0.1"))
    }

    @Test func prefixContainmentAndOverlap() {
        let wide = cidr("10.0.0.0/8"), narrow = cidr("10.20.0.0/16"), other = cidr("11.0.0.0/8")
        #expect(wide.contains(narrow))
        #expect(!narrow.contains(wide))
        #expect(wide.overlaps(narrow) && narrow.overlaps(wide))
        #expect(!wide.overlaps(other))
        #expect(cidr("10.0.0.0/25").overlaps(cidr("10.0.0.0/25")))
        #expect(!cidr("10.0.0.0/25").overlaps(cidr("10.0.0.128/25")))
        #expect(!cidr("10.0.0.0/8").overlaps(cidr("::/0")))
    }

    @Test func orderIsFamilyThenAddressThenLength() {
        let sorted = [cidr("2001:db8::/32"), cidr("10.0.0.0/16"), cidr("10.0.0.0/8"), cidr("9.0.0.0/8")].sorted()
        #expect(sorted.map(\.description) == ["9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16", "2001:db8::/32"])
    }
}
