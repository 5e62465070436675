import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// An executable run to its end, with its peak memory: the `VmHWM` it
/// reports at its end (`TEXTO_PEAK_MEMORY_FILE`). `wait4`'s `ru_maxrss` is
/// the fallback, but it counts this process's pages too (the child shares
/// them until it execs), so it is only an upper bound.
struct MeasuredRun {
    var status: Int32
    var stderr: String
    var peakKB: Int

    /// Runs `stage` with `arguments` (absolute paths: it runs in this process's folder); its standard error goes through `folder`.
    static func run(_ stage: String, _ arguments: [String], in folder: URL) throws -> MeasuredRun {
        let executable = StageRun.productsDirectory.appendingPathComponent(stage).path
        let errors = folder.appendingPathComponent(".stderr-\(UUID().uuidString)")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let peak = folder.appendingPathComponent(".peak-\(UUID().uuidString)")
        environment["TEXTO_PEAK_MEMORY_FILE"] = peak.path
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let text = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: errors)
        let exited = status & 0x7F == 0
        // The stage's own peak (VmHWM); ru_maxrss counts this process's pages too.
        let own = (try? String(contentsOf: peak, encoding: .utf8)).flatMap { Int($0) }
        try? FileManager.default.removeItem(at: peak)
        return MeasuredRun(status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), stderr: text, peakKB: own ?? usage.ru_maxrss)
    }
}

