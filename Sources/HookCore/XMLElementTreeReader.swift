import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses checked XML text (see `DomainXMLGuard`) into an `XMLElementNode` tree with namespaces
/// resolved, refusing any DTD construct the parser still reports and bounding depth and size.
public enum XMLElementTreeReader {
    /// Deeper nesting than any domain XML has; the bound keeps a hostile document from growing the stack.
    public static let maximumDepth = 64
    /// More elements than any domain XML has.
    public static let maximumElements = 100_000

    /// Parses `data` into its root element.
    /// - Throws: `HookError.domainXML` with the parser's reason and line.
    public static func parse(_ data: [UInt8]) throws(HookError) -> XMLElementNode {
        let parser = XMLParser(data: Data(data))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let builder = TreeBuilder()
        parser.delegate = builder
        let parsed = parser.parse()
        if let refusal = builder.refusal { throw .domainXML(refusal) }
        guard parsed, let root = builder.root else {
            let reason = parser.parserError.map { describe($0) } ?? "not well-formed"
            throw .domainXML("malformed XML at line \(parser.lineNumber), column \(parser.columnNumber): \(reason)")
        }
        return root
    }

    private static func describe(_ error: any Error) -> String {
        let text = (error as NSError).localizedDescription
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Builds the tree from SAX events; stops the parser at the first DTD construct or limit.
    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [XMLElementNode] = []
        var texts: [String] = []
        var root: XMLElementNode?
        var refusal: String?
        var elements = 0

        func refuse(_ parser: XMLParser, _ reason: String) {
            if refusal == nil { refusal = reason }
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements += 1
            guard stack.count < XMLElementTreeReader.maximumDepth else {
                return refuse(parser, "elements nested deeper than \(XMLElementTreeReader.maximumDepth) levels at line \(parser.lineNumber)")
            }
            guard elements <= XMLElementTreeReader.maximumElements else {
                return refuse(parser, "more than \(XMLElementTreeReader.maximumElements) elements")
            }
            stack.append(XMLElementNode(name: elementName, namespaceURI: namespaceURI ?? "", attributes: attributes,
                                        line: parser.lineNumber))
            texts.append("")
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard var element = stack.popLast() else { return }
            element.text = (texts.popLast() ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if stack.isEmpty {
                root = element
            } else {
                stack[stack.count - 1].children.append(element)
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !texts.isEmpty { texts[texts.count - 1] += string }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            if !texts.isEmpty { texts[texts.count - 1] += String(decoding: CDATABlock, as: UTF8.self) }
        }

        // Any DTD construct is refused (DomainXMLGuard already refuses the DOCTYPE that carries them).
        func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
            refuse(parser, "entity declaration '\(name)' (DOCTYPE and ENTITY declarations are not accepted)")
        }

        func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
            refuse(parser, "external entity '\(name)' (DOCTYPE and ENTITY declarations are not accepted)")
        }

        func parser(_ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String, publicID: String?, systemID: String?,
                    notationName: String?) {
            refuse(parser, "unparsed entity '\(name)' (DOCTYPE and ENTITY declarations are not accepted)")
        }

        func parser(_ parser: XMLParser, foundElementDeclarationWithName elementName: String, model: String) {
            refuse(parser, "element declaration '\(elementName)' (DOCTYPE declarations are not accepted)")
        }

        func parser(_ parser: XMLParser, foundAttributeDeclarationWithName attributeName: String, forElement elementName: String,
                    type: String?, defaultValue: String?) {
            refuse(parser, "attribute declaration '\(attributeName)' (DOCTYPE declarations are not accepted)")
        }

        func parser(_ parser: XMLParser, foundNotationDeclarationWithName name: String, publicID: String?, systemID: String?) {
            refuse(parser, "notation declaration '\(name)' (DOCTYPE declarations are not accepted)")
        }

        func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
            refuse(parser, "external entity '\(name)' (external entities are not resolved)")
            return nil
        }
    }
}
