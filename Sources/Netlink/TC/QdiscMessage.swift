import EswitchModel

/// A qdisc request/answer (RTM_NEWQDISC / RTM_DELQDISC / RTM_GETQDISC): `struct tcmsg` followed by
/// TCA_* attributes in wire order.
///
/// eswitch only adds and removes the `ingress` and `clsact` qdiscs, which carry no options:
/// ``ingress(ifindex:)`` and ``clsact(ifindex:)`` build them as `tc qdisc add dev X ingress` does.
public struct QdiscMessage: NetlinkBody {
    /// The `tcmsg` header.
    public var header: TCMessageHeader
    /// Attributes in wire order; unknown ones are kept as bytes.
    public var attributes: [QdiscAttribute]

    /// Creates a message from its header and attributes (in wire order).
    public init(header: TCMessageHeader, attributes: [QdiscAttribute] = []) {
        self.header = header
        self.attributes = attributes
    }

    /// Decodes `tcmsg` and the attributes.
    public init(decoding body: ArraySlice<UInt8>) throws(NetlinkDecodingError) {
        header = try TCMessageHeader(decoding: body)
        attributes = try Self.decodeAttributes(body.dropFirst(TCMessageHeader.length), QdiscAttribute.init(decoding:))
    }

    /// Appends `tcmsg` and the attributes in order.
    public func encode(into writer: inout NetlinkWriter) {
        header.encode(into: &writer)
        for attribute in attributes { attribute.encode(into: &writer) }
    }
}

extension QdiscMessage {
    /// The ingress qdisc on a device (handle ffff:, parent ffff:fff1), for add and delete.
    public static func ingress(ifindex: IfIndex) -> QdiscMessage {
        QdiscMessage(header: TCMessageHeader(ifindex: ifindex, handle: .ingressQdisc, parent: .ingressQdiscParent), attributes: [.kind("ingress")])
    }

    /// The clsact qdisc on a device (handle ffff:, parent ffff:fff1), for add and delete.
    public static func clsact(ifindex: IfIndex) -> QdiscMessage {
        QdiscMessage(header: TCMessageHeader(ifindex: ifindex, handle: .ingressQdisc, parent: .ingressQdiscParent), attributes: [.kind("clsact")])
    }

    /// A dump request for every qdisc (or those of one device when `ifindex` is not 0).
    public static func dump(ifindex: IfIndex = IfIndex(0)) -> QdiscMessage {
        QdiscMessage(header: TCMessageHeader(ifindex: ifindex, parent: .unspecified))
    }

    /// TCA_KIND, if present.
    public var kind: String? {
        for case .kind(let k) in attributes { return k }
        return nil
    }
}
