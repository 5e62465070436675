import TextoCore
/// Reads one sheet of an XLSX workbook, streaming: the sheet part is
/// inflated on one thread and parsed on the caller's, and rows are handed
/// out as they close. Memory holds the shared strings and a few buffers,
/// whatever the number of rows.
public final class XLSXReader: TableReader {
    public private(set) var info: TableInfo
    public private(set) var statistics = TableStatistics()
    private let package: WorkbookPackage
    private let sheet: WorkbookPackage.Sheet

    /// Opens the workbook in `input` and selects the sheet `sheet` names (a
    /// name or a 1-based position; by default the first visible worksheet).
    /// `limits` caps what its parts may inflate to.
    package init(input: InputFile, sheet selector: String? = nil, limits: ZipLimits = ZipLimits()) throws {
        let archive = try ZipArchive(file: try input.seekable(), limits: limits)
        package = try WorkbookPackage(archive: archive)
        sheet = try package.sheet(selector)
        info = TableInfo(format: .xlsx, file: input.displayName, sheet: sheet.name)
    }

    /// The workbook's sheets in tab order: name, hidden, position.
    package var sheetNames: [(name: String, hidden: Bool)] {
        package.sheets.map { ($0.name, $0.isHidden) }
    }

    public func forEachRow(_ body: (Row) throws -> Void) throws {
        let archive = package.archive
        let file = archive.file.path
        var styles = StyleTable()
        if let part = package.stylesPart, let entry = archive.entry(named: part) {
            styles = try StyleTable(parsing: archive.contents(of: entry), location: DataLocation(file: file, part: part))
        }
        var sharedStrings = SharedStrings()
        if let part = package.sharedStringsPart, let entry = archive.entry(named: part) {
            let reader = PipelinedReader(try archive.reader(for: entry))
            sharedStrings = try SharedStrings.load(from: reader, location: DataLocation(file: file, part: part))
            statistics.bytesRead += entry.compressedSize
        }
        statistics.sharedStringBytes = sharedStrings.byteCount
        let part = sheet.part!
        let entry = archive.entry(named: part)!
        let parser = SheetParser(
            sharedStrings: sharedStrings, styles: styles, uses1904: package.uses1904DateSystem,
            location: DataLocation(file: file, sheet: sheet.name, part: part))
        try parser.parse(PipelinedReader(try archive.reader(for: entry)), body: body)
        statistics.records = parser.rowsRead
        statistics.bytesRead += entry.compressedSize
    }
}
