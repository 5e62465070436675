import Phones
import Tables

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
        let clock = ContinuousClock()
        let started = clock.now
        let parser = try phoneParser(configuration)
        // Open every input first: a missing file or sheet stops the run
        // before anything is read or written.
        // Each is read on a background thread while rows are written here.
        let limits = configuration.maxInflatedSize.map { ZipLimits(maximumInflatedSize: $0) } ?? ZipLimits()
        let readers = try configuration.inputs.map { BackgroundTableReader(try Tables.open($0, sheet: configuration.sheet, limits: limits)) }

        let contactsFile = try AtomicOutputFile(path: configuration.output)
        let rejectsFile = try AtomicOutputFile(path: configuration.rejects)
        let writer = ContactWriter(
            contacts: CSVWriter(sink: contactsFile), rejects: CSVWriter(sink: rejectsFile),
            parser: parser, configuration: configuration)
        var summary = ImportSummary()
        for (reader, path) in zip(readers, configuration.inputs) {
            let fileStarted = clock.now
            let input = try writer.append(reader, progress: configuration.progress.map { report in { report(path, $0) } })
            summary.inputs.append(ImportSummary.Input(
                file: path, format: reader.info.format.rawValue, sheet: reader.info.sheet,
                encoding: reader.info.encoding, separator: reader.info.separatorName,
                separatorLine: reader.info.format == .csv ? reader.info.hadSeparatorLine : nil,
                headerRow: input.headerRow, columns: input.columns, phoneColumns: input.phoneColumns,
                rows: input.rows, blankRows: input.blankRows, raggedRows: input.raggedRows,
                contacts: input.contacts, rejects: input.rejects,
                bytes: reader.statistics.bytesRead, sharedStringBytes: reader.statistics.sharedStringBytes,
                seconds: (clock.now - fileStarted).seconds))
            summary.rows += input.rows
            summary.contacts += input.contacts
            summary.rejects += input.rejects
        }
        try writer.finish()
        summary.reasons = writer.reasons
        summary.regions = writer.regions
        summary.columns = ContactWriter.contactColumns.count + writer.columns.names.count

        let outputs = [(contactsFile, ContactWriter.contactColumns), (rejectsFile, ContactWriter.rejectColumns)]
        if writer.needsWidening {
            // A later row or file brought columns the headers did not have:
            // rewrite each output once with the full header.
            for (file, reserved) in outputs {
                try file.flush()
                let widened = try AtomicOutputFile(path: file.path)
                try writer.rewrite(from: file.temporaryPath, reserved: reserved, into: CSVWriter(sink: widened))
                file.discard()
                try widened.commit()
            }
        } else {
            try contactsFile.commit()
            try rejectsFile.commit()
        }
        summary.seconds = (clock.now - started).seconds
        return summary
    }

    private static func phoneParser(_ configuration: ImportConfiguration) throws -> PhoneParser {
        let known = NumberingPlan.standard.territories.map(\.region)
        for region in [configuration.country] + (configuration.countries.map { Array($0).sorted() } ?? []) where !known.contains(region) {
            throw ImportError(code: .unknownRegion, file: "--country", detail: "\(region) is not a region Texto knows",
                              hint: "Use one of \(known.joined(separator: ", ")).")
        }
        return try PhoneParser(defaultRegion: configuration.country)
    }
}
