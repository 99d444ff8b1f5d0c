import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses an SVG string and answers questions about its elements by class, so the tests check
/// what a viewer would see rather than the text layout.
struct SVGInspection {
    let document: XMLDocument

    init(_ svg: String) throws {
        document = try XMLDocument(xmlString: svg, options: [])
    }

    var root: XMLElement? { document.rootElement() }

    /// Every element whose `class` attribute contains `cls` as a word, in document order.
    func elements(class cls: String) -> [XMLElement] {
        var found: [XMLElement] = []
        func walk(_ node: XMLNode) {
            if let element = node as? XMLElement,
               let value = element.attr("class"),
               value.split(separator: " ").contains(Substring(cls)) {
                found.append(element)
            }
            for child in node.children ?? [] { walk(child) }
        }
        if let root { walk(root) }
        return found
    }

    /// The texts of every element of class `cls`.
    func texts(class cls: String) -> [String] {
        elements(class: cls).map { element in
            (element.children ?? []).filter { $0.kind == .text }.compactMap(\.stringValue).joined()
        }
    }
}

extension XMLElement {
    /// An attribute's value. `attribute(forName:)` answers nil on Linux once the root declares a
    /// default namespace (as every SVG does), so look through the attribute list instead.
    func attr(_ name: String) -> String? {
        attributes?.first { $0.name == name }?.stringValue
    }

    /// A numeric attribute, or NaN when absent, so a missing attribute fails comparisons loudly.
    func number(_ name: String) -> Double {
        Double(attr(name) ?? "") ?? .nan
    }
}
