import Foundation
import Reports
import Tables
import TextoCore

/// The "bon à tirer" from the folder: a file named `<receipt>.APPROUVER`
/// (or `APPROUVER` when a single drop waits; `.txt` after it is fine, as
/// Windows' Notepad adds it) dropped in `done/` beside the receipt releases
/// that drop's emit, with the same check as `texto-run --approve`: the
/// messages must be those the receipt showed.
extension WatchedFolder {
    /// Applies the approvals dropped in `done/`; returns how many released a send.
    func approvals(_ configuration: WatchConfiguration) throws -> Int {
        let markers = ((try? FileManager.default.contentsOfDirectory(atPath: drops.done)) ?? []).filter(Self.isApproval).sorted()
        var released = 0
        for marker in markers {
            let markerPath = (drops.done as NSString).appendingPathComponent(marker)
            // Shared: one watcher applies a marker; the others leave it to it
            // (a second would find the drop approved and write a note that
            // no send awaits an approval).
            var lease: ClaimLease?
            if configuration.shared {
                lease = ClaimLease.takeOver(drops.approvalLeaseFile(marker), claimFolder: nil, takeover: configuration.takeover)
                guard lease != nil else { continue }
            }
            defer { lease?.release(claimFolder: markerPath) }
            // Applied by another watcher since the folder was listed.
            guard FileManager.default.fileExists(atPath: markerPath) else { continue }
            // Read for each marker: the one before may have approved a drop (or, shared, another watcher).
            let current = Self.awaitingApproval(drops)
            let stem = Self.approvedStem(marker)
            let targets = stem.map { stem in current.filter { $0.receiptStem?.lowercased() == stem.lowercased() } } ?? current
            guard targets.count == 1, var claim = targets.first else {
                try note(marker, waiting: current, configuration)
                try? FileManager.default.removeItem(atPath: markerPath)
                continue
            }
            if claim.approvedAt == nil {
                claim.approvedAt = configuration.now()
                try JSONFile.write(claim, to: drops.historyRecord(claim.id))
            }
            if try approve(claim, configuration) { released += 1 }
            try? FileManager.default.removeItem(atPath: markerPath)
        }
        return released
    }

    /// Runs the drop's pipeline again with its approval; rewrites its receipt.
    private func approve(_ claim: DropClaim, _ configuration: WatchConfiguration) throws -> Bool {
        guard let run = claim.run, let parsed = RunID.parse(run), let stored = claim.storedName, let sha256 = claim.sha256 else { return false }
        var settings = RunConfiguration(pipeline: pipelinePath, date: parsed.date)
        settings.now = configuration.now()
        settings.wait = configuration.wait
        settings.store = configuration.store
        settings.approve = true
        settings.drop = DroppedFile(path: (drops.done as NSString).appendingPathComponent(stored), name: claim.name, tag: String(sha256.prefix(8)))
        var receipt = Receipt(outcome: .scheduled, droppedName: claim.name, storedName: "done/\(stored)", droppedAt: claim.droppedAt,
                              processedAt: settings.now)
        receipt.campaignID = claim.campaign
        receipt.campaignName = "\(pipeline.campaign.name ?? pipeline.campaign.id) (\(claim.name))"
        var outcome = Receipt.Outcome.scheduled
        do {
            let summary = try PipelineRun.run(settings)
            fill(&receipt, steps: summary.steps, folder: pipeline.runFolder(run))
            outcome = summary.awaitingApproval ? .awaitingApproval : .scheduled
        } catch let error as PipelineError where error.code == .approvalRefused {
            let manifest = RunManifest.read((pipeline.runFolder(run) as NSString).appendingPathComponent("manifest.json"))
            fill(&receipt, steps: manifest?.steps ?? [], folder: pipeline.runFolder(run))
            outcome = .awaitingApproval
            let fr = configuration.language == .fr
            receipt.problem = fr ? "les messages ont changé depuis le reçu (la campagne a été modifiée) : l'accord ne vaut pas pour eux"
                                 : "the messages changed since the receipt (the campaign was changed): the approval does not cover them"
        }
        receipt.outcome = outcome
        var updated = claim
        updated.outcome = outcome.rawValue
        if outcome == .awaitingApproval { updated.approvedAt = nil }
        try writeReceipts(receipt, claim: updated, in: drops.done, configuration)
        try JSONFile.write(updated, to: drops.historyRecord(claim.id))
        configuration.log?("\(claim.name): \(outcome == .scheduled ? "approved, scheduled" : "approval refused: the messages changed")")
        return outcome == .scheduled
    }

    /// A receipt beside an approval that names no waiting drop, or several.
    private func note(_ marker: String, waiting: [DropClaim], _ configuration: WatchConfiguration) throws {
        let fr = configuration.language == .fr
        let names = waiting.compactMap(\.receiptStem).map { "\($0).APPROUVER" }
        let text: String
        if waiting.isEmpty {
            text = fr ? "« \(marker) » : aucun envoi n'attend d'accord dans ce dossier. Rien n'a été fait.\n"
                      : "\"\(marker)\": no send awaits an approval in this folder. Nothing was done.\n"
        } else if Self.approvedStem(marker) == nil {
            text = fr ? "« \(marker) » : plusieurs envois attendent un accord. Nommez le fichier d'après le reçu de celui que vous approuvez : \(names.joined(separator: ", ")).\n"
                      : "\"\(marker)\": several sends await an approval. Name the file after the receipt of the one you approve: \(names.joined(separator: ", ")).\n"
        } else {
            text = fr ? "« \(marker) » : aucun envoi de ce nom n'attend d'accord. Ceux qui attendent : \(names.joined(separator: ", ")).\n"
                      : "\"\(marker)\": no send of that name awaits an approval. Those waiting: \(names.joined(separator: ", ")).\n"
        }
        let file = try AtomicOutputFile(path: (drops.done as NSString).appendingPathComponent("\(marker).recu.txt"))
        try file.write(text)
        try file.commit()
    }

    /// The drops whose receipt awaits an approval.
    static func awaitingApproval(_ drops: DropFolder) -> [DropClaim] {
        drops.finishedClaims().filter { $0.outcome == Receipt.Outcome.awaitingApproval.rawValue }
    }

    static func isApproval(_ name: String) -> Bool {
        var base = name.lowercased()
        if base.hasSuffix(".txt") { base = String(base.dropLast(4)) }
        return base == "approuver" || base.hasSuffix(".approuver")
    }

    /// The receipt stem an approval names; nil for a bare `APPROUVER`.
    static func approvedStem(_ name: String) -> String? {
        var base = name
        if base.lowercased().hasSuffix(".txt") { base = String(base.dropLast(4)) }
        guard base.lowercased().hasSuffix(".approuver") else { return nil }
        return String(base.dropLast(".approuver".count))
    }
}
