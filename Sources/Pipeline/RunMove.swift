import Foundation
import Gateway
import Store
import Tables
import TextoCore

/// A run's send moved with `--schedule move`: `schedule.json` in its
/// folder, which every later run of that date reads instead of the
/// pipeline's time.
enum MovedSend {
    private struct Record: Codable {
        var at: String
    }

    static func read(_ folder: String) -> String? {
        JSONFile.read(Record.self, from: (folder as NSString).appendingPathComponent("schedule.json"))?.at
    }

    static func write(_ at: String, in folder: String) throws {
        try JSONFile.write(Record(at: at), to: (folder as NSString).appendingPathComponent("schedule.json"))
    }
}

extension PipelineRun {
    /// `--schedule move RUN_ID --at TIME`: a run not emitted yet will send
    /// at TIME; an emitted one is emitted again at TIME (its batch files
    /// rewritten, its ledger's times changed), while nothing of it has
    /// left: refused once a report came, or once a Gammu daemon took one
    /// of its files. Returns the line that says what was done.
    public static func move(_ path: String, run: String, to at: String, now: Int, wait: Int = 0, store given: String? = nil) throws -> String {
        let pipeline = try PipelineFile.load(path)
        let start: SendStart
        do {
            start = try SendStart(parsing: at)
        } catch {
            throw PipelineError(.invalidFile, at: DataLocation(option: "--at", file: at), "\(error)", hint: "Write the time as 2026-12-20 10:00 (Paris time).")
        }
        var held = try HeldRun(pipeline, run: run, store: given, wait: wait)
        let folder = held.folder
        let date = RunID.parse(run)!.date
        if held.manifest.status.hasPrefix("cancel") || held.manifest.status == "partly sent" {
            throw PipelineError(.incomplete, at: DataLocation(option: "--schedule", file: run), "the run was cancelled (\(held.manifest.status))",
                                hint: "Run the pipeline on another date instead.")
        }
        guard let index = held.manifest.steps.lastIndex(where: { $0.step == .emit && $0.status != "failed" }) else {
            try MovedSend.write(at, in: folder)
            return "\(run): not emitted yet: it will send from \(start.text) when it is"
        }
        var configuration = RunConfiguration(pipeline: path, date: date)
        configuration.now = now
        configuration.store = given
        configuration.drop = held.manifest.drop
        let steps = StepRunner(pipeline: pipeline, configuration: configuration, folder: folder, store: held.store)
        if pipeline.emit?.format == "gammu" {
            let taken = try held.batchFiles(campaign: steps.ledgerCampaign).taken
            guard taken.isEmpty else {
                throw PipelineError(.incomplete, at: DataLocation(option: "--schedule", file: run),
                                    "\(taken.count) of its files were already taken by the Gammu daemon: those messages were sent",
                                    hint: "Cancel the rest with --schedule cancel \(run), then send them again from a new run.")
            }
        }
        let previous = MovedSend.read(folder)
        try MovedSend.write(at, in: folder)
        do {
            let result = try steps.emit(testTo: [], replace: true)
            held.manifest.steps[index].summary = result.summary
            try held.saveManifest()
            let note = pipeline.emit?.format == "gammu" ? ""
                : "; if the earlier files were already uploaded to the gateway, remove them there"
            return "\(run): emitted again from \(start.text): \(result.summary)\(note)"
        } catch {
            if let previous { try? MovedSend.write(previous, in: folder) } else {
                try? FileManager.default.removeItem(atPath: held.file("schedule.json"))
            }
            throw error
        }
    }
}
