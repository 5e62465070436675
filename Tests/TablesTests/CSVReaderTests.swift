import Testing
@testable import Tables

/// Records, fields and row numbers as Excel reads them.
@Suite struct CSVReaderTests {
    @Test func readsTheFieldsOfEachRecord() throws {
        let bytes = Array("Nom;Prénom;Ville\r\nDupont;Élodie;Créteil\r\n".utf8)
        let result = try CSVFixture.rows(bytes)
        #expect(result.rows == [["Nom", "Prénom", "Ville"], ["Dupont", "Élodie", "Créteil"]])
        #expect(result.numbers == [1, 2])
        #expect(result.separator == ";")
        #expect(result.statistics.records == 2)
        #expect(result.statistics.bytesRead == bytes.count)
    }

    @Test(arguments: [
        ("quoted separator", "\"a;b\";c\n", [["a;b", "c"]]),
        ("doubled quotes", "\"c\"\"d\";\"\"\"\"\n", [["c\"d", "\""]]),
        ("quoted CRLF", "\"e\r\nf\";g\r\n", [["e\r\nf", "g"]]),
        ("quoted lone CR and LF", "\"e\rf\ng\";h\n", [["e\rf\ng", "h"]]),
        ("empty quoted field", "\"\";x\n", [["", "x"]]),
        ("quote inside an unquoted field", "ab\"c;d\"\n", [["ab\"c", "d\""]]),
        ("text after the closing quote", "\"ab\"cd;e\n", [["abcd", "e"]]),
        ("quotes after the closing quote", "\"a\"\"b\"c\"d;e\n", [["a\"bc\"d", "e"]]),
        ("spaces kept", " a ; \"b\" \n", [[" a ", " \"b\" "]]),
        ("empty fields", ";;\n", [["", "", ""]]),
        ("trailing separator at the end of the file", "a;", [["a", ""]]),
        ("quoted field at the end of the file", "a;\"b\"", [["a", "b"]]),
    ])
    func readsFieldsAsExcelDoes(_ label: String, _ text: String, _ expected: [[String]]) throws {
        let result = try CSVFixture.rows(Array(("h1;h2\n" + text).utf8))
        #expect(Array(result.rows.dropFirst()) == expected, "\(label)")
    }

    @Test(arguments: [
        ("CRLF", "a;b\r\nc;d\r\n"), ("LF", "a;b\nc;d\n"), ("CR", "a;b\rc;d\r"),
        ("CRLF, no final line break", "a;b\r\nc;d"), ("LF, no final line break", "a;b\nc;d"),
        ("CR, no final line break", "a;b\rc;d"), ("mixed", "a;b\rc;d\r\n"),
    ])
    func endsRecordsAtEveryKindOfLineBreak(_ label: String, _ text: String) throws {
        let result = try CSVFixture.rows(Array(text.utf8))
        #expect(result.rows == [["a", "b"], ["c", "d"]], "\(label)")
        #expect(result.numbers == [1, 2])
    }

    @Test(arguments: [
        ("blank lines", "a;b\n\n\nc;d\n", [["a", "b"], [], [], ["c", "d"]]),
        ("blank CRLF line at the end", "a;b\r\n\r\n", [["a", "b"], []]),
        ("CR then CRLF", "a;b\r\r\nc;d", [["a", "b"], [], ["c", "d"]]),
        ("blank first line", "\na;b\n", [[], ["a", "b"]]),
    ])
    func countsBlankLinesAsRecords(_ label: String, _ text: String, _ expected: [[String]]) throws {
        let result = try CSVFixture.rows(Array(text.utf8))
        #expect(result.rows == expected, "\(label)")
        #expect(result.numbers == Array(1...expected.count))
        #expect(result.statistics.records == expected.count)
    }

    @Test func numbersRowsAfterAMultiLineFieldAsExcelDoes() throws {
        let text = "Nom;Note\r\nDupont;\"rappeler\r\nle lundi\r\naprès 14 h\"\r\nMartin;ok\r\n"
        let result = try CSVFixture.rows(Array(text.utf8))
        #expect(result.rows == [["Nom", "Note"], ["Dupont", "rappeler\r\nle lundi\r\naprès 14 h"], ["Martin", "ok"]])
        #expect(result.numbers == [1, 2, 3])
    }

