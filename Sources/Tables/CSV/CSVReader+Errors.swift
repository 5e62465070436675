import TextoCore
/// The messages of the files `CSVReader` refuses (DESIGN.md §6).
extension CSVReader {
    func emptyFile(_ detail: String) -> TableError {
        TableError(.emptyFile, at: DataLocation(file: input.path), detail,
                   hint: "Export the spreadsheet again, with its rows.")
    }

    /// The error for `problem` in record `row`, which starts on `line`.
    func error(_ problem: CSVParseProblem, row: Int, line: Int) -> TableError {
        let fieldLine = line + problem.lineBreaksBefore
        let column = problem.column.map(ColumnKey.letters)
        switch problem.kind {
        case .unterminatedQuote:
            return TableError(
                .unterminatedQuote, at: DataLocation(file: input.path, row: row, line: fieldLine),
                "the quoted field that starts here never closes",
                hint: "Close the quote, or remove it, then export again.")
        case .cellTooLong(spansLines: true):
            return TableError(
                .cellTooLong, at: DataLocation(file: input.path, row: row, column: column, line: fieldLine),
                "the quoted cell that starts here runs over several lines past Excel's limit of 32,767 characters: "
                    + "its quote probably never closes",
                hint: "Close the quote, or remove it, then export again.")
        case .cellTooLong(spansLines: false):
            return TableError(
                .cellTooLong,
                at: DataLocation(file: input.path, row: row, column: column, line: fieldLine == row ? nil : fieldLine),
                "the cell has more than 32,767 characters, Excel's limit",
                hint: "Shorten the cell, then export again.")
        case .tooManyColumns:
            return TableError(
                .coordinateOutOfRange,
                at: DataLocation(file: input.path, row: row, line: fieldLine == row ? nil : fieldLine),
                "the record has more than 16,384 fields, the width of Excel's grid",
                hint: "Check that the file holds one record per line, then export again.")
        }
    }
}
