import Foundation
import Store
import TextoCore

extension PipelineRun {
    /// The manifest of `run` (its date), which `--schedule` acts on; an error when there is none.
    static func existingRun(_ run: String, of pipeline: PipelineFile) throws -> RunManifest {
        guard RunID.parse(run) != nil,
              let manifest = RunManifest.read((pipeline.runFolder(run) as NSString).appendingPathComponent("manifest.json")) else {
            throw PipelineError(.incomplete, at: DataLocation(option: "--schedule", file: run), "the pipeline has no run \(run)",
                                hint: "texto-run \(pipeline.path) --schedule list shows its runs.")
        }
        return manifest
    }

    /// `--schedule cancel RUN_ID`: what can still be stopped is stopped,
    /// and what cannot is said, never silently "cancelled".
    /// - Before its emit: the run is marked cancelled (a later run of that
    ///   date does nothing) and its approval request withdrawn.
    /// - A Gammu outbox: the files the daemon has not picked up yet move
    ///   to the run's `withdrawn/` folder and their messages leave the
    ///   ledger (they were never sent); those it took were sent.
    /// - CSV or JSON Lines files: they move to `withdrawn/` too, but they
    ///   may already be at the gateway: the ledger keeps them and the run
    ///   is marked "cancel requested", to be cancelled at the gateway.
    /// Returns the line that says what was done.
    public static func cancel(_ path: String, run: String, wait: Int = 0, store given: String? = nil) throws -> String {
        let pipeline = try PipelineFile.load(path)
        let store = pipeline.storeLocation(given: given)
        let lock = try RunLock.forRun(store: store, campaign: pipeline.ledgerCampaign(run: run), wait: wait)
        defer { withExtendedLifetime(lock) {} }
        let folder = pipeline.runFolder(run)
        let manifestPath = (folder as NSString).appendingPathComponent("manifest.json")
        var manifest = try existingRun(run, of: pipeline)
        if manifest.status.hasPrefix("cancel") { return "\(run): already \(manifest.status)" }
        for name in ["approval-request.json", "approved.json"] {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
        guard manifest.steps.contains(where: { $0.step == .emit && $0.status != "failed" }),
              FileManager.default.fileExists(atPath: store) else {
            manifest.status = "cancelled"
            try manifest.write(manifestPath)
            if FileManager.default.fileExists(atPath: store) { try recordState(.cancelled, of: pipeline, run: run, store: store) }
            return "\(run): cancelled before its emit: nothing was sent"
        }
        let campaign = pipeline.ledgerCampaign(run: run)
        let batches = pipeline.resolve(pipeline.emit?.out ?? "batches")
        let database = try TextoStore(path: store)
        let names = try database.batchFileNames(ofCampaign: campaign)
        let present = names.filter { FileManager.default.fileExists(atPath: (batches as NSString).appendingPathComponent($0)) }
        let withdrawn = (folder as NSString).appendingPathComponent("withdrawn")
        try FileManager.default.createDirectory(atPath: withdrawn, withIntermediateDirectories: true)
        let gammu = pipeline.emit?.format == "gammu"
        // Out of the ledger first (refused if reports name them), then out of the outbox.
        let messages = gammu ? try database.withdraw(campaign: campaign, files: present) : 0
        for name in present {
            let destination = (withdrawn as NSString).appendingPathComponent((name as NSString).lastPathComponent)
            try FileManager.default.moveItem(atPath: (batches as NSString).appendingPathComponent(name), toPath: destination)
        }
        if gammu {
            let taken = names.count - present.count
            manifest.status = taken == 0 ? "cancelled" : "partly sent"
            try manifest.write(manifestPath)
            try recordState(taken == 0 ? .cancelled : .partlySent, of: pipeline, run: run, store: store)
            return "\(run): \(messages) messages withdrawn from the outbox (\(present.count) files in \(withdrawn))"
                + (taken == 0 ? "; nothing was sent" : "; \(taken) files had already been taken by the gateway: their messages were sent")
        }
        manifest.status = "cancel requested"
        try manifest.write(manifestPath)
        try recordState(.cancelRequested, of: pipeline, run: run, store: store)
        return "\(run): \(present.count) batch files moved to \(withdrawn); if they were already uploaded to the gateway, "
            + "cancel campaign \(campaign) there: the ledger keeps its messages until its reports say what happened"
    }
}
