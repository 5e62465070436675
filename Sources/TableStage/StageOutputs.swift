import Tables

/// The files a stage writes, which appear complete, together, or not at
/// all (DESIGN.md §6): each is written under a temporary name and renamed
/// into place by `commit()`; an error, or dropping them uncommitted,
/// removes the temporary files.
package final class StageOutputs {
    private var files: [AtomicOutputFile] = []
    /// The CSV writers over some of them, flushed before the commit.
    private var writers: [CSVWriter] = []

    package init() {}

    /// A new output at `path` (`-` for standard output).
    package func file(_ path: String) throws -> AtomicOutputFile {
        let file = try AtomicOutputFile(path: path)
        files.append(file)
        return file
    }

    /// A new CSV output at `path`.
    package func csv(_ path: String) throws -> CSVWriter {
        let writer = CSVWriter(sink: try file(path))
        writers.append(writer)
        return writer
    }

    /// Puts `replacement` in the place of `file` (a rewritten output): the
    /// first is discarded, the second committed in its turn.
    package func replace(_ file: AtomicOutputFile, with replacement: AtomicOutputFile) {
        guard let index = files.firstIndex(where: { $0 === file }) else { return }
        file.discard()
        files[index] = replacement
    }

    /// Flushes the CSV writers, then renames every output into place, in
    /// the order they were made.
    package func commit() throws {
        for writer in writers { try writer.flush() }
        for file in files { try file.commit() }
    }
}

extension CSVWriter {
    /// Writes the first `width` cells of `row` with what `insert` writes
    /// placed after the first `position` cells, and ends the record.
    @inline(__always)
    package func record(_ row: Row, width: Int, inserting position: Int, _ insert: () throws -> Void) throws {
        let split = min(position, width)
        for index in 0..<split { try field(row[index]) }
        try insert()
        for index in split..<width { try field(row[index]) }
        try endRecord()
    }
}
