import TextoCore
import CLibXML2

/// Turns a worksheet part's SAX events into rows (ECMA-376 Part 1 §18.3).
///
/// Values are gathered straight into one row arena as libxml2 hands out
/// their text; a shared string is not copied but pointed to. At `</row>`
/// the cells are laid out densely by column (so cells out of order need no
/// sorting) and the row goes to the consumer. Nothing is allocated per cell.
final class SheetParser: SAXContext {
    private enum CellType: UInt8 {
        case number, sharedString, inlineString, formulaString, boolean, error, isoDate
    }

    private struct Slot {
        var column: Int
        /// Offset in the row arena, or -1 when `pointer` is set.
        var offset: Int
        var length: Int
        var pointer: UnsafePointer<UInt8>?
    }

    private let sharedStrings: SharedStrings
    private let styles: StyleTable
    private let uses1904: Bool
    private let location: DataLocation
    private var body: ((Row) throws -> Void)?
    private var namespace = SpreadsheetNamespace()

    private var inSheetData = false
    private var inCell = false
    private var inInlineString = false
    private var phoneticDepth = 0
    private var collecting = false
    private var rowNumber = 0
    private var rowNumbered = false
    private var nextColumn = 0
    private var cellColumn = 0
    private var cellType = CellType.number
    private var cellStyle = 0
    private var valueStart = -1

    private var arena = ByteArena(capacity: 1 << 16)
    private var slots: UnsafeMutablePointer<Slot>
    private var slotCount = 0
    private var slotCapacity = 64
    private var dense: UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>
    private var denseCapacity = 64

    /// Rows delivered.
    private(set) var rowsRead = 0

    /// Excel's grid: 1,048,576 rows by 16,384 columns (XFD).
    static let maximumRow = 1_048_576
    static let maximumColumns = 16_384

    init(sharedStrings: SharedStrings, styles: StyleTable, uses1904: Bool, location: DataLocation) {
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.uses1904 = uses1904
        self.location = location
        slots = .allocate(capacity: slotCapacity)
        dense = .allocate(capacity: denseCapacity)
    }

    deinit {
        slots.deallocate()
        dense.deallocate()
    }

    /// Parses the sheet from `reader`, calling `body` with every row.
    func parse(_ reader: ByteReader, body: (Row) throws -> Void) throws {
        var handler = SAXContext.baseHandler()
        handler.startElementNs = { context, name, _, uri, _, _, attributeCount, _, attributes in
            Unmanaged<SheetParser>.fromOpaque(context!)._withUnsafeGuaranteedRef {
                $0.start(name!, uri, Int(attributeCount), attributes)
            }
        }
        handler.endElementNs = { context, name, _, uri in
            Unmanaged<SheetParser>.fromOpaque(context!)._withUnsafeGuaranteedRef { $0.end(name!, uri) }
        }
        handler.characters = { context, text, length in
            Unmanaged<SheetParser>.fromOpaque(context!)._withUnsafeGuaranteedRef { parser in
                if parser.collecting { parser.arena.append(text!, Int(length)) }
            }
        }
        try withoutActuallyEscaping(body) { escapable in
            self.body = escapable
            defer { self.body = nil }
            try SAXSession.parse(reader, handler: handler, context: self, location: location)
        }
    }

    // MARK: - Events

    @inline(__always)
    private func start(_ name: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?, _ attributeCount: Int,
                       _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard namespace.matches(uri) else { return }
        switch name[0] {
        case UInt8(ascii: "c") where name[1] == 0:
            if inSheetData { startCell(attributeCount, attributes) }
        case UInt8(ascii: "v") where name[1] == 0:
            if inCell, cellType != .inlineString {
                collecting = true
                if valueStart < 0 { valueStart = arena.count }
            }
        case UInt8(ascii: "r"):
            if SAXName.is(name, UInt8(ascii: "r"), UInt8(ascii: "o"), UInt8(ascii: "w")) {
                if inSheetData { startRow(attributeCount, attributes) }
            } else if SAXName.is(name, UInt8(ascii: "r"), UInt8(ascii: "P"), UInt8(ascii: "h")) {
                phoneticDepth += 1
            }
        case UInt8(ascii: "t") where name[1] == 0:
            if inInlineString, phoneticDepth == 0 {
                collecting = true
                if valueStart < 0 { valueStart = arena.count }
            }
        case UInt8(ascii: "i"):
            if SAXName.is(name, UInt8(ascii: "i"), UInt8(ascii: "s")), inCell {
                // An inline string wins over any <v> seen before it.
                if valueStart >= 0 { arena.count = valueStart }
                valueStart = -1
                cellType = .inlineString
                inInlineString = true
            }
        case UInt8(ascii: "s"):
            if SAXName.is(name, "sheetData") { inSheetData = true }
        default:
            break
        }
    }

