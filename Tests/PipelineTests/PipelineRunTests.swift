import Foundation
import GRDB
@testable import Pipeline
import Store
import Tables
import TestSupport
import Testing
import TextoCore

@Suite("Pipeline runs")
struct PipelineRunTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The demo's loop in `folder`, its input the fixture's client export.
    static func write(_ folder: TemporaryFolder, input: String? = nil, steps: String = "") throws -> String {
        let path = folder.file("noel.yaml")
        try """
            campaign: {id: noel, name: Noël, sender: KERKAFE, stop_mention: STOP au 36035}
            input: {files: [\(input ?? fixtures.appendingPathComponent("targeting/clients.csv").path)]}
            targeting:
              where: departement in [22, 29, 35, 56] and age > 40 and DERNIERE_VISITE < today - 30 days
              consent_column: AUTORISE_SMS
            message: {template: "Bonjour $PRENOM$ !", unit_price: 0.045}
            schedule: {at: "2026-11-28 19:59:58", rate: 1/s}
            emit: {format: csv, out: batches}
            simulate: {out: gateway, seed: 7}
            report: {out: rapports}
            \(steps)
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The campaign's state as `texto-store campaigns` shows it, at the runs' now.
    static func state(_ folder: TemporaryFolder, _ campaign: String = "noel") throws -> CampaignState? {
        let now = Date(timeIntervalSince1970: 1_795_863_600)
        return try TextoStore(path: folder.file("texto.sqlite"), create: false, clock: { now }).campaignSummaries()
            .first { $0.id == campaign }?.state
    }

    static func configuration(_ path: String) -> RunConfiguration {
        var configuration = RunConfiguration(pipeline: path, date: CivilDate.parse("2026-11-27")!)
        configuration.now = 1_795_863_600
        return configuration
    }

    @Test("the whole loop: every step's outputs in the run folder, the ledger, the report; a second run changes nothing")
    func loop() throws {
        let folder = try TemporaryFolder()
        let path = try Self.write(folder)
        let summary = try PipelineRun.run(Self.configuration(path))
        #expect(summary.steps.map(\.step) == [.import, .target, .render, .emit, .simulate, .ingest, .report])
        #expect(summary.steps.allSatisfy { $0.status == "done" })
        let run = folder.file("runs/noel/2026-11-27")
        #expect(summary.folder == run && summary.report == folder.file("rapports/noel.html"))
        for name in ["contacts.csv", "rejects.csv", "audience.csv", "excluded.csv", "messages.csv", "preview.txt", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(run)/\(name)"), "\(name)")
        }
        let manifest = try #require(RunManifest.read("\(run)/manifest.json"))
        #expect(manifest.status == "complete" && manifest.steps.count == 7)
        #expect(manifest.steps[0].inputs.first?.sha256.count == 64)
        let audience = try String(contentsOfFile: "\(run)/audience.csv", encoding: .utf8).split(separator: "\n").count - 1
        #expect(audience == 11, "the demo's audience: today is the send's day, 2026-11-28")
        let store = try DatabaseQueue(path: folder.file("texto.sqlite"))
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM messages WHERE campaign_id = 'noel'") } == audience)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM outcomes") } == audience, "the simulated reports were ingested")
        #expect(try Self.state(folder) == .sent, "reports came, though its send time is after the run's now")
        let page = try String(contentsOfFile: folder.file("rapports/noel.html"), encoding: .utf8)
        #expect(page.contains("Noël") && page.contains("Bonjour $PRENOM$ !"), "the campaign's template")
        // How the campaign was made, from the store: the filter, the audience, the exclusions by reason.
        let runs = try store.read { try Row.fetchAll($0, sql: "SELECT run_id, filter, rows_read, audience, exclusions FROM campaign_runs") }
        #expect(runs.count == 1 && runs.first?["run_id"] == "2026-11-27" && runs.first?["audience"] == audience && runs.first?["rows_read"] == 59)
        #expect((runs.first?["exclusions"] as String?)?.contains("\"no_consent\":24") == true)
        #expect(page.contains("Comment la campagne a été faite") && page.contains("departement in [22, 29, 35, 56]")
                    && page.contains("Exclus : no_consent"), "the report shows the selection")

        let again = try PipelineRun.run(Self.configuration(path))
        #expect(again.steps.map(\.status) == ["unchanged", "unchanged", "unchanged", "unchanged", "unchanged", "unchanged", "done"],
                "only the report, whose input is the store, runs again")
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM messages") } == audience)
    }

    @Test("a changed input runs its step and the steps after it again")
    func changedInput() throws {
        let folder = try TemporaryFolder()
        let input = folder.file("clients.csv")
        try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent("targeting/clients.csv").path, toPath: input)
        let path = try Self.write(folder, input: input, steps: "steps: [import, target, render]")
        _ = try PipelineRun.run(Self.configuration(path))
        let handle = try #require(FileHandle(forWritingAtPath: input))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("M.;NOUVEAU;Jean;06 10 00 00 99;29200;Brest;01/01/1960;Oui;01/01/2026;31/12/2026;fr;Client\n".utf8))
        try handle.close()
        let again = try PipelineRun.run(Self.configuration(path))
        #expect(again.steps.map(\.status) == ["done", "done", "done"])
        let audience = try String(contentsOfFile: folder.file("runs/noel/2026-11-27/audience.csv"), encoding: .utf8)
        #expect(audience.contains("+33610000099"))
    }

    @Test("a step that fails stops the run: the manifest says which step, why, and the stage's exit code")
    func failedStep() throws {
        let folder = try TemporaryFolder()
        let path = try Self.write(folder, input: folder.file("missing.csv"))
        let error = #expect(throws: (any Error).self) { try PipelineRun.run(Self.configuration(path)) }
        #expect((error as? any TextoError)?.category == .noInput, "\(String(describing: error))")
        let manifest = try #require(RunManifest.read(folder.file("runs/noel/2026-11-27/manifest.json")))
        #expect(manifest.status == "failed" && manifest.steps.map(\.step) == [.import])
        #expect(manifest.steps.first?.status == "failed" && manifest.steps.first?.exitCode == 66)
        #expect(manifest.steps.first?.error?.contains("missing.csv") == true)
    }

    @Test("one run at a time per store: a second one exits 75 at once, or after --wait seconds")
    func lock() throws {
        let folder = try TemporaryFolder()
        let path = try Self.write(folder, steps: "steps: [import]")
        do {
            let held = try RunLock(store: folder.file("texto.sqlite"), wait: 0)
            let error = #expect(throws: PipelineError.self) { try PipelineRun.run(Self.configuration(path)) }
            #expect(error?.code == .locked && error?.category.exitCode == 75)
            var waiting = Self.configuration(path)
            waiting.wait = 1
            let started = Date()
            #expect(throws: PipelineError.self) { try PipelineRun.run(waiting) }
            #expect(Date().timeIntervalSince(started) >= 0.9, "it waited")
            withExtendedLifetime(held) {}
        }
        _ = try PipelineRun.run(Self.configuration(path))
    }

    @Test("approval required: the run stops before the emit until --approve; the approved messages are sent, changed ones refused")
    func approval() throws {
        let folder = try TemporaryFolder()
        let input = folder.file("clients.csv")
        try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent("targeting/clients.csv").path, toPath: input)
        let path = try Self.write(folder, input: input, steps: "approval: required\nsteps: [import, target, render, emit]")
        try (try String(contentsOfFile: path, encoding: .utf8)).replacingOccurrences(of: "emit: {format: csv, out: batches}",
                                                                                   with: "emit: {format: csv, out: batches, test_to: [\"06 30 05 06 60\"]}")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let tests = {
            FileManager.default.fileExists(atPath: folder.file("texto.sqlite"))
                ? try DatabaseQueue(path: folder.file("texto.sqlite")).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM messages WHERE is_test = 1") } : 0
        }
        let ledger = {
            FileManager.default.fileExists(atPath: folder.file("texto.sqlite"))
                ? try DatabaseQueue(path: folder.file("texto.sqlite")).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM messages") } : 0
        }
        let first = try PipelineRun.run(Self.configuration(path))
        #expect(first.awaitingApproval && first.line.contains("--approve 2026-11-27"), "\(first.line)")
        #expect(first.steps.map(\.step) == [.import, .target, .render])
        let (sent, tested) = (try ledger(), try tests())
        #expect(sent == tested && (tested ?? 0) > 0, "only the test batch before the approval (the \"bon à tirer\")")
        #expect(FileManager.default.fileExists(atPath: folder.file("batches/noel-test.csv")))
        let testsBefore = try tests()
        #expect(RunManifest.read(folder.file("runs/noel/2026-11-27/manifest.json"))?.status == "awaiting-approval")
        #expect(try Self.state(folder) == .awaitingApproval)
        #expect(try PipelineRun.run(Self.configuration(path)).awaitingApproval, "run again, it still waits")
        #expect(try tests() == testsBefore, "the test batch is sent once for the same messages")

        // An input changed after the preview was read: the approval does not cover the new messages.
        let handle = try #require(FileHandle(forWritingAtPath: input))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("M.;NOUVEAU;Jean;06 10 00 00 99;29200;Brest;01/01/1960;Oui;01/01/2026;31/12/2026;fr;Client\n".utf8))
        try handle.close()
        var approving = Self.configuration(path)
        approving.approve = true
        let refused = #expect(throws: PipelineError.self) { try PipelineRun.run(approving) }
        #expect(refused?.code == .approvalRefused && refused?.detail.contains("changed since they were approved") == true)
        #expect(try ledger() == testsBefore, "nothing but the test batch")

        // The new messages, approved in turn, are sent.
        let approved = try PipelineRun.run(approving)
        #expect(!approved.awaitingApproval && approved.steps.last?.step == .emit)
        let (all, testMessages) = (try ledger() ?? 0, try tests() ?? 0)
        #expect(all - testMessages == 12)
        #expect(try Self.state(folder) == .scheduled, "its first send, 2026-11-28 19:59:58, is after the run's now")
    }

    @Test("a one-off pipeline run on a second date with other messages is refused in the pipeline's words; the same messages change nothing")
    func oneOffTwice() throws {
        let folder = try TemporaryFolder()
        let input = folder.file("clients.csv")
        try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent("targeting/clients.csv").path, toPath: input)
        let path = try Self.write(folder, input: input, steps: "steps: [import, target, render, emit]")
        _ = try PipelineRun.run(Self.configuration(path))
        var next = Self.configuration(path)
        next.date = CivilDate.parse("2026-11-28")!
        let same = try PipelineRun.run(next).steps.last?.summary ?? ""
        #expect(same.contains("already emitted") && same.contains("nothing changed"), "the same messages: nothing sent twice: \(same)")

        let handle = try #require(FileHandle(forWritingAtPath: input))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("M.;NOUVEAU;Jean;06 10 00 00 99;29200;Brest;01/01/1960;Oui;01/01/2026;31/12/2026;fr;Client\n".utf8))
        try handle.close()
        next.date = CivilDate.parse("2026-11-29")!
        let error = #expect(throws: PipelineError.self) { try PipelineRun.run(next) }
        #expect(error?.code == .alreadySent && error?.category.exitCode == 64)
        #expect(error?.detail.contains("emitted by the run of 2026-11-27") == true, "\(String(describing: error))")
        #expect(error?.hint.contains("--copy NEW_ID") == true)
        let manifest = RunManifest.read(folder.file("runs/noel/2026-11-29/manifest.json"))
        #expect(manifest?.status == "failed" && manifest?.steps.last?.exitCode == 64)
        #expect(try DatabaseQueue(path: folder.file("texto.sqlite")).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM messages") } == 11)
    }

    @Test("a dropped file's run reads it instead of the pipeline's inputs, in a run and a campaign of its own, with the counts a receipt needs")
    func droppedFile() throws {
        let folder = try TemporaryFolder()
        let path = try Self.write(folder, input: "unused.csv", steps: "steps: [import, target, render, emit]")
        var configuration = Self.configuration(path)
        let fixture = Self.fixtures.appendingPathComponent("targeting/clients.csv").path
        configuration.drop = DroppedFile(path: fixture, name: "clients.csv", tag: "0123abcd")
        let summary = try PipelineRun.run(configuration)
        #expect(summary.run == "2026-11-27-0123abcd" && summary.folder == folder.file("runs/noel/2026-11-27-0123abcd"))
        let counts = Dictionary(summary.steps.map { ($0.step, $0.counts ?? [:]) }) { $1 }
        #expect(counts[.import]?["rows"] == 60 && counts[.import]?["contacts"] == 59 && counts[.import]?["rejects.duplicate"] == 1)
        #expect(counts[.render]?["messages"] == 11 && counts[.render]?["cost"] == 4_950)
        #expect(counts[.emit]?["messages"] == 11 && counts[.emit]?["first_send"] == 1_795_892_398 && counts[.emit]?["last_send"] == 1_796_022_008, "\(String(describing: counts[.emit]))")
        let store = try DatabaseQueue(path: folder.file("texto.sqlite"))
        #expect(try store.read { try String.fetchAll($0, sql: "SELECT id || ' ' || name FROM campaigns") } == ["noel-0123abcd Noël (clients.csv)"])
        #expect(RunManifest.read(folder.file("runs/noel/2026-11-27-0123abcd/manifest.json"))?.drop?.name == "clients.csv")

        configuration.drop = DroppedFile(path: fixture, name: "encore.csv", tag: "4567cdef")
        _ = try PipelineRun.run(configuration)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(DISTINCT campaign_id) FROM messages") } == 2, "another file, another campaign")
        let error = #expect(throws: PipelineError.self) { try PipelineRun.run(Self.configuration(path)) }
        #expect(error?.detail.contains("unused.csv") == true || error?.code == .missingFile, "without a drop, the pipeline's own input")
    }

    @Test("run ids: a date, or a date and a dropped file's tag", arguments: [
        ("2026-11-27", "2026-11-27", nil), ("2026-11-27-0123abcd", "2026-11-27", "0123abcd"), ("2026-11-27-0123abcg", nil, nil),
        ("2026-11-27-0123", nil, nil), ("2026-11-27x", nil, nil), ("today", nil, nil),
    ] as [(String, String?, String?)])
    func runIDs(_ run: String, _ date: String?, _ tag: String?) {
        let parsed = RunID.parse(run)
        #expect(parsed?.date.description == date && parsed?.tag == tag)
    }

    @Test("--approve on a run that awaits nothing is refused")
    func approveNothing() throws {
        let folder = try TemporaryFolder()
        let path = try Self.write(folder, steps: "approval: required\nsteps: [import]")
        var configuration = Self.configuration(path)
        configuration.approve = true
        let error = #expect(throws: PipelineError.self) { try PipelineRun.run(configuration) }
        #expect(error?.detail.contains("does not await an approval") == true)
    }

    @Test("new since the last run: a later run keeps only the numbers no earlier run saw; the same run again keeps its own")
    func newSinceLastRun() throws {
        let folder = try TemporaryFolder()
        let input = folder.file("clients.csv")
        try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent("targeting/clients.csv").path, toPath: input)
        let path = folder.file("welcome.yaml")
        try """
            campaign: {id: welcome, sender: KERKAFE}
            input: {files: [clients.csv]}
            targeting: {consent_column: AUTORISE_SMS, new_since_last_run: true}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        func run(_ date: String) throws -> RunManifest.StepRecord? {
            var configuration = RunConfiguration(pipeline: path, date: CivilDate.parse(date)!)
            configuration.now = 1_795_863_600
            return try PipelineRun.run(configuration).steps.last
        }
        let first = try run("2026-11-27")
        #expect(first?.counts?["audience"] == 35 && first?.counts?["excluded.seen_before"] == nil, "\(String(describing: first?.counts))")
        #expect(try run("2026-11-27")?.counts?["audience"] == 35, "the same run again: its own numbers are not 'seen before'")
        let handle = try #require(FileHandle(forWritingAtPath: input))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("M.;NOUVEAU;Jean;06 10 00 00 99;29200;Brest;01/01/1960;Oui;01/01/2026;31/12/2026;fr;Client\n".utf8))
        try handle.close()
        let next = try run("2026-11-28")
        #expect(next?.counts?["audience"] == 1 && next?.counts?["excluded.seen_before"] == 35, "\(String(describing: next?.counts))")
        let audience = try String(contentsOfFile: folder.file("runs/welcome/2026-11-28/audience.csv"), encoding: .utf8)
        #expect(audience.contains("+33610000099"))
    }

    @Test("cancel: a Gammu outbox's files not picked up are withdrawn and leave the ledger; taken ones were sent; a later run does nothing")
    func cancelGammu() throws {
        let folder = try TemporaryFolder()
        let path = try Self.write(folder, steps: "steps: [import, target, render, emit]")
        try (try String(contentsOfFile: path, encoding: .utf8)).replacingOccurrences(of: "emit: {format: csv, out: batches}",
                                                                                   with: "emit: {format: gammu, out: outbox}")
            .write(toFile: path, atomically: true, encoding: .utf8)
        _ = try PipelineRun.run(Self.configuration(path))
        let ledger = { try DatabaseQueue(path: folder.file("texto.sqlite")).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM messages") } }
        #expect(try ledger() == 11)
        let outbox = try FileManager.default.contentsOfDirectory(atPath: folder.file("outbox")).filter { !$0.hasPrefix(".") && $0.hasPrefix("OUT") }.sorted()
        #expect(outbox.count == 11)
        // The daemon took the first file: that message was sent.
        try FileManager.default.removeItem(atPath: folder.file("outbox/\(outbox[0])"))
        let line = try PipelineRun.cancel(path, run: "2026-11-27")
        #expect(line.contains("10 messages withdrawn") && line.contains("1 files had already been taken"), "\(line)")
        #expect(try ledger() == 1, "the sent message stays in the ledger")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("runs/noel/2026-11-27/withdrawn")).count == 10)
        #expect(try PipelineRun.schedule(path, now: 1_795_863_600).first?.state == "partly sent")
        #expect(try Self.state(folder) == .partlySent)
        let again = try PipelineRun.run(Self.configuration(path))
        let after = try ledger()
        #expect(again.notDue?.contains("cancelled") == true && after == 1, "a cancelled run is not emitted again")
    }

    @Test("cancel: CSV files move aside but may be at the gateway, so the ledger keeps them and the run says to cancel there; before its emit, a run is simply cancelled")
    func cancelCSV() throws {
        let folder = try TemporaryFolder()
        let path = try Self.write(folder, steps: "steps: [import, target, render, emit]")
        _ = try PipelineRun.run(Self.configuration(path))
        let line = try PipelineRun.cancel(path, run: "2026-11-27")
        #expect(line.contains("cancel campaign noel there"), "\(line)")
        #expect(try DatabaseQueue(path: folder.file("texto.sqlite")).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM messages") } == 11)
        #expect(try PipelineRun.schedule(path, now: 1_795_863_600).first?.state == "cancel requested")
        #expect(try Self.state(folder) == .cancelRequested)
        #expect(!FileManager.default.fileExists(atPath: folder.file("batches/noel.csv")))

        var dry = Self.configuration(path)
        dry.date = CivilDate.parse("2026-11-26")!
        dry.dryRun = true
        _ = try PipelineRun.run(dry)
        #expect(try PipelineRun.cancel(path, run: "2026-11-26").contains("cancelled before its emit"))
        #expect(throws: PipelineError.self) { try PipelineRun.cancel(path, run: "2026-01-01") }
    }

    @Test("move: an emitted run is emitted again at the new time (files and ledger), and later runs of that date keep it; a run not emitted yet sends at it when it is")
    func move() throws {
        let folder = try TemporaryFolder()
        let path = try Self.write(folder, steps: "steps: [import, target, render, emit]")
        _ = try PipelineRun.run(Self.configuration(path))
        let first = { try DatabaseQueue(path: folder.file("texto.sqlite")).read { try String.fetchOne($0, sql: "SELECT min(scheduled_at) FROM messages") } }
        #expect(try first() == "2026-11-28T18:59:58Z")
        let line = try PipelineRun.move(path, run: "2026-11-27", to: "2026-12-05 10:00", now: 1_795_863_600)
        #expect(line.contains("emitted again from") && line.contains("remove them there"), "\(line)")
        #expect(try first() == "2026-12-05T09:00:00Z")
        #expect(try DatabaseQueue(path: folder.file("texto.sqlite")).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM messages") } == 11)
        #expect(try String(contentsOfFile: folder.file("batches/noel.csv"), encoding: .utf8).contains("2026-12-05"))
        let again = try PipelineRun.run(Self.configuration(path))
        #expect(again.steps.last?.step == .emit, "a later run of that date keeps the moved time")
        #expect(try first() == "2026-12-05T09:00:00Z")

        // Not emitted yet (a dry run): the move waits for the run.
        let other = try TemporaryFolder()
        let otherPath = try Self.write(other, steps: "steps: [import, target, render, emit]")
        var dry = Self.configuration(otherPath)
        dry.dryRun = true
        _ = try PipelineRun.run(dry)
        #expect(try PipelineRun.move(otherPath, run: "2026-11-27", to: "2026-12-04 10:00", now: 1_795_863_600).contains("not emitted yet"))
        _ = try PipelineRun.run(Self.configuration(otherPath))
        let moved = try DatabaseQueue(path: other.file("texto.sqlite")).read { try String.fetchOne($0, sql: "SELECT min(scheduled_at) FROM messages") }
        #expect(moved == "2026-12-04T09:00:00Z")
    }

    @Test("leftovers of dead processes are swept, a live process's and everything else kept")
    func leftovers() throws {
        let folder = try TemporaryFolder()
        let dead = Int32(4_194_000)  // above Linux's default pid_max (4194304 is the cap): never running
        let mine = ProcessInfo.processInfo.processIdentifier
        let names = [".audience.csv.tmp-\(dead)-1", ".texto-noel-\(dead)-2", ".audience.csv.tmp-\(mine)-1", "audience.csv", ".hidden-1-2", ".x.tmp-abc-1"]
        for name in names { try Data().write(to: URL(fileURLWithPath: folder.file(name))) }
        let removed = Leftovers.sweep(folder.url.path).map { ($0 as NSString).lastPathComponent }.sorted()
        #expect(removed == [".audience.csv.tmp-\(dead)-1", ".texto-noel-\(dead)-2"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == names.dropFirst(2).sorted())
    }

    @Test("--dry-run stops before the emit: nothing in the ledger, the preview in the run folder")
    func dryRun() throws {
        let folder = try TemporaryFolder()
        let path = try Self.write(folder)
        var configuration = Self.configuration(path)
        configuration.dryRun = true
        let summary = try PipelineRun.run(configuration)
        #expect(summary.steps.map(\.step) == [.import, .target, .render] && summary.report == nil)
        #expect(!FileManager.default.fileExists(atPath: folder.file("batches")))
        #expect(RunManifest.read(folder.file("runs/noel/2026-11-27/manifest.json"))?.status == "dry-run")
        #expect(try Self.state(folder) == .prepared)
    }
}
