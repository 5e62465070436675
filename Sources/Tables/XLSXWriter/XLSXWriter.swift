import TextoCore

/// Writes an XLSX workbook row by row, streaming: each sheet's XML is
/// compressed into the zip as its rows come, so memory holds a few blocks
/// and the bounded shared-string table, whatever the number of rows.
///
/// Sheets are written one after the other (a zip is written one entry at a
/// time); the shared strings, styles and workbook parts follow at
/// `commit()`. The file appears complete at `commit()` or not at all
/// (`AtomicOutputFile`).
///
/// Rows are formatted on the caller's thread and compressed on another
/// (`ZipPipe`); the file is written by a third (`AtomicOutputFile`).
///
/// After an error the workbook cannot be completed: `discard()` it (or let
/// it go), and nothing appears at the path.
public final class XLSXWriter {
    /// What the benchmark and the tests turn; the public initializer takes
    /// the defaults.
    package struct Tuning {
        /// zlib's level: 1 is the fastest (measured in Benchmarks/README.md).
        package var compressionLevel: Int32 = 1
        /// Compress on a thread of its own while the caller formats rows.
        package var compressesInBackground = true
        /// See `ZipWriter.zip64Threshold`.
        package var zip64Threshold: UInt64 = 0xFFFF_FFFF

        package init() {}
    }

    /// The sheet being written.
    private struct OpenSheet {
        /// The name the caller gave; continuation sheets add ` (2)`...
        var baseName: String
        var name: String
        var header: [String]
        var widths: [Double]?
        /// Its place among the tabs (an index of `sheets`).
        var tab: Int
        /// Rows written, the header included.
        var rows = 0
        /// Columns up to the last value of any row, the header's included.
        var width = 0
        /// The number the next continuation sheet tries.
        var nextNumber = 2
    }

    /// Rows per sheet, the header included: Excel's 1,048,576. Tests lower it.
    package var rowsPerSheet = 1_048_576
    /// Distinct `.text` values shared at most, 100,000 by default; later
    /// new ones are written inline (see `SharedStringTable`).
    package var sharedStringLimit: Int {
        get { strings.limit }
        set { strings.limit = newValue }
    }
    /// Bytes of distinct `.text` values shared at most, 16 MiB by default.
    package var sharedStringByteBudget: Int {
        get { strings.byteBudget }
        set { strings.byteBudget = newValue }
    }

    private let path: String
    private let file: AtomicOutputFile?
    private let pipe: ZipPipe
    private var output: XMLOutput
    private let strings = SharedStringTable(limit: 100_000, byteBudget: 16 << 20)
    private let dateFormat: String
    private var sheets: [WorkbookParts.Sheet] = []
    private var current: OpenSheet?
    private var finished = false

    /// `path`: the .xlsx to write, atomically (through AtomicOutputFile: complete or absent; `discard()` or deinit without commit leaves nothing).
    /// `dateFormat`: the number format code of dateTime cells, e.g. "dd/mm/yyyy hh:mm:ss" or "yyyy-mm-dd hh:mm:ss".
    public convenience init(path: String, dateFormat: String = "yyyy-mm-dd hh:mm:ss") throws {
        try self.init(path: path, dateFormat: dateFormat, tuning: Tuning())
    }

    /// The public initializer with other settings.
    package convenience init(path: String, dateFormat: String = "yyyy-mm-dd hh:mm:ss", tuning: Tuning) throws {
        let file = try AtomicOutputFile(path: path)
        try self.init(path: path, file: file, sink: file, dateFormat: dateFormat, tuning: tuning)
    }

    /// Writes the workbook's bytes to `sink` (a `MemorySink` in tests);
    /// `commit()` then only completes them.
    package convenience init(sink: ByteSink, dateFormat: String = "yyyy-mm-dd hh:mm:ss", tuning: Tuning = Tuning()) throws {
        try self.init(path: "", file: nil, sink: sink, dateFormat: dateFormat, tuning: tuning)
    }

    private init(path: String, file: AtomicOutputFile?, sink: ByteSink, dateFormat: String, tuning: Tuning) throws {
        self.path = path
        self.file = file
        self.dateFormat = dateFormat
        let zip = try ZipWriter(sink: sink, level: tuning.compressionLevel)
        zip.zip64Threshold = tuning.zip64Threshold
        pipe = ZipPipe(zip: zip, background: tuning.compressesInBackground)
        output = XMLOutput(pipe: pipe)
    }

    deinit {
        if !finished { discard() }
    }

    /// Starts a sheet (finishing the previous one). Its first row is `header`, bold, frozen (pane below row 1), with an autofilter over the used range. `widths`: column widths in characters, optional.
    /// `tab`: where the sheet goes among the tabs (0: first), for a sheet
    /// whose rows are known only after others were written (a summary of
    /// the rows before it); nil: after the others.
    public func startSheet(named name: String, header: [String], widths: [Double]? = nil, tab: Int? = nil) throws {
        try checkWriting()
        try SheetName.check(name, existing: sheets.map(\.name), file: path)
        if header.count > SheetParser.maximumColumns { throw tooWide(header.count, sheet: name, row: 1) }
        try finishSheet()
        let tab = min(max(tab ?? sheets.count, 0), sheets.count)
        try openSheet(OpenSheet(baseName: name, name: name, header: header, widths: widths, tab: tab))
    }