    @inline(__always)
    private func end(_ name: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?) {
        guard namespace.matches(uri) else { return }
        switch name[0] {
        case UInt8(ascii: "c") where name[1] == 0:
            if inCell { endCell() }
        case UInt8(ascii: "v") where name[1] == 0, UInt8(ascii: "t") where name[1] == 0:
            collecting = false
        case UInt8(ascii: "r"):
            if SAXName.is(name, UInt8(ascii: "r"), UInt8(ascii: "o"), UInt8(ascii: "w")) {
                if inSheetData { endRow() }
            } else if SAXName.is(name, UInt8(ascii: "r"), UInt8(ascii: "P"), UInt8(ascii: "h")) {
                phoneticDepth -= 1
            }
        case UInt8(ascii: "i"):
            if SAXName.is(name, UInt8(ascii: "i"), UInt8(ascii: "s")) { inInlineString = false }
        case UInt8(ascii: "s"):
            if SAXName.is(name, "sheetData") { inSheetData = false }
        default:
            break
        }
    }

    // MARK: - Rows

    private func startRow(_ attributeCount: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        slotCount = 0
        arena.count = 0
        nextColumn = 0
        rowNumbered = false
        var number = rowNumber + 1
        if let attributes {
            for index in 0..<attributeCount {
                let base = attributes + index * 5
                guard base[2] == nil, SAXName.is(base[0]!, UInt8(ascii: "r")) else { continue }
                let value = base[3]!
                let length = base[4]! - value
                var parsed = 0
                var valid = length > 0 && length <= 8
                for offset in 0..<length {
                    let digit = value[offset] &- UInt8(ascii: "0")
                    if digit > 9 { valid = false; break }
                    parsed = parsed * 10 + Int(digit)
                }
                guard valid, parsed >= 1, parsed <= Self.maximumRow else {
                    outsideGrid(String(decoding: UnsafeBufferPointer(start: value, count: length), as: UTF8.self), isRow: true)
                    return
                }
                number = parsed
                rowNumbered = true
            }
        }
        if number > Self.maximumRow {
            outsideGrid(String(number), isRow: true)
            return
        }
        rowNumber = number
    }

    private func endRow() {
        var width = 0
        for index in 0..<slotCount where slots[index].column >= width {
            width = slots[index].column + 1
        }
        if width > denseCapacity {
            dense.deallocate()
            denseCapacity = max(width, denseCapacity * 2)
            dense = .allocate(capacity: denseCapacity)
        }
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        for column in 0..<width { dense[column] = empty }
        for index in 0..<slotCount {
            let slot = slots[index]
            dense[slot.column] = UnsafeBufferPointer(start: slot.pointer ?? UnsafePointer(arena.base + slot.offset), count: slot.length)
        }
        rowsRead += 1
        do {
            try body!(Row(number: rowNumber, cells: dense, count: width))
        } catch {
            stop(with: error)
        }
        slotCount = 0
        arena.count = 0
    }

    // MARK: - Cells

    private func startCell(_ attributeCount: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        inCell = true
        valueStart = -1
        cellType = .number
        cellStyle = 0
        var column = nextColumn
        if let attributes {
            for index in 0..<attributeCount {
                let base = attributes + index * 5
                guard base[2] == nil else { continue }
                let name = base[0]!
                let value = base[3]!
                let length = base[4]! - value
                guard name[1] == 0 else { continue }
                switch name[0] {
                case UInt8(ascii: "r"):
                    column = parseReference(value, length)
                case UInt8(ascii: "t"):
                    cellType = Self.type(value, length)
                case UInt8(ascii: "s"):
                    var style = 0
                    for offset in 0..<min(length, 9) {
                        let digit = value[offset] &- UInt8(ascii: "0")
                        if digit > 9 { break }
                        style = style * 10 + Int(digit)
                    }
                    cellStyle = style
                default:
                    break
                }
            }
        }
        if column >= Self.maximumColumns {
            outsideGrid(ColumnKey.letters(column) + String(rowNumber), isRow: false)
            return
        }
        cellColumn = column
        nextColumn = column + 1
    }

    /// The column of a reference such as `AB12`; a row without `r` takes the
    /// row of its first referenced cell.
    @inline(__always)
    private func parseReference(_ value: UnsafePointer<UInt8>, _ length: Int) -> Int {
        var column = 0
        var index = 0
        while index < length, index < 4 {
            let letter = value[index] | 0x20
            guard letter >= UInt8(ascii: "a"), letter <= UInt8(ascii: "z") else { break }
            column = column * 26 + Int(letter - UInt8(ascii: "a") + 1)
            index += 1
        }
        var row = 0
        var digits = 0
        while index < length {
            let digit = value[index] &- UInt8(ascii: "0")
            guard digit <= 9, digits < 8 else { row = Int.max; break }
            row = row * 10 + Int(digit)
            digits += 1
            index += 1
        }
        if column == 0 {
            // No letters: not a reference we can place; keep the next position.
            return nextColumn
        }
        if row > Self.maximumRow || index < length {
            outsideGrid(String(decoding: UnsafeBufferPointer(start: value, count: length), as: UTF8.self), isRow: false)
            return nextColumn
        }
        if !rowNumbered, row > 0 {
            rowNumber = row
            rowNumbered = true
        }
        return column - 1
    }

