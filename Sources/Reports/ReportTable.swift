import Foundation
import Store
import Tables
import TextoCore

/// The folder a report writes into, and what it wrote there.
final class ReportFolder {
    let configuration: ReportConfiguration
    let labels: Labels
    var files: [String] = []
    var campaigns: [String] = []
    var messages = 0

    /// Makes the folder (exit 73 when it cannot be made).
    init(_ configuration: ReportConfiguration) throws {
        self.configuration = configuration
        labels = Labels(configuration.language)
        do {
            try FileManager.default.createDirectory(atPath: configuration.out, withIntermediateDirectories: true)
        } catch {
            throw ReportError(.cannotMakeFolder, at: DataLocation(file: configuration.out), "the report folder cannot be made",
                              hint: "Check that its parent exists and that this user may write there.")
        }
    }

    var dialect: CSVDialect { configuration.dialect }

    func path(_ name: String) -> String {
        (configuration.out as NSString).appendingPathComponent(name)
    }

    func write(page html: String, to name: String) throws {
        let file = try AtomicOutputFile(path: path(name))
        try file.write(html)
        try file.commit()
        files.append(name)
    }

    func summary(seconds: Double) -> ReportSummary {
        ReportSummary(campaigns: campaigns, messages: messages, files: files, seconds: seconds)
    }
}

/// A table of a report, written at once as a CSV file and as a sheet of
/// a workbook, from the same typed cells: both are complete or absent.
/// A workbook writes one sheet at a time: a table is filled and committed
/// before the next one starts.
final class ReportTable {
    private let csv: ReportCSV?
    private let workbook: XLSXWriter?
    private let folder: ReportFolder
    private let csvName: String?

    /// - Parameters:
    ///   - csv: the CSV file's name; nil for a sheet alone.
    ///   - tab: where the sheet goes among the workbook's tabs; nil: after the others.
    init(csv: String?, sheet: String? = nil, of workbook: XLSXWriter? = nil, in folder: ReportFolder, header: [String],
         widths: [Double]? = nil, tab: Int? = nil) throws {
        self.folder = folder
        csvName = csv
        self.csv = try csv.map { try ReportCSV(path: folder.path($0), dialect: folder.dialect) }
        try self.csv?.record(header)
        self.workbook = sheet == nil ? nil : workbook
        if let workbook, let sheet { try workbook.startSheet(named: sheet, header: header, widths: widths, tab: tab) }
    }

    func row(_ cells: [XLSXCell]) throws {
        try csv?.record(cells)
        try workbook?.appendRow(cells)
    }

    func commit() throws {
        try csv?.commit()
        if let csvName { folder.files.append(csvName) }
    }
}

extension XLSXCell {
    /// Text a person typed (a name, a reply), written inline: a leading
    /// `= + - @`, TAB or CR gets a `'` so that no spreadsheet runs it.
    static func person(_ text: String?) -> XLSXCell {
        text.map { .uniqueText(StoreCSV.guarded($0)) } ?? .empty
    }

    /// The same, for text that repeats (a contacts file's name).
    static func sharedPerson(_ text: String?) -> XLSXCell {
        text.map { .text(StoreCSV.guarded($0)) } ?? .empty
    }
}

extension ParisClock {
    /// A stored time (`2026-11-28T16:00:00Z`) as a Paris date-time cell; as text if it is not one.
    mutating func cell(stored: String) -> XLSXCell {
        var text = stored
        guard let unixTime = text.withUTF8({ StoreTime.unixTime(UnsafeRawBufferPointer($0)) }) else { return .uniqueText(stored) }
        return .dateTime(wallSeconds(unixTime))
    }
}
