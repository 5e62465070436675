import Tables

/// The reading half of `texto-import`: every input's rows, under one
/// header, into the contacts CSV of DESIGN.md §2.
///
/// Output columns: `_source`, `_row`, `_phone`, `_phone_raw`, then the
/// user's columns under their original headers, in order of first
/// appearance across the inputs. Inputs that share a header share its
/// column. Both outputs appear complete or not at all.
public enum ContactImport {
    /// The rejects file's columns (DESIGN.md §2).
    static let rejectColumns = ["_source", "_row", "_phone_raw", "_reason", "_duplicate_of"]

    /// Runs the import. Throws `TableError` for an unreadable input and
    /// `OutputError` for an output that cannot be written; in both cases no
    /// output is left behind.
    public static func run(_ configuration: ImportConfiguration) throws -> ImportSummary {
        let clock = ContinuousClock()
        let started = clock.now
        // Open every input first: a missing file or sheet stops the run
        // before anything is read or written.
        let readers = try configuration.inputs.map { try Tables.open($0, sheet: configuration.sheet) }

        let output = try AtomicOutputFile(path: configuration.output)
        let rejects = try AtomicOutputFile(path: configuration.rejects)
        let contacts = ContactWriter(output: CSVWriter(sink: output))
        var summary = ImportSummary()
        for (reader, path) in zip(readers, configuration.inputs) {
            let fileStarted = clock.now
            let input = try contacts.append(reader, progress: configuration.progress.map { report in { report(path, $0) } })
            summary.inputs.append(ImportSummary.Input(
                file: path, format: reader.info.format.rawValue, sheet: reader.info.sheet,
                encoding: reader.info.encoding, separator: reader.info.separatorName,
                separatorLine: reader.info.format == .csv ? reader.info.hadSeparatorLine : nil,
                headerRow: input.headerRow, columns: input.columns, rows: input.rows,
                blankRows: input.blankRows, raggedRows: input.raggedRows,
                bytes: reader.statistics.bytesRead, sharedStringBytes: (reader as? XLSXReader)?.sharedStringBytes,
                seconds: (clock.now - fileStarted).seconds))
            summary.rows += input.rows
        }
        try contacts.finish()
        summary.contacts = summary.rows
        summary.columns = ColumnNames.reserved.count + contacts.columns.names.count

        let rejectWriter = CSVWriter(sink: rejects)
        try rejectWriter.record(rejectColumns)
        try rejectWriter.flush()

        if contacts.needsWidening {
            // A later row or file brought columns the header did not have:
            // rewrite the contacts file once with the full header.
            try output.flush()
            let widened = try AtomicOutputFile(path: configuration.output)
            try contacts.rewrite(from: output.temporaryPath, into: CSVWriter(sink: widened))
            output.discard()
            try widened.commit()
        } else {
            try output.commit()
        }
        try rejects.commit()
        summary.seconds = (clock.now - started).seconds
        return summary
    }
}

extension Duration {
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