    @inline(__always)
    private static func type(_ value: UnsafePointer<UInt8>, _ length: Int) -> CellType {
        guard length > 0 else { return .number }
        switch value[0] {
        case UInt8(ascii: "s"): return length == 1 ? .sharedString : .formulaString
        case UInt8(ascii: "i"): return .inlineString
        case UInt8(ascii: "b"): return .boolean
        case UInt8(ascii: "e"): return .error
        case UInt8(ascii: "d"): return .isoDate
        default: return .number
        }
    }

    private func endCell() {
        inCell = false
        collecting = false
        inInlineString = false
        guard valueStart >= 0, !isStopped else { return }
        let start = valueStart
        valueStart = -1
        if arena.count == start { return }
        switch cellType {
        case .sharedString:
            var index = 0
            var valid = arena.count - start <= 10
            for offset in start..<arena.count {
                let digit = arena.base[offset] &- UInt8(ascii: "0")
                if digit > 9 { valid = false; break }
                index = index * 10 + Int(digit)
            }
            arena.count = start
            guard valid, let text = sharedStrings.string(index) else {
                sharedStringMissing(index, valid: valid)
                return
            }
            if text.isEmpty { return }
            if text.count > OOXMLText.maximumCellLength, !checkLength(text.baseAddress!, text.count) { return }
            addSlot(Slot(column: cellColumn, offset: -1, length: text.count, pointer: text.baseAddress))
            return
        case .number:
            renderNumber(from: start)
        case .inlineString, .formulaString:
            let length = arena.count - start
            if OOXMLText.mayHoldEscape(arena.base + start, length) {
                arena.count = start + OOXMLText.unescape(arena.base + start, length)
            }
        case .boolean:
            // `1`/`0` as the standard writes them; `true`/`false` from some tools.
            let length = arena.count - start
            let first = arena.base[start] | 0x20
            let isTrue = length == 1 && first == UInt8(ascii: "1") || length == 4 && first == UInt8(ascii: "t")
            let isFalse = length == 1 && first == UInt8(ascii: "0") || length == 5 && first == UInt8(ascii: "f")
            if isTrue || isFalse {
                arena.count = start
                arena.append(Array((isTrue ? "TRUE" : "FALSE").utf8))
            }
        case .error:
            break
        case .isoDate:
            ExcelValues.normalizeISODate(&arena, from: start)
        }
        let length = arena.count - start
        if length == 0 { return }
        if length > OOXMLText.maximumCellLength, !checkLength(arena.base + start, length) { return }
        addSlot(Slot(column: cellColumn, offset: start, length: length, pointer: nil))
    }

    @inline(__always)
    private func renderNumber(from start: Int) {
        styles.rendering(cellStyle).render(&arena, from: start, uses1904: uses1904)
    }

    @inline(__always)
    private func addSlot(_ slot: Slot) {
        if slotCount == slotCapacity {
            let grown = UnsafeMutablePointer<Slot>.allocate(capacity: slotCapacity * 2)
            grown.moveInitialize(from: slots, count: slotCount)
            slots.deallocate()
            slots = grown
            slotCapacity *= 2
        }
        (slots + slotCount).initialize(to: slot)
        slotCount += 1
    }

    // MARK: - Errors

    private var isStopped: Bool { failure != nil }

    private func here(column: Int? = nil) -> DataLocation {
        var place = location
        place.row = rowNumber
        place.column = column.map(ColumnKey.letters)
        return place
    }

    private func checkLength(_ text: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        let characters = OOXMLText.utf16Length(text, length)
        guard characters > OOXMLText.maximumCellLength else { return true }
        stop(with: TableError(.cellTooLong, at: here(column: cellColumn),
                              "the cell holds \(characters) characters; Excel allows at most 32,767",
                              hint: "Shorten the cell in the spreadsheet (it cannot be a contact's data), then export again."))
        return false
    }

    private func outsideGrid(_ reference: String, isRow: Bool) {
        stop(with: TableError(.coordinateOutOfRange, at: here(),
                              isRow ? "row number \(reference) is outside Excel's grid (rows 1 to 1,048,576)"
                                    : "cell \(reference) is outside Excel's grid (A1 to XFD1048576)",
                              hint: "The file was not written by a spreadsheet program; open it in Excel or LibreOffice and save it again as .xlsx."))
    }

    private func sharedStringMissing(_ index: Int, valid: Bool) {
        stop(with: TableError(.sharedStringOutOfRange, at: here(column: cellColumn),
                              valid ? "the cell refers to shared string \(index), but the workbook has only \(sharedStrings.count)"
                                    : "the cell's shared-string reference is not a number",
                              hint: "The workbook is damaged; open it in Excel or LibreOffice (which repair it) and save it again as .xlsx."))
    }
}
