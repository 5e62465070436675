import Foundation
import TableStage
import Tables
import Testing
import TextoCore

private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("texto-stage-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// Keeps what the pass gave it.
private final class Recorder: RowStage {
    var header: StageHeader?
    var rows: [(Int, [String])] = []
    var finished = false
    func start(header: StageHeader) throws { self.header = header }
    func take(_ row: Row) throws { rows.append((row.number, (0..<row.count).map { row.string(at: $0) })) }
    func finish() throws { finished = true }
}

@Suite("TableStage")
struct TableStageTests {
    @Test("added columns go after the leading _ columns", arguments: [
        (["_source", "_row", "_phone", "NOM"], ["_source", "_row", "_phone", "_reason", "NOM"]),
        (["NOM", "_phone"], ["_reason", "NOM", "_phone"]),
        (["_source", "_row"], ["_source", "_row", "_reason"]),
    ])
    func insertion(_ names: [String], _ expected: [String]) {
        #expect(StageHeader(names).inserting([OwnedColumn.reason]) == expected)
    }

    @Test("a pass gives the first row with a value as the header, then every data row, blank ones skipped and counted")
    func pass() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("in.csv").path
        try Data(";;\nNOM;TEL\nA;1\n;\nB;2\n".utf8).write(to: URL(fileURLWithPath: path))
        let recorder = Recorder()
        let counts = try StageInput(path).run(recorder)
        #expect(recorder.header?.names == ["NOM", "TEL"])
        #expect(recorder.rows.map(\.0) == [3, 5])
        #expect(recorder.rows.map(\.1) == [["A", "1"], ["B", "2"]])
        #expect(recorder.finished)
        #expect(counts.headerRow == 2 && counts.rows == 2 && counts.blankRows == 1)
    }

    @Test("progress every 65,536 data rows")
    func progress() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("in.csv").path
        try Data(("N\n" + String(repeating: "x\n", count: 140_000)).utf8).write(to: URL(fileURLWithPath: path))
        nonisolated(unsafe) var reported: [Int] = []
        _ = try StageInput(path).forEachRow(progress: { reported.append($0) }, header: { _, _ in }, row: { _ in })
        #expect(reported == [65_536, 131_072])
    }

    @Test("a table without a value is refused as empty (exit 65), naming the file")
    func empty() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("in.xlsx.csv").path
        try Data("\n".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: TableError.self) { try StageInput(path).run(Recorder()) }
        #expect(error?.code == .emptyFile)
        #expect(error?.category == .data)
    }

    @Test("outputs appear together on commit, and not at all without it")
    func outputs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.csv").path, b = folder.appendingPathComponent("b.csv").path
        do {
            let outputs = StageOutputs()
            try outputs.csv(a).record(["x"])
            try outputs.csv(b).record(["y"])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        let outputs = StageOutputs()
        let first = try outputs.csv(a), second = try outputs.csv(b)
        try first.record(["x"])
        try second.record(["y"])
        try first.flush()
        try second.flush()
        try outputs.commit()
        #expect(try String(contentsOfFile: a, encoding: .utf8) == "x\n")
        #expect(try String(contentsOfFile: b, encoding: .utf8) == "y\n")
    }
}