    @Test(arguments: [
        ("CRLF", "sep=;\r\nNom,Ville;Tel\r\nA,B;1\r\n", ";"),
        ("LF", "sep=,\nNom;Ville,Tel\nA;B,1\n", ","),
        ("uppercase", "SEP=|\nNom|Tel\nA|1\n", "|"),
        ("tab", "sep=\t\nNom\tTel\nA\t1\n", "TAB"),
    ])
    func usesExcelsSeparatorLine(_ label: String, _ text: String, _ separator: String) throws {
        let result = try CSVFixture.rows(Array(text.utf8))
        #expect(result.hadSeparatorLine, "\(label)")
        #expect(result.separator == separator)
        #expect(result.rows.count == 2)
        #expect(result.rows[0].count == 2)
        #expect(result.numbers == [1, 2])
    }

    @Test func separatorLineAfterAByteOrderMark() throws {
        let result = try CSVFixture.rows([0xEF, 0xBB, 0xBF] + Array("sep=;\r\nNom;Tel\r\n".utf8))
        #expect(result.hadSeparatorLine)
        #expect(result.rows == [["Nom", "Tel"]])
    }

    @Test func aLineThatOnlyLooksLikeASeparatorLineIsData() throws {
        let result = try CSVFixture.rows(Array("sep=;;\nA;B;C\n".utf8))
        #expect(!result.hadSeparatorLine)
        #expect(result.rows == [["sep=", "", ""], ["A", "B", "C"]])
    }

    @Test(arguments: [
        ("semicolon", "Nom;Prénom;Tel\nA;B;1\nC;D;2\n", ";"),
        ("comma", "Nom,Prénom,Tel\nA,B,1\nC,D,2\n", ","),
        ("tab", "Nom\tPrénom\tTel\nA\tB\t1\n", "TAB"),
        ("pipe", "Nom|Prénom|Tel\nA|B|1\n", "|"),
        ("semicolon with commas in fields", "Nom;Adresse\nA;12, rue X\nB;\"3, place Y\"\nC;Z\n", ";"),
        ("comma with semicolons in quotes", "Nom,Note\nA,\"x; y; z\"\nB,\"u;v\"\n", ","),
        ("comma more consistent than semicolon", "a,b;c\nd,e\nf,g\n", ","),
        ("tie: semicolon before comma", "a;b,c\nd;e,f\n", ";"),
        ("tie: comma before tab", "a,b\tc\nd,e\tf\n", ","),
        ("tie: tab before pipe", "a\tb|c\nd\te|f\n", "TAB"),
        ("single column", "TELEPHONE\n0612345678\n", ";"),
        ("quoted line breaks do not split the sample", "a,\"b\nc;d\nc;d\",e\nf,g,h\ni,j,k\n", ","),
    ])
    func recognisesTheSeparator(_ label: String, _ text: String, _ separator: String) throws {
        let result = try CSVFixture.rows(Array(text.utf8))
        #expect(result.separator == separator, "\(label)")
        #expect(!result.hadSeparatorLine)
    }

    @Test func blankRowsHaveNoCells() throws {
        let url = try CSVFixture.write(Array("a;b\n\n".utf8))
        defer { CSVFixture.remove(url) }
        let reader = try CSVReader(input: InputFile(path: url.path))
        var blanks = 0
        try reader.forEachRow { row in
            if row.isBlank { blanks += 1 }
        }
        #expect(blanks == 1)
    }

    @Test func anErrorFromTheCallerStopsReadingAndIsRethrown() throws {
        struct Stop: Error {}
        let url = try CSVFixture.write(Array("a\nb\nc\n".utf8))
        defer { CSVFixture.remove(url) }
        let reader = try CSVReader(input: InputFile(path: url.path))
        var seen = 0
        #expect(throws: Stop.self) {
            try reader.forEachRow { _ in
                seen += 1
                if seen == 2 { throw Stop() }
            }
        }
        #expect(seen == 2)
    }
}
