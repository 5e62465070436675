import Tables
import TextoCore

/// What a stage decides, row by row, over one table: everything else (the
/// reader thread, blank rows, the header, progress, empty files) is the
/// pass's.
package protocol RowStage: AnyObject {
    /// The header: the first row with a value. Write the outputs' headers here.
    func start(header: StageHeader) throws
    /// One data row (never a blank one). `row` is valid only during the call.
    func take(_ row: Row) throws
    /// After the last row.
    func finish() throws
}

/// A table a stage reads: opened (its format recognised) before any output
/// exists, then read once on a background thread.
package final class StageInput {
    /// The path as the user gave it.
    package let path: String
    package let reader: BackgroundTableReader

    /// What one pass counted.
    package struct Counts: Sendable {
        /// The row number of the header.
        package var headerRow = 0
        /// Data rows passed to the stage.
        package var rows = 0
        /// Blank rows after the header, skipped.
        package var blankRows = 0
    }

    /// Opens `path` (`-` for standard input). Throws `TableError` when it
    /// is missing or is not a table; nothing has been written then.
    package init(_ path: String, sheet: String? = nil, limits: ZipLimits = ZipLimits()) throws {
        self.path = path
        reader = BackgroundTableReader(try TableFile.open(path, sheet: sheet, limits: limits))
    }

    package var info: TableInfo { reader.info }
    package var statistics: TableStatistics { reader.statistics }

    /// Reads every row: the first with a value to `header`, the rest but
    /// blank ones to `row`, `progress` every 65,536 data rows. Throws
    /// `TableError.emptyFile` when no row has a value.
    package func forEachRow(
        progress: ((Int) -> Void)? = nil,
        header: ([String], _ rowNumber: Int) throws -> Void,
        row body: (Row) throws -> Void
    ) throws -> Counts {
        try forEachRow(progress: progress, header: header,
                       preparing: { _ in nil as ((Row, inout [Never]) -> Void)? },
                       row: { row, _ in try body(row) })
    }

    /// Like `forEachRow(progress:header:row:)`, with work shared with the
    /// reader thread: once the header is read, `preparing` gets its names
    /// and returns what to do on each later row (or nil), which the reader
    /// thread does when it has time, else this one
    /// (`BackgroundTableReader.Preparation`); what that appends comes to
    /// `body` with the row. The rows read ahead before the header was known
    /// come with no notes: `body` must then do the work itself. `ahead` gets
    /// the notes of the next rows before `body` gets them.
    package func forEachRow<Note>(
        progress: ((Int) -> Void)? = nil,
        header: ([String], _ rowNumber: Int) throws -> Void,
        preparing: ([String]) -> ((Row, inout [Note]) -> Void)?,
        ahead: ((UnsafeBufferPointer<Note>) -> Void)? = nil,
        row body: (Row, UnsafeBufferPointer<Note>) throws -> Void
    ) throws -> Counts {
        var counts = Counts()
        var seenHeader = false
        let preparation = BackgroundTableReader.Preparation<Note>()
        try reader.forEachRow(preparation: preparation, ahead: ahead) { row, notes in
            let width = row.width
            if width == 0 {
                if seenHeader { counts.blankRows += 1 }
                return
            }
            if !seenHeader {
                seenHeader = true
                counts.headerRow = row.number
                let names = Self.names(row)
                try header(names, row.number)
                if let work = preparing(names) { preparation.start(work) }
                return
            }
            counts.rows += 1
            if counts.rows & 0xFFFF == 0 { progress?(counts.rows) }
            try body(row, notes)
        }
        if !seenHeader {
            throw TableError(.emptyFile, at: DataLocation(file: path, sheet: info.sheet), "there is no row with a value",
                             hint: "Check that this is the right file\(info.format == .xlsx ? " and sheet (--sheet)" : "").")
        }
        return counts
    }

    /// A header row's names.
    private static func names(_ row: Row) -> [String] {
        (0..<row.width).map { row.string(at: $0) }
    }

    /// Runs `stage` over the table: `start`, `take` for every data row, `finish`.
    @discardableResult
    package func run(_ stage: some RowStage, progress: ((Int) -> Void)? = nil) throws -> Counts {
        let counts = try forEachRow(progress: progress, header: { names, _ in try stage.start(header: StageHeader(names)) },
                                    row: { try stage.take($0) })
        try stage.finish()
        return counts
    }
}
