import Crypto
import Foundation
import GRDB
import Testing

/// `texto-watch` as a user runs it: the demo layout, kills, a long run.
@Suite("texto-watch", .serialized)
struct WatchCommandTests {
    /// A checkout-like folder: the watch demo's pipeline, the fixtures, an empty drop folder.
    static func checkout() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("texto-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("pipelines/watch-demo"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: StageRun.repository.appendingPathComponent("pipelines/watch-demo/relance.yaml"),
                                         to: folder.appendingPathComponent("pipelines/watch-demo/relance.yaml"))
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("Fixtures"),
                                                   withDestinationURL: StageRun.repository.appendingPathComponent("Fixtures"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out/watch-demo/depot"), withIntermediateDirectories: true)
        return folder
    }

    static let depot = "out/watch-demo/depot"
    /// Friday 2026-11-27 10:00 Paris.
    static let environment = ["TEXTO_NOW": "1795770000"]

    static func names(_ folder: URL, _ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(path).path)) ?? []).sorted()
    }

    @Test("--once on the demo: the client list sent with its receipt in done/, the list without phones in rejected/, the copy recognised")
    func once() throws {
        let folder = try Self.checkout()
        defer { try? FileManager.default.removeItem(at: folder) }
        let depot = folder.appendingPathComponent(Self.depot)
        for (fixture, name) in [("watch/clients_novembre.xlsx", "clients_novembre.xlsx"), ("watch/liste_sans_telephone.xlsx", "liste.xlsx"),
                                ("watch/clients_novembre.xlsx", "clients_novembre (copie).xlsx")] {
            try FileManager.default.copyItem(at: StageRun.fixture(fixture), to: depot.appendingPathComponent(name))
        }
        let run = try StageRun.run("texto-watch", [Self.depot, "--pipeline", "pipelines/watch-demo/relance.yaml", "--once", "--settle", "0.5"],
                                   folder: folder, environment: Self.environment)
        #expect(run.status == 0, run.context)
        #expect(run.stderr.contains("texto-watch: 3 files processed (duplicate 1, rejected 1, scheduled 1)"), run.context)
        #expect(Self.names(folder, "\(Self.depot)/done") == [
            "clients_novembre (copie).recu.html", "clients_novembre (copie).recu.txt", "clients_novembre (copie).xlsx",
            "clients_novembre.recu.html", "clients_novembre.recu.txt", "clients_novembre.xlsx",
        ])
        #expect(Self.names(folder, "\(Self.depot)/rejected") == ["liste.recu.html", "liste.recu.txt", "liste.xlsx"])
        // Taken in name order: "clients_novembre (copie).xlsx" first, so the other is the copy.
        let sent = try String(contentsOf: depot.appendingPathComponent("done/clients_novembre (copie).recu.txt"), encoding: .utf8)
        #expect(sent.contains("35 SMS partiront le vendredi 27 novembre 2026"), "\(sent)")
        let copy = try String(contentsOf: depot.appendingPathComponent("done/clients_novembre.recu.txt"), encoding: .utf8)
        #expect(copy.contains("avait déjà été déposé"), "\(copy)")
        let rejected = try String(contentsOf: depot.appendingPathComponent("rejected/liste.recu.txt"), encoding: .utf8)
        #expect(rejected.contains("aucune colonne de numéros de téléphone"), "\(rejected)")
        let batches = Self.names(folder, "out/watch-demo/batches").filter { $0.hasSuffix(".csv") }
        #expect(batches.count == 1 && batches[0].hasPrefix("relance-"), "\(batches)")
    }

    /// Distinct client lists: the fixture with one more client each.
    static func clientLists(_ count: Int, in folder: URL) throws -> [URL] {
        let base = try Data(contentsOf: StageRun.fixture("targeting/clients.csv"))
        return try (0..<count).map { index in
            let url = folder.appendingPathComponent("liste-\(index).csv")
            let extra = "M.;AJOUT;Client\(index);06 20 00 \(String(format: "%02d", index / 100)) \(String(format: "%02d", index % 100));29200;Brest;01/01/1970;Oui;01/01/2026;31/12/2026;fr;Client\n"
            try (base + Data(extra.utf8)).write(to: url)
            return url
        }
    }

    /// Starts the watcher in `folder` (`shared`: two watchers of the folder, `--shared`); kills each after
    /// its delay in seconds, or stops them with SIGTERM once the depot is empty. Returns the worst exit status.
    static func watch(_ folder: URL, killAfter delays: [Double]?, shared: Bool = false) throws -> Int32 {
        var arguments = [depot, "--pipeline", "pipelines/watch-demo/relance.yaml", "--settle", "0.3", "--rescan", "0.5"]
        if shared { arguments += ["--shared", "--takeover", "5"] }
        let processes = try (0..<(shared ? 2 : 1)).map { _ in try StageRun.start("texto-watch", arguments, in: folder, environment: environment) }
        if let delays {
            let start = Date()
            for (process, delay) in zip(processes, delays).sorted(by: { $0.1 < $1.1 }) {
                Thread.sleep(forTimeInterval: max(0, delay - Date().timeIntervalSince(start)))
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            }
        } else {
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline, pending(folder) > 0 { Thread.sleep(forTimeInterval: 0.2) }
            for process in processes { kill(process.processIdentifier, SIGTERM) }
        }
        for process in processes { process.waitUntilExit() }
        return processes.map(\.terminationStatus).max() ?? 0
    }

    /// Drops not finished yet: files in the depot, claims.
    static func pending(_ folder: URL) -> Int {
        names(folder, depot).filter { !$0.hasPrefix(".") && $0 != "done" && $0 != "rejected" }.count
            + names(folder, "\(depot)/.texto/claims").count
    }

    /// Every file under `path`, name → SHA-256.
    static func digests(_ folder: URL, _ path: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for name in names(folder, path) {
            let data = try Data(contentsOf: folder.appendingPathComponent("\(path)/\(name)"))
            result[name] = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        }
        return result
    }

    @Test("killed 20 times at random moments while files are dropped, then left to finish: every file processed once, nothing lost or sent twice, every batch file whole",
          arguments: [false, true])
    func killed(shared: Bool) throws {
        let lists = try FileManager.default.temporaryDirectory.appendingPathComponent("texto-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: lists, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: lists) }
        let sources = try Self.clientLists(10, in: lists)
        let bad = lists.appendingPathComponent("notes.pdf")
        try Data("%PDF-1.4\n".utf8).write(to: bad)

        // The reference: the same drops, never interrupted.
        let reference = try Self.checkout()
        defer { try? FileManager.default.removeItem(at: reference) }
        for source in sources + [bad] {
            try FileManager.default.copyItem(at: source, to: reference.appendingPathComponent("\(Self.depot)/\(source.lastPathComponent)"))
        }
        #expect(try Self.watch(reference, killAfter: nil) == 0)
        let expectedBatches = try Self.digests(reference, "out/watch-demo/batches")
        #expect(expectedBatches.filter { $0.key.hasSuffix(".csv") }.count == 10)

        let folder = try Self.checkout()
        defer { try? FileManager.default.removeItem(at: folder) }
        var random = SystemRandomNumberGenerator()
        var dropped = 0
        let all = sources + [bad]
        for _ in 0..<20 {
            // Drop the next files while the watcher may be running.
            for source in all[dropped..<min(all.count, dropped + 2)] {
                try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent("\(Self.depot)/\(source.lastPathComponent)"))
            }
            dropped = min(all.count, dropped + 2)
            // Shared: two watchers, each killed at a moment of its own; the claims of the one killed first are the other's at once.
            _ = try Self.watch(folder, killAfter: (0..<2).map { _ in Double.random(in: 0...1.2, using: &random) }, shared: shared)
        }
        // Shared watchers sweep only the temporary files older than the takeover time (another host's may be live).
        if shared { Thread.sleep(forTimeInterval: 5.5) }
        #expect(try Self.watch(folder, killAfter: nil, shared: shared) == 0, "the watchers after the kills finish")
        #expect(Self.pending(folder) == 0)

        let done = Self.names(folder, "\(Self.depot)/done"), rejected = Self.names(folder, "\(Self.depot)/rejected")
        #expect(done.filter { $0.hasSuffix(".csv") && !$0.hasSuffix(".rejets.csv") } == sources.map(\.lastPathComponent).sorted(),
                "each list once in done/, under its own name")
        #expect(rejected == ["notes.pdf", "notes.recu.html", "notes.recu.txt"],
                "\(rejected.filter { $0.hasSuffix(".recu.txt") }.map { (try? String(contentsOf: folder.appendingPathComponent("\(Self.depot)/rejected/\($0)"), encoding: .utf8)) ?? "" })")
        for source in sources {
            let stem = source.deletingPathExtension().lastPathComponent
            #expect(done.contains("\(stem).recu.txt") && done.contains("\(stem).recu.html"), "\(stem)'s receipts")
            #expect(try Data(contentsOf: folder.appendingPathComponent("\(Self.depot)/done/\(source.lastPathComponent)")) == Data(contentsOf: source),
                    "\(stem) unchanged")
        }
        var batches = try Self.digests(folder, "out/watch-demo/batches")
        if shared {
            // Every drop's emit writes the folder's manifest.json: the last one
            // emitted wins, and two watchers take the drops in an order of their own.
            batches["manifest.json"] = expectedBatches["manifest.json"]
        }
        #expect(batches == expectedBatches, """
            the batch files of a watcher never interrupted: \(batches.filter { expectedBatches[$0.key] != $0.value }.keys.sorted()) differ, \
            \(expectedBatches.keys.filter { batches[$0] == nil }.sorted()) missing
            """)
        let store = try DatabaseQueue(path: folder.appendingPathComponent("out/watch-demo/texto.sqlite").path)
        let (campaigns, messages, pairs, integrity) = try store.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM campaigns"), try Int.fetchOne(db, sql: "SELECT count(*) FROM messages"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT DISTINCT campaign_id, phone FROM messages)"),
             try String.fetchOne(db, sql: "PRAGMA integrity_check"))
        }
        #expect(campaigns == 10 && messages == 360 && pairs == 360 && integrity == "ok", "36 messages per list, none twice")
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: folder.appendingPathComponent("out").path)
            .filter { $0.contains(".tmp") }
        #expect(leftovers.isEmpty, "no half-written file: \(leftovers)")
    }

    /// Threads, open file descriptors and resident kilobytes of a running process.
    static func resources(_ pid: Int32) -> (threads: Int, descriptors: Int, residentKB: Int) {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        func field(_ name: String) -> Int {
            status.split(separator: "\n").first { $0.hasPrefix(name + ":") }
                .flatMap { Int($0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") } ?? -1
        }
        let descriptors = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []).count
        return (field("Threads"), descriptors, field("VmRSS"))
    }

    @Test("a long-running watcher over 1,200 drops keeps its threads, file descriptors and memory flat")
    func longRun() throws {
        let folder = try Self.checkout()
        defer { try? FileManager.default.removeItem(at: folder) }
        let depot = folder.appendingPathComponent(Self.depot)
        let process = try StageRun.start("texto-watch", [Self.depot, "--pipeline", "pipelines/watch-demo/relance.yaml", "--settle", "0.2",
                                                         "--rescan", "0.5"], in: folder, environment: Self.environment)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        var samples: [(threads: Int, descriptors: Int, residentKB: Int)] = []
        let header = "NOM;PRENOM;TELEPHONE;AUTORISE_SMS;VILLE\n"
        for batch in 0..<12 {
            for index in 0..<100 {
                let number = batch * 100 + index
                // Written under a dotted name, then renamed in: as a copy tool does.
                let text = header + "CLIENT;N\(number);06 30 \(String(format: "%02d %02d %02d", number / 10_000, number / 100 % 100, number % 100));Oui;Brest\n"
                let hidden = depot.appendingPathComponent(".liste-\(number).csv.part")
                try Data(text.utf8).write(to: hidden)
                try FileManager.default.moveItem(at: hidden, to: depot.appendingPathComponent("liste-\(number).csv"))
            }
            let deadline = Date().addingTimeInterval(300)
            while Date() < deadline, Self.pending(folder) > 0 { Thread.sleep(forTimeInterval: 0.1) }
            #expect(Self.pending(folder) == 0, "batch \(batch) processed")
            samples.append(Self.resources(process.processIdentifier))
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "stopped cleanly by SIGTERM")
        #expect(Self.names(folder, "\(Self.depot)/done").filter { $0.hasSuffix(".recu.txt") }.count == 1_200)
        print("texto-watch after each 100 drops: threads \(samples.map(\.threads)), descriptors \(samples.map(\.descriptors)), "
              + "resident KB \(samples.map(\.residentKB))")
        // After the first batches have warmed up caches, nothing grows with the files processed.
        let warm = samples[2], last = samples[samples.count - 1]
        #expect(last.threads <= warm.threads + 1, "threads: \(samples.map(\.threads))")
        #expect(last.descriptors <= warm.descriptors, "file descriptors: \(samples.map(\.descriptors))")
        #expect(last.residentKB - warm.residentKB < 24_000, "resident memory (KB): \(samples.map(\.residentKB))")
    }
}
