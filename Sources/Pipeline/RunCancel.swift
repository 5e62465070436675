import Foundation
import Store
import TextoCore

extension PipelineRun {
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
        var held = try HeldRun(pipeline, run: run, store: given, wait: wait)
        let store = held.store
        if held.manifest.status.hasPrefix("cancel") { return "\(run): already \(held.manifest.status)" }
        for name in ["approval-request.json", "approved.json"] {
            try? FileManager.default.removeItem(atPath: held.file(name))
        }
        guard held.manifest.steps.contains(where: { $0.step == .emit && $0.status != "failed" }),
              FileManager.default.fileExists(atPath: store) else {
            held.manifest.status = "cancelled"
            try held.saveManifest()
            if FileManager.default.fileExists(atPath: store) { try recordState(.cancelled, of: pipeline, run: run, store: store) }
            return "\(run): cancelled before its emit: nothing was sent"
        }
        let campaign = pipeline.ledgerCampaign(run: run)
        let (present, taken) = try held.batchFiles(campaign: campaign)
        let withdrawn = held.file("withdrawn")
        try FileManager.default.createDirectory(atPath: withdrawn, withIntermediateDirectories: true)
        let gammu = pipeline.emit?.format == "gammu"
        // Out of the ledger first (refused if reports name them), then out of the outbox.
        let messages = gammu ? try TextoStore(path: store).withdraw(campaign: campaign, files: present) : 0
        for name in present {
            let destination = (withdrawn as NSString).appendingPathComponent((name as NSString).lastPathComponent)
            try FileManager.default.moveItem(atPath: (held.batches as NSString).appendingPathComponent(name), toPath: destination)
        }
        if gammu {
            held.manifest.status = taken.isEmpty ? "cancelled" : "partly sent"
            try held.saveManifest()
            try recordState(taken.isEmpty ? .cancelled : .partlySent, of: pipeline, run: run, store: store)
            return "\(run): \(messages) messages withdrawn from the outbox (\(present.count) files in \(withdrawn))"
                + (taken.isEmpty ? "; nothing was sent" : "; \(taken.count) files had already been taken by the gateway: their messages were sent")
        }
        held.manifest.status = "cancel requested"
        try held.saveManifest()
        try recordState(.cancelRequested, of: pipeline, run: run, store: store)
        return "\(run): \(present.count) batch files moved to \(withdrawn); if they were already uploaded to the gateway, "
            + "cancel campaign \(campaign) there: the ledger keeps its messages until its reports say what happened"
    }
}