    /// Appends a row to the current sheet. When a sheet reaches Excel's 1,048,576 rows (header included), the writer starts the next sheet "Name (2)", "Name (3)", ... with the same header, widths, freeze and autofilter.
    public func appendRow(_ cells: [XLSXCell]) throws {
        guard current != nil, !finished else { throw notWriting("a row was appended before any sheet was started, or after the workbook was finished") }
        if current!.rows >= rowsPerSheet { try continueSheet() }
        if cells.count > SheetParser.maximumColumns { throw tooWide(cells.count, sheet: current!.name, row: current!.rows + 1) }
        let width = try output.appendRow(cells, strings: strings)
        current!.rows += 1
        if width > current!.width { current!.width = width }
    }

    /// Writes the remaining parts and renames the file into place.
    public func commit() throws {
        try checkWriting()
        if current == nil && sheets.isEmpty {
            // Excel refuses a workbook without a sheet.
            try openSheet(OpenSheet(baseName: "Sheet1", name: "Sheet1", header: [], widths: nil, tab: 0))
        }
        try finishSheet()
        if strings.count > 0 { try writeSharedStrings() }
        try pipe.addEntry("xl/styles.xml", Array(WorkbookParts.styles(dateFormat: dateFormat).utf8))
        try pipe.addEntry("xl/workbook.xml", Array(WorkbookParts.workbook(sheets).utf8))
        try pipe.addEntry("xl/_rels/workbook.xml.rels", Array(WorkbookParts.workbookRelationships(sheetCount: sheets.count, hasSharedStrings: strings.count > 0).utf8))
        try pipe.addEntry("[Content_Types].xml", Array(WorkbookParts.contentTypes(sheetCount: sheets.count, hasSharedStrings: strings.count > 0).utf8))
        try pipe.addEntry("_rels/.rels", Array(WorkbookParts.packageRelationships.utf8))
        try pipe.finish()
        finished = true
        try file?.commit()
    }

    /// Abandons the workbook: nothing appears at the path.
    public func discard() {
        guard !finished else { return }
        finished = true
        try? pipe.wait()
        file?.discard()
    }

    // MARK: - Sheets

    private func openSheet(_ sheet: OpenSheet) throws {
        var sheet = sheet
        let part = sheets.count + 1
        try pipe.startEntry(WorkbookParts.sheetPart(part))
        sheets.insert(WorkbookParts.Sheet(name: sheet.name, part: part, filterRange: nil), at: sheet.tab)
        // No tab is marked selected: a sheet may still come before this
        // one, and two selected tabs are grouped in Excel. It opens the
        // first tab (the workbook view's default).
        try output.appendSheetStart(widths: sheet.widths, selected: false)
        try output.appendHeader(sheet.header, strings: strings)
        sheet.rows = 1
        sheet.width = sheet.header.count
        current = sheet
    }

    /// Ends the current sheet's part, its autofilter over the header and
    /// the rows.
    private func finishSheet() throws {
        guard let sheet = current else { return }
        current = nil
        let range = sheet.header.isEmpty ? nil : "A1:\(ColumnKey.letters(max(sheet.width, 1) - 1))\(sheet.rows)"
        sheets[sheet.tab].filterRange = range
        try output.appendSheetEnd(filterRange: range)
        try output.flush()
        try pipe.finishEntry()
    }

    /// Goes on with the current table on its next sheet.
    private func continueSheet() throws {
        guard let sheet = current else { return }
        try finishSheet()
        let (name, number) = SheetName.continuation(of: sheet.baseName, number: sheet.nextNumber, existing: sheets.map(\.name))
        var next = OpenSheet(baseName: sheet.baseName, name: name, header: sheet.header, widths: sheet.widths, tab: sheet.tab + 1)
        next.nextNumber = number + 1
        try openSheet(next)
    }

    private func writeSharedStrings() throws {
        try pipe.startEntry("xl/sharedStrings.xml")
        try output.append(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\#n"#)
        try output.append(#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count=""#)
        try output.reserve(64)
        output.unchecked(integer: strings.references)
        output.unchecked(#"" uniqueCount=""#)
        output.unchecked(integer: strings.count)
        output.unchecked(#"">"#)
        for index in 0..<strings.count {
            let text = strings.text(index)
            try output.reserve(48 + OOXMLText.worstEscapedLength(text.count))
            output.unchecked(OOXMLText.needsPreserve(text) ? #"<si><t xml:space="preserve">"# : "<si><t>")
            output.count += OOXMLText.escape(text, to: output.base + output.count)
            output.unchecked("</t></si>")
        }
        try output.append("</sst>")
        try output.flush()
        try pipe.finishEntry()
    }

    // MARK: - Errors

    private func checkWriting() throws {
        if finished { throw notWriting("the workbook was already committed or discarded") }
    }

    private func notWriting(_ detail: String) -> XLSXWriterError {
        XLSXWriterError(.notWriting, at: DataLocation(file: path), detail,
                        hint: "Call startSheet before appendRow, and nothing after commit or discard.")
    }

    private func tooWide(_ count: Int, sheet: String, row: Int) -> XLSXWriterError {
        XLSXWriterError(.tooManyColumns, at: DataLocation(file: path, sheet: sheet, row: row),
                        "the row has \(count) cells; Excel allows at most 16,384 columns", hint: "Split the table into narrower sheets.")
    }
}
