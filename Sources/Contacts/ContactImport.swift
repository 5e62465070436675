import Phones
import TableStage
import Tables
import TextoCore

/// `texto-import`: every input's rows, under one header, into the contacts
/// CSV of DESIGN.md §2 (one row per person, or per mobile) and the rejects
/// CSV (every other row, with the reason). Every data row lands in exactly
/// one of the two.
///
/// Both outputs carry the user's columns in order of first appearance
/// across the inputs; inputs that share a header share its column. Both
/// appear complete or not at all.
public enum ContactImport {
    /// Runs the import. Throws `TableError` for an unreadable input,
    /// `ImportError` for a configuration the inputs cannot satisfy and
    /// `OutputError` for an output that cannot be written; in every case no
    /// output is left behind.
    public static func run(_ configuration: ImportConfiguration) throws -> ImportSummary {
        let stopwatch = Stopwatch()
        let parser = try phoneParser(configuration)
        // Open every input first: a missing file or sheet stops the run
        // before anything is read or written.
        let limits = configuration.maxInflatedSize.map { ZipLimits(maximumInflatedSize: $0) } ?? ZipLimits()
        let inputs = try configuration.inputs.map { try StageInput($0, sheet: configuration.sheet, limits: limits) }
        let outputs = StageOutputs()
        let contactsFile = try outputs.file(configuration.output)
        let rejectsFile = try outputs.file(configuration.rejects)
        let writer = ContactWriter(
            contacts: CSVWriter(sink: contactsFile), rejects: CSVWriter(sink: rejectsFile),
            parser: parser, configuration: configuration)
        var summary = ImportSummary()
        for input in inputs {
            let fileStopwatch = Stopwatch()
            let counts = try writer.append(input, progress: configuration.progress.map { report in { report(input.path, $0) } })
            let info = input.info
            summary.inputs.append(ImportSummary.Input(
                file: input.path, format: info.format.rawValue, sheet: info.sheet,
                encoding: info.encoding, separator: info.separatorName,
                separatorLine: info.format == .csv ? info.hadSeparatorLine : nil,
                headerRow: counts.headerRow, columns: counts.columns, phoneColumns: counts.phoneColumns,
                rows: counts.rows, blankRows: counts.blankRows, raggedRows: counts.raggedRows,
                contacts: counts.contacts, rejects: counts.rejects,
                bytes: input.statistics.bytesRead, sharedStringBytes: input.statistics.sharedStringBytes,
                seconds: fileStopwatch.seconds))
            summary.rows += counts.rows
            summary.contacts += counts.contacts
            summary.rejects += counts.rejects
        }
        try writer.finish()
        summary.reasons = writer.reasons
        summary.regions = writer.regions
        summary.columns = ContactWriter.contactColumns.count + writer.columns.names.count

        if writer.needsWidening {
            // A later row or file brought columns the headers did not have:
            // rewrite each output once with the full header.
            for (file, reserved) in [(contactsFile, ContactWriter.contactColumns), (rejectsFile, ContactWriter.rejectColumns)] {
                try file.flush()
                let widened = try AtomicOutputFile(path: file.path)
                try writer.rewrite(from: file.temporaryPath, reserved: reserved, into: CSVWriter(sink: widened))
                outputs.replace(file, with: widened)
            }
        }
        try outputs.commit()
        summary.seconds = stopwatch.seconds
        summary.problem = problem(summary, configuration)
        return summary
    }

    /// Why the data is unusable although the outputs are written: no row
    /// has a mobile, or more are rejected than the configuration allows.
    private static func problem(_ summary: ImportSummary, _ configuration: ImportConfiguration) -> String? {
        if summary.rows > 0 && summary.contacts == 0 {
            return "no row has a usable mobile number; see \(configuration.rejects) for the reason of each row"
        }
        if let maximum = configuration.maxRejectRate, summary.rejectRate > maximum {
            let share = Int((summary.rejectRate * 100).rounded())
            return "\(share) % of the rows were rejected, more than --max-reject-rate \(maximum); see \(configuration.rejects)"
        }
        return nil
    }

    private static func phoneParser(_ configuration: ImportConfiguration) throws -> PhoneParser {
        // A parser for each region named checks it (`PhoneParser.UnknownRegion`).
        for region in configuration.countries.map({ Array($0).sorted() }) ?? [] {
            _ = try PhoneParser(defaultRegion: region)
        }
        return try PhoneParser(defaultRegion: configuration.country)
    }
}
