import TextoCore
import CLibXML2

/// The start elements of a small XML part (relationships, workbook, styles),
/// with their attributes, parents and depth: enough to read the few facts
/// those parts hold without a tree.
struct XMLElementList {
    struct Element {
        /// Namespace URI ("" when none).
        var namespace: String
        var name: String
        var depth: Int
        /// The parent's local name ("" at the root).
        var parent: String
        /// Attributes without a namespace, by local name.
        var attributes: [String: String]
        /// Attributes with a namespace, as (URI, local name, value).
        var qualifiedAttributes: [(namespace: String, name: String, value: String)]

        /// The value of the namespaced attribute `name` whose namespace URI
        /// ends with `suffix` (transitional and strict URIs differ).
        func attribute(_ name: String, namespaceSuffix suffix: String) -> String? {
            qualifiedAttributes.first { $0.name == name && $0.namespace.hasSuffix(suffix) }?.value
        }
    }

    private(set) var elements: [Element] = []

    /// Parses `bytes` (a whole small part) at `location`.
    init(parsing bytes: [UInt8], location: DataLocation) throws {
        let context = Collector()
        var handler = SAXContext.baseHandler()
        handler.startElementNs = { context, localName, _, uri, _, _, attributeCount, _, attributes in
            let owner = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
            var element = Element(
                namespace: uri.map { String(cString: $0) } ?? "", name: String(cString: localName!),
                depth: owner.stack.count, parent: owner.stack.last ?? "", attributes: [:], qualifiedAttributes: [])
            if let attributes {
                for index in 0..<Int(attributeCount) {
                    let base = attributes + index * 5
                    let name = String(cString: base[0]!)
                    let start = base[3]!, end = base[4]!
                    let value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
                    if let namespace = base[2] {
                        element.qualifiedAttributes.append((String(cString: namespace), name, value))
                    } else {
                        element.attributes[name] = value
                    }
                }
            }
            owner.stack.append(element.name)
            owner.elements.append(element)
        }
        handler.endElementNs = { context, _, _, _ in
            let owner = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
            owner.stack.removeLast()
        }
        let source = MemoryReader(bytes)
        try SAXSession.parse(source, handler: handler, context: context, location: location)
        elements = context.elements
    }

    private final class Collector: SAXContext {
        var elements: [Element] = []
        var stack: [String] = []
    }
}

/// Bytes already in memory, read in order.
final class MemoryReader: ByteReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        if count > 0 {
            bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
            offset += count
        }
        return count
    }
}
