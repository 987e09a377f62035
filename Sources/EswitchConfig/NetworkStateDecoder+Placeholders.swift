import EswitchModel

/// A type whose value the strict decoder can put in place of a required value that failed to
/// decode, so that it goes on checking the other keys of the same object.
///
/// The value never reaches a caller: any recorded problem makes the whole decode fail. A type
/// without a placeholder still decodes; its failure just hides later problems in the same object.
protocol StrictPlaceholder {
    static var strictPlaceholder: Self { get }
}

extension StrictPlaceholder where Self: IntentIdentifier {
    static var strictPlaceholder: Self { Self(rawValue: "") }
}

extension StrictPlaceholder where Self: IntentKeyword {
    static var strictPlaceholder: Self { allCases.first! }
}

extension StrictPlaceholder where Self: FixedWidthInteger {
    static var strictPlaceholder: Self { 0 }
}

extension String: StrictPlaceholder { static var strictPlaceholder: String { "" } }
extension Bool: StrictPlaceholder { static var strictPlaceholder: Bool { false } }
extension Double: StrictPlaceholder { static var strictPlaceholder: Double { 0 } }
extension Int: StrictPlaceholder {}
extension Int8: StrictPlaceholder {}
extension Int16: StrictPlaceholder {}
extension Int32: StrictPlaceholder {}
extension Int64: StrictPlaceholder {}
extension UInt: StrictPlaceholder {}
extension UInt8: StrictPlaceholder {}
extension UInt16: StrictPlaceholder {}
extension UInt32: StrictPlaceholder {}
extension UInt64: StrictPlaceholder {}

extension PortID: StrictPlaceholder {}
extension NetworkID: StrictPlaceholder {}
extension SubnetID: StrictPlaceholder {}
extension RouterID: StrictPlaceholder {}
extension SecurityGroupID: StrictPlaceholder {}
extension QoSPolicyID: StrictPlaceholder {}
extension NodeName: StrictPlaceholder {}
extension VMID: StrictPlaceholder {}
extension PortBinding: StrictPlaceholder {}
extension TrafficDirection: StrictPlaceholder {}
extension IPFamily: StrictPlaceholder {}

extension MACAddress: StrictPlaceholder { static var strictPlaceholder: MACAddress { .zero } }
extension IPAddress: StrictPlaceholder { static var strictPlaceholder: IPAddress { .v4(.any) } }
extension CIDR: StrictPlaceholder { static var strictPlaceholder: CIDR { CIDR(address: .v4(.any), prefixLength: 0)! } }
extension VNI: StrictPlaceholder { static var strictPlaceholder: VNI { VNI(rawValue: 0) } }
extension VLANID: StrictPlaceholder { static var strictPlaceholder: VLANID { VLANID(0) } }
extension IPProtocolMatch: StrictPlaceholder { static var strictPlaceholder: IPProtocolMatch { .any } }
extension Uplink: StrictPlaceholder { static var strictPlaceholder: Uplink { .netdev("") } }
extension LocalNode: StrictPlaceholder {
    static var strictPlaceholder: LocalNode { LocalNode(name: "", vtep: .strictPlaceholder, uplink: .strictPlaceholder) }
}
