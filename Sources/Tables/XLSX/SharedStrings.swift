import TextoCore
import CLibXML2

/// The workbook's shared-string table (`sharedStrings.xml`, ECMA-376 Part 1
/// §18.4): every string in one byte arena, addressed by an offset table.
///
/// This is the only structure of the reader that grows with the file. Rich
/// text runs are concatenated; phonetic runs (`rPh`) are skipped; `_xHHHH_`
/// escapes are decoded once, here.
final class SharedStrings {
    private var arena: ByteArena
    /// End offset of each string: 32 bits, since the table is capped at 4 GiB.
    private var ends: [UInt32]

    /// An empty table, for workbooks without shared strings.
    init() {
        arena = ByteArena(capacity: 64)
        ends = []
    }

    fileprivate init(arena: consuming ByteArena, ends: [UInt32]) {
        self.arena = arena
        self.ends = ends
    }

    var count: Int { ends.count }

    /// The bytes of string `index`; nil when out of range.
    @inline(__always)
    func string(_ index: Int) -> UnsafeBufferPointer<UInt8>? {
        guard index >= 0, index < ends.count else { return nil }
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return UnsafeBufferPointer(start: arena.base + start, count: Int(ends[index]) - start)
    }

    /// Bytes held, for the summary.
    var byteCount: Int { arena.count + ends.count * MemoryLayout<UInt32>.stride }

    /// The largest table read: offsets are 32-bit. Excel's own files stay
    /// far below (its grid holds 17 billion cells, but no real workbook's
    /// distinct strings reach gigabytes).
    static let maximumBytes = Int(UInt32.max)

    /// Reads the part from `reader`.
    static func load(from reader: ByteReader, location: DataLocation) throws -> SharedStrings {
        let parser = Parser(location: location)
        var handler = SAXContext.baseHandler()
        handler.startElementNs = { context, name, _, uri, _, _, attributeCount, _, attributes in
            Unmanaged<Parser>.fromOpaque(context!)._withUnsafeGuaranteedRef {
                $0.start(name!, uri, attributeCount, attributes)
            }
        }
        handler.endElementNs = { context, name, _, uri in
            Unmanaged<Parser>.fromOpaque(context!)._withUnsafeGuaranteedRef { $0.end(name!, uri) }
        }
        handler.characters = { context, text, length in
            Unmanaged<Parser>.fromOpaque(context!)._withUnsafeGuaranteedRef { parser in
                if parser.collecting { parser.arena.append(text!, Int(length)) }
            }
        }
        try SAXSession.parse(reader, handler: handler, context: parser, location: location)
        return SharedStrings(arena: parser.takeArena(), ends: parser.ends)
    }

    private final class Parser: SAXContext {
        let location: DataLocation
        var arena = ByteArena(capacity: 1 << 20)
        var ends: [UInt32] = []
        var namespace = SpreadsheetNamespace()
        var collecting = false
        var inItem = false
        var phoneticDepth = 0
        var itemStart = 0

        init(location: DataLocation) {
            self.location = location
        }

        @inline(__always)
        func start(_ name: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?, _ attributeCount: Int32,
                   _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
            guard namespace.matches(uri) else { return }
            if SAXName.is(name, UInt8(ascii: "t")) {
                collecting = inItem && phoneticDepth == 0
            } else if SAXName.is(name, UInt8(ascii: "s"), UInt8(ascii: "i")) {
                inItem = true
                itemStart = arena.count
            } else if SAXName.is(name, UInt8(ascii: "r"), UInt8(ascii: "P"), UInt8(ascii: "h")) {
                phoneticDepth += 1
            } else if SAXName.is(name, "sst"), let attributes {
                // Reserve the offset table from uniqueCount when it is plausible.
                for index in 0..<Int(attributeCount) {
                    let base = attributes + index * 5
                    if SAXName.is(base[0]!, "uniqueCount") {
                        let value = Int(String(decoding: UnsafeBufferPointer(start: base[3]!, count: base[4]! - base[3]!), as: UTF8.self)) ?? 0
                        ends.reserveCapacity(min(max(value, 0), 1 << 24))
                    }
                }
            }
        }

        @inline(__always)
        func end(_ name: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?) {
            guard namespace.matches(uri) else { return }
            if SAXName.is(name, UInt8(ascii: "t")) {
                collecting = false
            } else if SAXName.is(name, UInt8(ascii: "s"), UInt8(ascii: "i")) {
                let length = arena.count - itemStart
                if OOXMLText.mayHoldEscape(arena.base + itemStart, length) {
                    arena.count = itemStart + OOXMLText.unescape(arena.base + itemStart, length)
                }
                guard arena.count <= SharedStrings.maximumBytes else {
                    stop(with: TableError(.zipBomb, at: location, "the shared strings exceed 4 GiB",
                                          hint: "This is not a workbook a spreadsheet program wrote; do not open it."))
                    return
                }
                ends.append(UInt32(arena.count))
                inItem = false
                collecting = false
            } else if SAXName.is(name, UInt8(ascii: "r"), UInt8(ascii: "P"), UInt8(ascii: "h")) {
                phoneticDepth -= 1
            }
        }

        func takeArena() -> ByteArena {
            var taken = ByteArena(capacity: 64)
            swap(&taken, &arena)
            return taken
        }
    }
}
