import Foundation
import Testing

/// Golden cases as data (STYLE.md §10): `Cases/<stage>/<slug>/` holds
/// `inputs` (fixture paths, one per line, copied into the run's folder),
/// `args` (one argument per line), optionally `stdin` (a fixture path) and
/// `env` (`NAME=value` lines, e.g. `TEXTO_NOW=1764342000`), and
/// `expected/`: `status`, `stderr` (timings masked), and every file the run
/// must leave in its folder besides the inputs, byte for byte, except the
/// files named in `ignore` (one per line): those must be there, but their
/// bytes change from run to run (an SQLite store holds the time it was
/// written) and are not compared.
/// `TEXTO_RECORD=1 swift test` rewrites `expected/` from what the stage did;
/// review the result as a git diff.
struct GoldenCase: CustomTestStringConvertible, Sendable {
    let stage: String
    let slug: String
    var folder: URL { Self.root.appendingPathComponent(stage).appendingPathComponent(slug) }
    var testDescription: String { "\(stage)/\(slug)" }

    static let root = StageRun.repository.appendingPathComponent("Tests/EndToEndTests/Cases")

    static func all(_ stage: String) -> [GoldenCase] {
        let folder = root.appendingPathComponent(stage)
        let slugs = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return slugs.sorted().filter { !$0.hasPrefix(".") }.map { GoldenCase(stage: stage, slug: $0) }
    }

    private func lines(_ name: String) -> [String] {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// Runs the case and compares (or records) its outcome.
    func check() throws {
        let inputs = lines("inputs")
        let stdin = lines("stdin").first.map { try? Data(contentsOf: StageRun.fixture($0)) } ?? nil
        let environment = Dictionary(lines("env").map { line in
            (String(line.prefix { $0 != "=" }), String(line.drop { $0 != "=" }.dropFirst()))
        }, uniquingKeysWith: { _, last in last })
        let run = try StageRun.run("texto-" + stage, lines("args"), inputs: inputs, stdin: stdin, environment: environment)
        defer { run.cleanUp() }
        let inputNames = Set(inputs.map { URL(fileURLWithPath: $0).lastPathComponent })
        let ignored = Set(lines("ignore"))
        for name in ignored.sorted() {
            #expect(run.folderListing.contains(name), "\(name) (named in ignore) was not left by the run\n\(run.context)")
        }
        var actual: [String: Data] = [
            "status": Data("\(run.status)\n".utf8),
            "stderr": Data(Self.mask(run.stderr).utf8),
        ]
        if !run.stdout.isEmpty { actual["stdout"] = run.stdout }
        for name in run.folderListing where !inputNames.contains(name) && !ignored.contains(name) {
            actual[name] = try Data(contentsOf: run.folder.appendingPathComponent(name))
        }
        let expectedFolder = folder.appendingPathComponent("expected")
        if ProcessInfo.processInfo.environment["TEXTO_RECORD"] == "1" {
            try? FileManager.default.removeItem(at: expectedFolder)
            try FileManager.default.createDirectory(at: expectedFolder, withIntermediateDirectories: true)
            for (name, data) in actual { try data.write(to: expectedFolder.appendingPathComponent(name)) }
            return
        }
        let expectedNames = ((try? FileManager.default.contentsOfDirectory(atPath: expectedFolder.path)) ?? []).sorted()
        #expect(expectedNames == actual.keys.sorted(), "files left by the run")
        for name in expectedNames {
            let expected = try Data(contentsOf: expectedFolder.appendingPathComponent(name))
            let got = actual[name] ?? Data()
            #expect(got == expected, "\(name) differs:\n--- expected\n\(String(decoding: expected, as: UTF8.self))\n--- got\n\(String(decoding: got, as: UTF8.self))\n\(run.context)")
        }
    }

    /// Masks what changes from run to run: durations, rates, temp paths.
    static func mask(_ text: String) -> String {
        var masked = text.replacingOccurrences(of: #"in \d+\.\d+ s \(\d+ rows/s\)"#, with: "in _ s (_ rows/s)", options: .regularExpression)
        masked = masked.replacingOccurrences(of: #"/[^ ]*texto-e2e-[0-9A-F-]+/"#, with: "", options: .regularExpression)
        return masked
    }
}

extension GoldenCase {
    /// Each stage with golden cases, and the fewest cases its folder may hold.
    static let stages: KeyValuePairs<String, Int> = [
        "import": 10, "target": 10, "store": 10, "render": 10, "emit": 8, "simulate": 2,
    ]
}

/// Every stage's golden cases, one test case each (`Cases/<stage>/<slug>`).
@Suite("golden cases")
struct GoldenCases {
    @Test("golden case", arguments: GoldenCase.stages.flatMap { GoldenCase.all($0.key) })
    func golden(_ testCase: GoldenCase) throws {
        try testCase.check()
    }
}

/// An argument list that comes out empty runs no test and passes: a missing
/// or emptied folder of golden cases must fail instead.
@Suite("golden case folders")
struct GoldenCaseFolders {
    @Test("every stage's folder of golden cases is there and holds cases (an empty list fails)",
          arguments: GoldenCase.stages.map(\.key))
    func stageHasCases(_ stage: String) {
        let minimum = GoldenCase.stages.first { $0.key == stage }?.value ?? 1
        #expect(GoldenCase.all(stage).count >= minimum, "Cases/\(stage) has \(GoldenCase.all(stage).count) cases")
    }

    @Test("the calamine agreement has its goldens (an empty list fails)")
    func calamineHasGoldens() {
        #expect(CalamineAgreementTests.goldens.count >= 10)
    }
}
