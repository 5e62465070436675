import Foundation
import Reports
import TableStage
import Tables
import TextoCore

/// One watched folder and the pipeline its drops run: taking a claim from
/// its file to its receipt, and the approvals dropped beside receipts.
final class WatchedFolder {
    let drops: DropFolder
    let pipelinePath: String
    let pipeline: PipelineFile
    private let lock: RunLock?

    init(folder: String, pipeline path: String, wait: Int, shared: Bool = false, takeover: Double = 300) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw PipelineError(.missingFile, at: DataLocation(file: folder), "the folder to watch does not exist",
                                hint: "Make it (mkdir -p \(folder)) and give this user the right to write in it.")
        }
        drops = DropFolder(folder)
        pipelinePath = path
        pipeline = try PipelineFile.load(path)
        guard pipeline.steps.first == .import else {
            throw PipelineError(.incomplete, at: DataLocation(file: path), "a watched folder's pipeline must start by importing the dropped file",
                                hint: "Give the pipeline an input section (input: {country: FR}); its files are left aside for the dropped one.")
        }
        do {
            try drops.prepare()
        } catch {
            throw PipelineError(.incomplete, at: DataLocation(file: folder), "the folder's done/, rejected/ and .texto/ cannot be made",
                                hint: "Give this user the right to write in \(folder).")
        }
        // Shared by several watchers: each claim has its lease instead (`ClaimLease`).
        lock = shared ? nil : try RunLock(path: drops.lock, wait: 0, busy: "another texto-watch is watching this folder",
                                          hint: "Stop the other watcher first, or start every watcher of the folder with --shared.")
        // A watcher killed while writing a receipt or a record left its temporary file.
        // (Leftovers are a dead process's own: on a share, only this host's are judged.)
        for place in [drops.done, drops.rejected, drops.claims, drops.history, drops.seen] {
            Leftovers.sweep(place, minimumAge: shared ? takeover : 0)
        }
    }

    // MARK: - A drop

    /// Takes a claim to its end: the run, the receipt, the file moved to
    /// `done/` or `rejected/`, the record in the history. Throws only when
    /// the store is busy (the claim stays for the next pass) or the folder
    /// cannot be written.
    func process(_ claim: DropClaim, _ configuration: WatchConfiguration) throws -> DropClaim {
        var claim = claim
        if claim.stage == .claimed {
            let receipt = try decide(&claim, configuration)
            claim.stage = .finishing
            claim.storedName = DropFolder.freeName(for: claim.name, in: destination(claim))
            try JSONFile.write(receipt, to: receiptRecord(claim))
            try JSONFile.write(claim, to: drops.claimRecord(claim.id))
            try configuration.reached(.decided)
        }
        return try finish(claim, configuration)
    }

    /// Runs the drop (or recognises it), and says what became of it.
    private func decide(_ claim: inout DropClaim, _ configuration: WatchConfiguration) throws -> Receipt {
        let file = drops.claimedFile(claim)
        let now = configuration.now()
        if claim.sha256 == nil {
            // Hashed between two looks at the file: a writer that kept it
            // open after it settled (a copy that paused) makes it change.
            let before = DropFolder.entry(file, name: claim.name)
            let sha256 = try FileDigest.sha256(file)
            let after = DropFolder.entry(file, name: claim.name)
            guard let after, before == after else { throw ChangedWhileRead() }
            claim.sha256 = sha256
            (claim.size, claim.modified) = (after.size, after.modified)
            try JSONFile.write(claim, to: drops.claimRecord(claim.id))
            try configuration.reached(.hashed)
        } else if let size = claim.size, let now = DropFolder.entry(file, name: claim.name), (now.size, now.modified) != (size, claim.modified) {
            // Changed since it was hashed (a watcher was killed meanwhile): hash it again.
            claim.sha256 = nil
            try JSONFile.write(claim, to: drops.claimRecord(claim.id))
            throw ChangedWhileRead()
        }
        let sha256 = claim.sha256!
        var receipt = Receipt(outcome: .rejected, droppedName: DropFolder.shown(claim.name), storedName: claim.name, droppedAt: claim.droppedAt,
                              processedAt: now)

        // The same content dropped before, and sent or waiting to be: not again.
        if let first = try? String(contentsOfFile: drops.seenRecord(sha256), encoding: .utf8), first != claim.id,
           let original = JSONFile.read(DropClaim.self, from: drops.historyRecord(first)),
           ["scheduled", "awaitingApproval"].contains(original.outcome ?? "") {
            claim.outcome = Receipt.Outcome.duplicate.rawValue
            claim.folder = "done"
            claim.original = original.id
            claim.campaign = original.campaign
            receipt.outcome = .duplicate
            receipt.original = Receipt.Original(name: original.name, droppedAt: original.droppedAt,
                                                receipt: "\(original.folder ?? "done")/\(original.receiptStem ?? original.name).recu.html")
            return receipt
        }
        try write(claim.id, to: drops.seenRecord(sha256))
        try configuration.reached(.seen)

        if let problem = DropProblem.notASpreadsheet(file, language: configuration.language) {
            return rejected(&claim, receipt, problem)
        }
        var run = RunConfiguration(pipeline: pipelinePath, date: CivilDate.parse(claim.date) ?? ParisTime.date(atUnixTime: claim.droppedAt))
        // Now, not the drop's time: a drop left for later (the store was
        // busy) must not be scheduled in the past, outside the legal hours.
        // A run done again keeps its first schedule (the emit's rule).
        run.now = now
        run.wait = configuration.wait
        run.store = configuration.store
        run.drop = DroppedFile(path: file, name: claim.name, tag: String(sha256.prefix(8)))
        claim.run = run.runID
        claim.campaign = pipeline.ledgerCampaign(run: run.runID)
        receipt.campaignID = claim.campaign
        receipt.campaignName = "\(pipeline.campaign.name ?? pipeline.campaign.id) (\(claim.name))"
        let folder = pipeline.runFolder(run.runID)
        do {
            let summary = try PipelineRun.run(run)
            try configuration.reached(.ran)
            fill(&receipt, steps: summary.steps, folder: folder)
            if summary.awaitingApproval {
                receipt.outcome = .awaitingApproval
            } else if pipeline.steps.contains(.emit) {
                receipt.outcome = .scheduled
            } else {
                receipt.outcome = .nothingToSend
                receipt.problem = configuration.language == .fr ? "ce dossier prépare les SMS sans les envoyer" : "this folder prepares the SMS without sending them"
            }
            claim.outcome = receipt.outcome.rawValue
            claim.folder = "done"
            return receipt
        } catch let error as PipelineError where error.code == .locked {
            throw error
        } catch let interrupted as WatchInterrupted {
            throw interrupted
        } catch {
            let manifest = RunManifest.read((folder as NSString).appendingPathComponent("manifest.json"))
            fill(&receipt, steps: manifest?.steps ?? [], folder: folder)
            let failed = manifest?.steps.last { $0.status == "failed" }?.step
            let problem = DropProblem.explain(error, step: failed, receipt: receipt, language: configuration.language)
            return rejected(&claim, receipt, problem)
        }
    }

    private func rejected(_ claim: inout DropClaim, _ receipt: Receipt, _ problem: DropProblem) -> Receipt {
        var receipt = receipt
        receipt.outcome = problem.nothingToSend ? .nothingToSend : .rejected
        receipt.problem = problem.what
        receipt.remedy = problem.todo
        claim.outcome = receipt.outcome.rawValue
        claim.folder = problem.nothingToSend ? "done" : "rejected"
        return receipt
    }

    /// The run's figures in the receipt.
    func fill(_ receipt: inout Receipt, steps: [RunManifest.StepRecord], folder: String) {
        func counts(_ step: PipelineStep) -> [String: Int]? { steps.last { $0.step == step && $0.status != "failed" }?.counts }
        if let counts = counts(.import) {
            receipt.rows = counts["rows"]
            receipt.contacts = counts["contacts"]
            receipt.rejects = counts.filter { $0.key.hasPrefix("rejects.") }.reduce(into: [:]) { $0[String($1.key.dropFirst(8))] = $1.value }
        }
        if let counts = counts(.target) {
            receipt.audience = counts["audience"]
            receipt.exclusions = counts.filter { $0.key.hasPrefix("excluded.") }.reduce(into: [:]) { $0[String($1.key.dropFirst(9))] = $1.value }
        }
        if let counts = counts(.emit) ?? counts(.render) {
            receipt.messages = counts["messages"]
            receipt.units = counts["units"]
            receipt.costTenThousandths = counts["cost"]
            receipt.firstSend = counts["first_send"]
            receipt.lastSend = counts["last_send"]
        }
        receipt.example = Self.firstMessage((folder as NSString).appendingPathComponent("messages.csv"))
    }

    /// The text of the first message the render wrote, if any.
    static func firstMessage(_ path: String) -> String? {
        guard FileManager.default.fileExists(atPath: path), let reader = try? TableFile.open(path) else { return nil }
        var column: Int?
        var text: String?
        try? reader.forEachRow { row in
            guard text == nil else { return }
            guard let index = column else {
                column = (0..<row.width).first { row.string(at: $0) == OwnedColumn.text } ?? -1
                return
            }
            if index >= 0, index < row.width { text = row.string(at: index) }
        }
        return text
    }

    // MARK: - The end of a drop

    private func destination(_ claim: DropClaim) -> String {
        claim.folder == "rejected" ? drops.rejected : drops.done
    }

    private func receiptRecord(_ claim: DropClaim) -> String {
        (drops.claims as NSString).appendingPathComponent("\(claim.id).receipt")
    }

    /// Writes the receipts (whole or not at all), moves the file out of
    /// its claim, and records the drop in the history; each step can be
    /// done again after a kill.
    private func finish(_ claim: DropClaim, _ configuration: WatchConfiguration) throws -> DropClaim {
        var claim = claim
        let folder = destination(claim)
        let stored = claim.storedName ?? claim.name
        // The receipt kept with the claim, so that a watcher started again writes the same one.
        if var receipt = JSONFile.read(Receipt.self, from: receiptRecord(claim)) {
            receipt.storedName = "\(claim.folder ?? "done")/\(DropFolder.shown(stored))"
            try writeReceipts(receipt, claim: claim, in: folder, configuration)
            try configuration.reached(.receipts)
        }
        let claimed = drops.claimedFile(claim)
        if FileManager.default.fileExists(atPath: claimed) {
            guard rename(claimed, (folder as NSString).appendingPathComponent(stored)) == 0 else {
                throw PipelineError(.incomplete, at: DataLocation(file: claimed), "the file cannot be moved to \(folder): \(String(cString: strerror(errno)))",
                                    hint: "Give this user the right to write in \(folder).")
            }
            try configuration.reached(.moved)
        }
        claim.stage = .finished
        try JSONFile.write(claim, to: drops.historyRecord(claim.id))
        try configuration.reached(.recorded)
        try? FileManager.default.removeItem(atPath: receiptRecord(claim))
        try? FileManager.default.removeItem(atPath: drops.claimRecord(claim.id))
        try? FileManager.default.removeItem(atPath: drops.claimFolder(claim.id))
        return claim
    }

    func writeReceipts(_ receipt: Receipt, claim: DropClaim, in folder: String, _ configuration: WatchConfiguration) throws {
        guard let stem = claim.receiptStem else { return }
        var receipt = receipt
        if !receipt.rejects.filter({ $0.key != "duplicate" }).isEmpty, let run = claim.run {
            let rejects = (pipeline.runFolder(run) as NSString).appendingPathComponent("rejects.csv")
            let copy = "\(stem).rejets.csv"
            if FileManager.default.fileExists(atPath: rejects) {
                try copyAtomically(rejects, to: (folder as NSString).appendingPathComponent(copy))
                receipt.rejectsFile = copy
            }
        }
        if receipt.outcome == .awaitingApproval { receipt.approvalFile = "\(stem).APPROUVER" }
        for (suffix, text) in [("recu.txt", receipt.text(configuration.language)), ("recu.html", try receipt.html(configuration.language))] {
            let file = try AtomicOutputFile(path: (folder as NSString).appendingPathComponent("\(stem).\(suffix)"))
            try file.write(text)
            try file.commit()
        }
    }

    private func copyAtomically(_ source: String, to destination: String) throws {
        guard let input = InputStream(fileAtPath: source) else { return }
        let file = try AtomicOutputFile(path: destination)
        input.open()
        defer { input.close() }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = input.read(&buffer, maxLength: buffer.count)
            if count <= 0 { break }
            try buffer.withUnsafeBytes { try file.write(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        try file.commit()
    }

    private func write(_ text: String, to path: String) throws {
        let file = try AtomicOutputFile(path: path)
        try file.write(text)
        try file.commit()
    }
}

/// A claimed file that changed while it was read: it is read again at the next pass.
struct ChangedWhileRead: Error {}

