import Foundation
import Store
import TextoCore

/// A past run that `--schedule cancel` or `--schedule move` acts on: its
/// folder and manifest, read under the campaign's run lock (held as long
/// as this value lives), so that no run of the same campaign starts
/// between reading the manifest and writing it back.
struct HeldRun {
    let pipeline: PipelineFile
    let id: String
    /// The store's location (`--store`, `TEXTO_STORE` or the pipeline's).
    let store: String
    let folder: String
    var manifest: RunManifest
    private let lock: AnyObject

    /// An error when the pipeline has no run `id`; exit 75 when another
    /// run of the campaign holds the lock past `wait` seconds.
    init(_ pipeline: PipelineFile, run id: String, store given: String?, wait: Int) throws {
        self.pipeline = pipeline
        self.id = id
        store = pipeline.storeLocation(given: given)
        lock = try RunLock.forRun(store: store, campaign: pipeline.ledgerCampaign(run: id), wait: wait)
        folder = pipeline.runFolder(id)
        guard RunID.parse(id) != nil, let manifest = RunManifest.read(Self.path("manifest.json", in: folder)) else {
            throw PipelineError(.incomplete, at: DataLocation(option: "--schedule", file: id), "the pipeline has no run \(id)",
                                hint: "texto-run \(pipeline.path) --schedule list shows its runs.")
        }
        self.manifest = manifest
    }

    func saveManifest() throws {
        try manifest.write(Self.path("manifest.json", in: folder))
    }

    /// A file of the run's folder.
    func file(_ name: String) -> String { Self.path(name, in: folder) }

    /// The folder the pipeline emits to.
    var batches: String { pipeline.resolve(pipeline.emit?.out ?? "batches") }

    /// The campaign's batch files as the ledger lists them, split into
    /// those still in `batches` and those gone (a Gammu daemon took them).
    func batchFiles(campaign: String) throws -> (present: [String], taken: [String]) {
        var split: (present: [String], taken: [String]) = ([], [])
        for name in try TextoStore(path: store).batchFileNames(ofCampaign: campaign) {
            if FileManager.default.fileExists(atPath: Self.path(name, in: batches)) { split.present.append(name) } else { split.taken.append(name) }
        }
        return split
    }

    private static func path(_ name: String, in folder: String) -> String {
        (folder as NSString).appendingPathComponent(name)
    }
}
