import TextoCore
import CLibXML2

/// What every SAX parse of a package part shares: the libxml2 context, the
/// first error a callback raised, and whether a DTD was seen.
///
/// Callbacks cannot throw through C: they record the error here and stop
/// the parser; `SAXSession` rethrows it when `xmlParseChunk` returns.
class SAXContext {
    var parser: xmlParserCtxtPtr?
    private(set) var failure: Error?
    var sawDocumentType = false

    /// Records `error` (the first one wins) and stops the parser.
    final func stop(with error: Error) {
        if failure == nil { failure = error }
        if let parser { xmlStopParser(parser) }
    }

    /// The handler with the callbacks every parse needs; subclasses add
    /// element and character callbacks.
    static func baseHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        // A DTD can declare entities that expand without bound ("billion
        // laughs") or read local files: refuse the part as soon as one opens.
        handler.internalSubset = { context, _, _, _ in
            let owner = Unmanaged<SAXContext>.fromOpaque(context!).takeUnretainedValue()
            owner.sawDocumentType = true
            if let parser = owner.parser { xmlStopParser(parser) }
        }
        handler.externalSubset = { context, _, _, _ in
            let owner = Unmanaged<SAXContext>.fromOpaque(context!).takeUnretainedValue()
            owner.sawDocumentType = true
            if let parser = owner.parser { xmlStopParser(parser) }
        }
        // Errors are read from the context after the parse; never printed.
        handler.serror = { _, _ in }
        return handler
    }
}

/// Feeds one package part to libxml2's push parser (`xmlCreatePushParserCtxt`
/// + `xmlParseChunk`), so that a part is never held whole in memory.
enum SAXSession {
    /// Parses the bytes `reader` yields with `handler`, calling back into
    /// `context`. Throws `TableError` for XML that is not well-formed, cut
    /// short or carries a DTD, and rethrows what a callback recorded.
    static func parse(_ reader: ByteReader, handler: xmlSAXHandler, context: SAXContext, location: DataLocation) throws {
        var handler = handler
        let unmanaged = Unmanaged.passUnretained(context)
        guard let parser = xmlCreatePushParserCtxt(&handler, unmanaged.toOpaque(), nil, 0, nil) else {
            throw TableError(.malformedXML, at: location, "the XML parser could not start", hint: "Try again; if it persists, report it.")
        }
        context.parser = parser
        defer {
            context.parser = nil
            xmlFreeParserCtxt(parser)
        }
        // No network, CDATA as text; never NOENT, DTDLOAD or HUGE (DESIGN.md §6).
        xmlCtxtUseOptions(parser, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue))

        var status: Int32 = 0
        let feed = { (chunk: UnsafeRawBufferPointer) in
            status = xmlParseChunk(parser, chunk.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(chunk.count), 0)
        }
        if let pipeline = reader as? PipelinedReader {
            while try pipeline.withNextChunk(feed) {
                try check(status, context: context, parser: parser, location: location)
            }
        } else {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 16)
            defer { buffer.deallocate() }
            while true {
                let count = try reader.read(into: buffer)
                if count == 0 { break }
                feed(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                try check(status, context: context, parser: parser, location: location)
            }
        }
        status = xmlParseChunk(parser, nil, 0, 1)
        try check(status, context: context, parser: parser, location: location)
        if parser.pointee.wellFormed == 0 {
            throw malformed(parser: parser, location: location)
        }
    }

    private static func check(_ status: Int32, context: SAXContext, parser: xmlParserCtxtPtr, location: DataLocation) throws {
        if context.sawDocumentType {
            throw TableError(.dtdForbidden, at: location, "the XML declares a document type (DTD), which spreadsheet programs never write",
                             hint: "Do not open this file: a DTD can hide entity expansions. Ask for a new export from the software that made it.")
        }
        if let failure = context.failure { throw failure }
        if status != 0 || parser.pointee.wellFormed == 0 || parser.pointee.disableSAX != 0 {
            throw malformed(parser: parser, location: location)
        }
    }

    private static func malformed(parser: xmlParserCtxtPtr, location: DataLocation) -> TableError {
        var message = "unknown error"
        var line = 0
        var code: Int32 = 0
        if let error = xmlCtxtGetLastError(parser) {
            if let text = error.pointee.message {
                message = String(cString: text).trimmingCharacters(in: " \n")
            }
            line = Int(error.pointee.line)
            code = error.pointee.code
        }
        // Elements still open where the data ends: the part was cut short.
        let truncated = parser.pointee.nameNr > 0 || code == Int32(XML_ERR_TAG_NOT_FINISHED.rawValue)
            || code == Int32(XML_ERR_DOCUMENT_EMPTY.rawValue)
        var place = location
        place.line = line > 0 ? line : nil
        return TableError(
            .malformedXML, at: place,
            truncated ? "the XML stops in the middle (the file was probably cut short)" : "the XML is not well-formed",
            hint: "Open the file in Excel or LibreOffice and save it again as .xlsx, or ask for a new export.",
            cause: truncated ? nil : "libxml2: \(message)")
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, set.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}
