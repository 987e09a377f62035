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
        // Foundation on Linux can report success with an error set (e.g. content after the root).
        guard parsed, parser.parserError == nil, let root = builder.root else {
            let reason = parser.parserError.map { describe($0) } ?? "not well-formed"
            throw .domainXML("malformed XML at line \(parser.lineNumber), column \(parser.columnNumber): \(reason)")
        }
        return root
    }

    /// Foundation on Linux passes libxml2's error number through; name the usual ones
    /// (numbers from libxml2's include/libxml/xmlerror.h, `xmlParserErrors`).
    static func describe(_ error: any Error) -> String {
        let code = (error as NSError).code
        switch code {
        case 4: return "empty document"
        case 5: return "tags do not match or content follows the document element"
        case 9: return "invalid character"
        case 26, 27: return "reference to an undeclared entity"
        case 38...42: return "malformed attribute"
        case 68: return "name required"
        case 73, 74: return "unfinished tag"
        case 76: return "closing tag does not match the open element"
        case 77: return "element not closed"
        case 85, 86: return "elements not well balanced"
        default: return "not well-formed (libxml2 error \(code))"
        }
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
            refuse(parser, "reference to undeclared entity '\(name)' (only the XML predefined entities and character references are accepted)")
            return nil
        }
    }
}