/// Files made to hurt a reader (Fixtures/bad/, Fixtures/hostile/, and big
/// ones made here): each gets its clear error and exit code, with peak
/// memory under a fixed bound, never a crash or a hang.
@Suite("Hostile inputs", .serialized)
struct HostileInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var fixture: String
        var status: Int32
        var says: String
        var testDescription: String { fixture }
    }

    /// The bound on the import's peak memory: the reader's buffers, never the file.
    static let importBoundKB = 120_000

    @Test("texto-import on each hostile file: its error and exit code, under the memory bound", arguments: [
        // 100 MiB at 1,000:1: within the caps (the ratio counts past 100 MiB), so read, and refused for what it holds.
        Case(fixture: "bad/zip-bomb.xlsx", status: 64, says: "no column looks like a phone number"),
        Case(fixture: "bad/zip-bomb-lying.xlsx", status: 65, says: "inflate"),
        Case(fixture: "bad/dtd.xlsx", status: 65, says: "document type (DTD)"),
        Case(fixture: "hostile/xxe.xlsx", status: 65, says: "document type (DTD)"),
        Case(fixture: "bad/truncated.xlsx", status: 65, says: "xlsx"),
        Case(fixture: "bad/truncated-xml.xlsx", status: 65, says: "cut short"),
        Case(fixture: "bad/encrypted.xlsx", status: 65, says: "password"),
        Case(fixture: "bad/legacy.xls", status: 65, says: ".xls"),
        Case(fixture: "bad/outside-grid.xlsx", status: 65, says: "XFD1048576"),
        Case(fixture: "bad/sst-out-of-range.xlsx", status: 65, says: "shared string"),
        Case(fixture: "bad/unterminated-quote.csv", status: 65, says: "quote"),
        Case(fixture: "bad/cell-too-long.xlsx", status: 65, says: "32,767"),
        Case(fixture: "hostile/nested.xlsx", status: 65, says: "XML"),
        Case(fixture: "hostile/overlapping.xlsx", status: 0, says: "read 198 rows"),
        Case(fixture: "hostile/invalid-utf8.csv", status: 0, says: "Windows-1252"),
        // A NUL is a character of its cell: the number with one is rejected as invalid, the name keeps it.
        Case(fixture: "hostile/nul-bytes.csv", status: 0, says: "1 rejects (invalid 1)"),
        Case(fixture: "hostile/odd-utf16.csv", status: 0, says: "UTF-16LE"),
    ])
    func imported(_ example: Case) throws {
        let folder = try TemporaryFolderURL()
        defer { folder.remove() }
        let input = StageRun.fixture(example.fixture).path
        let run = try MeasuredRun.run("texto-import", [input, "-o", folder.url.appendingPathComponent("contacts.csv").path, "--rejects", folder.url.appendingPathComponent("rejects.csv").path], in: folder.url)
        #expect(run.status == example.status, "\(run.stderr)")
        #expect(run.stderr.localizedCaseInsensitiveContains(example.says), "\(run.stderr)")
        #expect(run.peakKB < Self.importBoundKB, "peak \(run.peakKB) KB")
        if example.status != 0 {
            #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("contacts.csv").path), "no output on an error")
        }
    }

    /// A file of `size` bytes: `head`, then zeros (sparse: made at once, read as a 1 GB line).
    static func sparse(_ url: URL, head: String, size: Int) throws {
        try Data(head.utf8).write(to: url)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
    }

    @Test("big ones made here: a 1 GB line, a 10 MB cell, 100,000 columns (CSV), each refused at once under the bound")
    func big() throws {
        let folder = try TemporaryFolderURL()
        defer { folder.remove() }
        let line = folder.url.appendingPathComponent("line.csv")
        try Self.sparse(line, head: "NOM;TELEPHONE\n", size: 1 << 30)
        let cell = folder.url.appendingPathComponent("cell.csv")
        try Data(("NOM;TELEPHONE\n\"" + String(repeating: "A", count: 10 << 20) + "\";06 30 05 06 60\n").utf8).write(to: cell)
        let columns = folder.url.appendingPathComponent("columns.csv")
        try Data((["TELEPHONE"] + (1..<100_000).map { "C\($0)" }).joined(separator: ";").utf8 + Data("\n06 30 05 06 60\n".utf8)).write(to: columns)
        for (file, says) in [(line, "32,767"), (cell, "32,767"), (columns, "16,384")] {
            let run = try MeasuredRun.run("texto-import", [file.path, "-o", folder.url.appendingPathComponent("contacts.csv").path,
                                                                   "--rejects", folder.url.appendingPathComponent("rejects.csv").path], in: folder.url)
            #expect(run.status == 65 && run.stderr.contains(says), "\(file.lastPathComponent): \(run.stderr)")
            #expect(run.peakKB < Self.importBoundKB, "\(file.lastPathComponent): peak \(run.peakKB) KB")
        }
    }

    @Test("a delivery-report file with a 1 GB line, or binary: a clear error under the bound; the terminal never gets a control character")
    func reports() throws {
        let folder = try TemporaryFolderURL()
        defer { folder.remove() }
        let storePath = folder.url.appendingPathComponent("texto.sqlite").path
        let store = try MeasuredRun.run("texto-store", ["suppressions", "add", "06 30 05 06 60", "--reason", "STOP", "--store", storePath], in: folder.url)
        #expect(store.status == 0, "\(store.stderr)")
        let big = folder.url.appendingPathComponent("dlr.log")
        try Self.sparse(big, head: "id:0123456789 sub:001 dlvrd:001 submit date:2611281959 done date:2611282000 stat:DELIVRD err:000 text:x\n",
                        size: 1 << 30)
        let line = try MeasuredRun.run("texto-ingest", [big.path, "--store", storePath], in: folder.url)
        #expect(line.status == 65 && line.stderr.contains("line 2") && line.stderr.contains("longer than 1 MiB"), "\(line.stderr)")
        #expect(line.peakKB < 100_000, "peak \(line.peakKB) KB")
        let binary = try MeasuredRun.run("texto-ingest", [StageRun.fixture("hostile/binary-report.log").path, "--store", storePath],
                                         in: folder.url)
        #expect(binary.status == 65 && binary.stderr.contains("not a file of delivery reports"), "\(binary.stderr)")
        #expect(!binary.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || (0x7F...0x9F).contains($0.value) },
                "control characters of the file are not printed")
    }

    @Test("--unit-price that is not a price (nan, inf, 1e300, negative) is a usage error in every stage that takes it, with nothing written (unit price crash)",
          arguments: ["nan", "inf", "1e300", "-0.01"])
    func unitPrice(_ price: String) throws {
        let runs = [
            try StageRun.run("texto-render", ["contacts.csv", "-o", "messages.csv", "--rejects", "rejects.csv", "--template", "Bonjour",
                                              "--type", "notification", "--unit-price=\(price)"],
                             inputs: ["targeting/contacts.csv"]),
            try StageRun.run("texto-emit", ["--to", "0630050660", "--text", "Bonjour", "--type", "notification", "--campaign", "c1",
                                            "--sender", "KERKAFE", "--out", "batches", "--unit-price=\(price)"]),
            try StageRun.run("texto-report", ["--out", "report", "--unit-price=\(price)"]),
        ]
        for run in runs {
            defer { run.cleanUp() }
            #expect(run.status == 64 && run.stderr.contains("--unit-price takes a price in euros from 0 to 100"), run.context)
            #expect(run.folderListing.allSatisfy { $0 == "contacts.csv" }, "\(run.folderListing)")
        }
    }

    @Test("a number option out of its range is a usage error that names the range, never a trap or a hang (option range crashes)", arguments: [
        ("texto-import", ["clients.csv", "-o", "c.csv", "--rejects", "r.csv", "--max-inflated-size=inf"], "--max-inflated-size takes a number of GiB from 0.001 to 1024"),
        ("texto-import", ["clients.csv", "-o", "c.csv", "--rejects", "r.csv", "--max-inflated-size=1e300"], "--max-inflated-size"),
        ("texto-ingest", ["receipts.log", "--pending-hours=9223372036854775807"], "--pending-hours takes a number of hours from 1 to 87600"),
        ("texto-report", ["--out", "r", "--pending-hours=9223372036854775807"], "--pending-hours takes a number of hours from 0 to 87600"),
        ("texto-watch", ["drops", "--pipeline", "p.yaml", "--once", "--settle=1e300"], "--settle takes a number of seconds from 0 to 86400"),
        ("texto-watch", ["drops", "--pipeline", "p.yaml", "--once", "--shared", "--takeover=1e300"], "--takeover"),
        ("texto-watch", ["drops", "--pipeline", "p.yaml", "--once", "--rescan=0"], "--rescan"),
        ("texto-run", ["p.yaml", "--wait=9223372036854775807"], "--wait takes a number of seconds from 0 to 86400"),
    ] as [(String, [String], String)])
    func optionRanges(_ stage: String, _ arguments: [String], _ message: String) throws {
        let run = try StageRun.run(stage, arguments)
        defer { run.cleanUp() }
        #expect(run.status == 64 && run.stderr.contains(message), run.context)
        #expect(run.folderListing.isEmpty, "\(run.folderListing)")
    }

    @Test("pipeline files: an anchor bomb and a 100 MB scalar get a clear error under the bound")
    func pipelines() throws {
        let folder = try TemporaryFolderURL()
        defer { folder.remove() }
        let bomb = try MeasuredRun.run("texto-run", [StageRun.fixture("hostile/anchor-bomb.yaml").path, "--dry-run"], in: folder.url)
        #expect(bomb.status == 64 && bomb.stderr.contains("line 4"), "\(bomb.stderr)")
        #expect(bomb.peakKB < 100_000, "peak \(bomb.peakKB) KB")
        // Written in chunks: this process's memory counts in the child's peak until it execs.
        let scalar = folder.url.appendingPathComponent("scalar.yaml")
        try Data("campaign: {id: x, sender: KERKAFE, name: \"".utf8).write(to: scalar)
        let handle = try FileHandle(forWritingTo: scalar)
        try handle.seekToEnd()
        let chunk = Data(repeating: UInt8(ascii: "A"), count: 1 << 20)
        for _ in 0..<100 { try handle.write(contentsOf: chunk) }
        try handle.write(contentsOf: Data("\"}\n".utf8))
        try handle.close()
        let big = try MeasuredRun.run("texto-run", [scalar.path, "--dry-run"], in: folder.url)
        #expect(big.status == 64 && big.stderr.contains("1 MiB"), "\(big.stderr)")
        #expect(big.peakKB < 100_000, "peak \(big.peakKB) KB")
    }
}

/// A temporary folder for a test (removed by `remove()`).
struct TemporaryFolderURL {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("texto-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
