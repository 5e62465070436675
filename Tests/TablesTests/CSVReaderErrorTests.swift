import Testing
@testable import Tables

/// Files the reader refuses, and where it says the problem is.
@Suite struct CSVReaderErrorTests {
    static let quoteHint = "Close the quote, or remove it, then export again."

    @Test func unterminatedQuoteNamesTheLineAndRowWhereItStarts() throws {
        let text = "Nom;Note\n"  // row 1, line 1
            + "A;\"deux\nlignes\"\n"  // row 2, lines 2-3
            + "\n"  // row 3, line 4
            + "C;\"ok\nencore\";\"oups\n"  // row 4 from line 5; the bad quote is on line 6
            + "D;E\n"
        let failure = try #require(CSVFixture.failure(Array(text.utf8)))
        #expect(failure.code == .unterminatedQuote)
        #expect(failure.row == 4)
        #expect(failure.line == 6)
        #expect(failure.message == "the quoted field that starts here never closes. " + Self.quoteHint)
    }

    @Test func unterminatedQuoteAfterASeparatorLine() throws {
        let failure = try #require(CSVFixture.failure(Array("sep=;\r\nNom;Note\r\nA;\"x\r\n".utf8)))
        #expect(failure.code == .unterminatedQuote)
        #expect((failure.row, failure.line) == (2, 3))
    }

    @Test func theMessageReadsAsTheDesignSays() throws {
        let url = try CSVFixture.write(Array("Nom\n\"x\n".utf8), name: "clients.csv")
        defer { CSVFixture.remove(url) }
        let reader = try CSVReader(input: InputFile(path: url.path))
        let error = try #require(throws: TableError.self) { try reader.forEachRow { _ in } }
        #expect(error.description
            == "\(url.path), row 2, line 2: the quoted field that starts here never closes. " + Self.quoteHint)
    }

    @Test(arguments: [
        ("ASCII", String(repeating: "x", count: 32_768), true),
        ("ASCII at the limit", String(repeating: "x", count: 32_767), false),
        ("two bytes a character", String(repeating: "é", count: 20_000), false),
        ("surrogate pairs over", String(repeating: "😀", count: 16_384), true),
        ("surrogate pairs at the limit", String(repeating: "😀", count: 16_383) + "x", false),
        ("quoted", "\"" + String(repeating: "y", count: 33_000) + "\"", true),
        ("quoted, doubled quotes count once", "\"" + String(repeating: "\"\"", count: 20_000) + "\"", false),
        ("text after the closing quote", "\"y\"" + String(repeating: "z", count: 32_767), true),
    ])
    func cellsLongerThanExcelsLimit(_ label: String, _ cell: String, _ tooLong: Bool) throws {
        let bytes = Array("Nom;Note\nA;B\nC;\(cell);D\n".utf8)
        let outcome = CSVFixture.readEverywhere(bytes, chunkSizes: [7, 4093, CSVReader.defaultChunkSize])
        guard tooLong else {
            #expect(throws: Never.self, "\(label)") { try outcome.get() }
            return
        }
        guard case .failure(let failure) = outcome else {
            Issue.record("\(label): read a cell over the limit")
            return
        }
        #expect(failure.code == .cellTooLong)
        #expect((failure.row, failure.column, failure.line) == (3, "B", nil))
        #expect(failure.message == "the cell has more than 32,767 characters, Excel's limit. Shorten the cell, then export again.")
    }

    /// A quote that never closes swallows the rest of the file into one
    /// cell: the cell's length is what fails first, and it says why.
    @Test(arguments: [
        ("never closes", ""),
        ("closes much later", "\";x\n"),
    ])
    func runawayQuoteIsReportedAsOne(_ label: String, _ end: String) throws {
        let text = "Nom;Note\nA;B\nC;\"début\n" + String(repeating: "ligne;suite\n", count: 4_000) + end
        let failure = try #require(CSVFixture.failure(Array(text.utf8), chunkSizes: [7, 4093, CSVReader.defaultChunkSize]))
        #expect(failure.code == .cellTooLong, "\(label)")
        #expect((failure.row, failure.column, failure.line) == (3, "B", 3))
        #expect(failure.message == "the quoted cell that starts here runs over several lines past Excel's limit of "
            + "32,767 characters: its quote probably never closes. " + Self.quoteHint)
    }

    @Test func recordsWiderThanExcelsGrid() throws {
        let widest = "a" + String(repeating: ";", count: 16_383) + "\n"
        #expect(try CSVFixture.rows(Array(widest.utf8)).rows[0].count == 16_384)
        let failure = try #require(CSVFixture.failure(Array(("h\n" + widest + "a;" + widest).utf8)))
        #expect(failure.code == .coordinateOutOfRange)
        #expect(failure.row == 3)
    }

    @Test(arguments: [
        ("no bytes", [], "the file is empty"),
        ("UTF-8 mark", [0xEF, 0xBB, 0xBF], "the file holds only a byte order mark"),
        ("UTF-16LE mark", [0xFF, 0xFE], "the file holds only a byte order mark"),
        ("UTF-16BE mark", [0xFE, 0xFF], "the file holds only a byte order mark"),
        ("line breaks", Array("\r\n\r\n".utf8), "the file has no cell with a value"),
        ("white space", Array("  \n\t\n".utf8), "the file has no cell with a value"),
        ("separator line only", Array("sep=;\r\n".utf8), "the file has no cell with a value"),
        ("separators only", Array(";;\n;\n".utf8), "the file has no cell with a value"),
        ("empty quoted cells", Array("\"\";\"\"\n".utf8), "the file has no cell with a value"),
    ] as [(String, [UInt8], String)])
    func emptyFiles(_ label: String, _ bytes: [UInt8], _ detail: String) throws {
        let failure = try #require(CSVFixture.failure(bytes), "\(label)")
        #expect(failure.code == .emptyFile)
        #expect(failure.message == detail + ". Export the spreadsheet again, with its rows.")
    }

    /// Past the first MiB, blankness is known only at the end of the file.
    @Test func largeFileOfBlankLines() throws {
        let bytes = [UInt8](repeating: 0x0A, count: (1 << 20) + 10)
        let failure = try #require(CSVFixture.failure(bytes, chunkSizes: [4093, CSVReader.defaultChunkSize]))
        #expect(failure.code == .emptyFile)
    }
}
