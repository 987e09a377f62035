/// An element of a parsed XML document: what the domain XML reader needs (names, attributes,
/// children, text), nothing more.
public struct XMLElementNode: Hashable, Sendable {
    /// The local name (without prefix).
    public var name: String
    /// The namespace URI the element's prefix is bound to ("" for none).
    public var namespaceURI: String
    public var attributes: [String: String]
    public var children: [XMLElementNode]
    /// The element's own character data, trimmed.
    public var text: String
    /// The line where the element starts (for messages).
    public var line: Int

    public init(name: String, namespaceURI: String = "", attributes: [String: String] = [:], children: [XMLElementNode] = [],
                text: String = "", line: Int = 0) {
        self.name = name
        self.namespaceURI = namespaceURI
        self.attributes = attributes
        self.children = children
        self.text = text
        self.line = line
    }

    /// The first child with this local name and no namespace.
    public func child(_ name: String) -> XMLElementNode? {
        children.first { $0.name == name && $0.namespaceURI.isEmpty }
    }

    /// All children with this local name and no namespace.
    public func children(_ name: String) -> [XMLElementNode] {
        children.filter { $0.name == name && $0.namespaceURI.isEmpty }
    }
}
