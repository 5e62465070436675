import Foundation
import Testing

/// `--help` is where a user copies a command from: its examples must come
/// out as written, never wrapped in the middle of an expression
/// (ArgumentParser wraps discussion text at 80 columns).
@Suite("--help examples")
struct HelpTests {
    static let commands: [[String]] = [
        ["texto-import"], ["texto-target"], ["texto-render"], ["texto-emit"], ["texto-simulate"], ["texto-ingest"], ["texto-report"], ["texto-run"], ["texto-watch"],
        ["texto-store", "suppressions", "list"], ["texto-store", "suppressions", "add"],
        ["texto-store", "suppressions", "remove"], ["texto-store", "suppressions", "import"],
        ["texto-store", "suppressions", "export"], ["texto-store", "campaigns"],
        ["texto-store", "check"], ["texto-store", "forget"],
    ]

    @Test("every example line is indented and fits 80 columns (help examples are copyable)", arguments: commands)
    func examplesAreNotWrapped(_ command: [String]) throws {
        let run = try StageRun.run(command[0], Array(command.dropFirst()) + ["--help"])
        defer { run.cleanUp() }
        let lines = String(decoding: run.stdout, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Example") }) else {
            Issue.record("no example in \(command.joined(separator: " ")) --help\n\(run.context)")
            return
        }
        let block = lines[start...].prefix { !$0.isEmpty }
        let body = block.drop { !$0.hasPrefix("  ") }
        #expect(!body.isEmpty, "the example has no command line")
        for line in body {
            #expect(line.hasPrefix("  "), "wrapped example line: \(line)")
            #expect(line.count <= 80, "example line longer than 80 columns: \(line)")
        }
    }
}
