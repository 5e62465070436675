import ArgumentParser
import StageCLI
import Testing
import TextoCore

/// A library error of each category, as the stages throw them.
private struct SampleError: TextoError {
    enum Code: String { case sample }
    var category: ErrorCategory
    var code: Code { .sample }
    var location: DataLocation { DataLocation(file: "clients.csv", row: 3, column: "TELEPHONE") }
    var detail: String { "something happened" }
    var hint: String { "Do this." }
    var cause: String? { "EIO" }
}

private struct SampleSummary: StageSummary {
    var line: String { "3 rows" }
    var dataProblem: String?
}

@Suite("StageCLI")
struct StageCLITests {
    @Test("each error category has the exit code of DESIGN.md §2", arguments: [
        (ErrorCategory.usage, Int32(64)), (.data, 65), (.noInput, 66), (.cannotCreate, 73), (.temporary, 75), (.runtime, 1),
    ])
    func exitCodes(_ category: ErrorCategory, _ code: Int32) {
        #expect(ExitStatus.for(SampleError(category: category)).rawValue == code)
    }

    @Test("an error that is not Texto's exits 1")
    func foreignError() {
        struct Other: Error {}
        #expect(ExitStatus.for(Other()) == .failure)
    }

    @Test("the error shape prints where, what, the cause, and what to do")
    func errorDescription() {
        #expect(SampleError(category: .data).description
                == "clients.csv, row 3, column TELEPHONE: something happened (EIO). Do this.")
        #expect(DataLocation(option: "--template-file", file: "m.txt").description == "--template-file m.txt")
    }

    @Test("StageRun.main maps a thrown error to its exit code")
    func mainMapsErrors() {
        #expect(throws: ExitCode(73)) {
            try StageRun.main("texto-test") { _ in throw SampleError(category: .cannotCreate) }
        }
        #expect(throws: ExitCode(75)) {
            try StageRun.main("texto-test") { _ in throw SampleError(category: .temporary) }
        }
    }

    @Test("StageRun.main exits 65 when the outputs were written but the data was unusable, 0 otherwise")
    func dataProblem() throws {
        let summary = try SummaryOption.parse([])
        #expect(throws: ExitCode(65)) {
            try StageRun.main("texto-test", summary: summary) { _ in SampleSummary(dataProblem: "no row has a usable mobile") }
        }
        try StageRun.main("texto-test", summary: summary) { _ in SampleSummary(dataProblem: nil) }
    }

    @Test("usage errors from ArgumentParser pass through untouched")
    func validationPassesThrough() {
        #expect(throws: ValidationError.self) {
            try StageRun.main("texto-test") { _ in throw ValidationError("bad option") }
        }
    }

    @Test("--date takes a calendar date, and says how to write one")
    func runDate() throws {
        #expect(try RunDateOption.parse(["--date", "2026-11-22"]).today() == CivilDate.parse("2026-11-22"))
        #expect(try RunDateOption.parse([]).today(clock: { 1_795_820_400 }) == CivilDate.parse("2026-11-28"))
        #expect(throws: (any Error).self) { try RunDateOption.parse(["--date", "2026-02-30"]) }
    }

    @Test("--lang takes fr or en; --summary is an output PathChecks sees")
    func sharedOptions() throws {
        #expect(try LanguageOption.parse([]).lang == .fr)
        #expect(try LanguageOption.parse(["--lang", "en"]).lang == .en)
        #expect(throws: (any Error).self) { try LanguageOption.parse(["--lang", "de"]) }
        #expect(try SummaryOption.parse(["--summary", "s.json"]).outputs.map(\.path) == ["s.json"])
    }

    @Test("an output may not overwrite an input, nor two outputs share a path")
    func pathChecks() {
        #expect(throws: ValidationError.self) {
            try PathChecks.validate(inputs: ["a.csv"], outputs: [("--output", "a.csv")])
        }
        #expect(throws: ValidationError.self) {
            try PathChecks.validate(inputs: ["a.csv"], outputs: [("--output", "b.csv"), ("--rejects", "b.csv")])
        }
        #expect(throws: Never.self) {
            try PathChecks.validate(inputs: ["a.csv"], outputs: [("--output", "b.csv"), ("--rejects", "c.csv")])
        }
    }

    @Test("a count option takes 1 or more, and says so; absent, it is not checked")
    func atLeastOne() {
        let error = #expect(throws: ValidationError.self) {
            try OptionChecks.atLeastOne(0, option: "--per", counting: "days")
        }
        #expect(error?.message == "--per takes a number of days, 1 or more.")
        #expect(throws: Never.self) { try OptionChecks.atLeastOne(1, option: "--per", counting: "days") }
        #expect(throws: Never.self) { try OptionChecks.atLeastOne(nil, option: "--per", counting: "days") }
    }
}

@Suite("Printable diagnostics")
struct PrintableTests {
    @Test("control characters from a hostile file never reach the terminal; line feeds, tabs and accents stay", arguments: [
        ("clients.csv", "clients.csv"),
        ("x\u{1B}[2Jy", "x\u{FFFD}[2Jy"),
        ("a\u{0}b\u{7F}c\u{9B}d", "a\u{FFFD}b\u{FFFD}c\u{FFFD}d"),
        ("ligne 1\n\tligne 2 « é »", "ligne 1\n\tligne 2 « é »"),
        ("retour\r", "retour\u{FFFD}"),
    ])
    func printable(_ text: String, _ shown: String) {
        #expect(Diagnostics.printable(text) == shown)
    }
}
