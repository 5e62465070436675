import Tables
import TextoCore

/// The files of one batch while they are written: in a hidden folder
/// inside the destination folder (`.texto-<name>-<pid>-<n>/`, mode 0700),
/// renamed into the folder together by `commit()`, removed by `discard()`
/// or deinit.
///
/// Inside the destination, not beside it: a rename never crosses file
/// systems, and a Gammu outbox's parent is often not ours to write. Gammu
/// stages its own rewrites the same way (a `.XXXXXX` folder in the outbox,
/// smsd/services/files.c, `SMSDFiles_AddSentSMSInfo`), and its outbox scan
/// skips every name starting with `.` (`SMSDFiles_FindOutboxSMS`).
///
/// What a crash leaves (the caller records its ledger between `finish()`
/// and the end of `commit()`, and treats the manifest as the mark of a
/// complete batch):
/// - before `finish()` returns: only the hidden staging folder; nothing a
///   gateway or a reader of the folder takes.
/// - during `commit()`: each file is wholly in the staging folder or wholly
///   in the destination (its bytes were synced before any rename; a rename
///   is atomic), and the renames go in name order, so the destination holds
///   the first files of the batch, in the order Gammu sends them, and no
///   manifest. A Gammu daemon may already be sending those: a rename into a
///   live outbox cannot be taken back, only made short (10,000 renames take
///   a fraction of a second).
/// - after the files' folder is synced and the manifest renamed and synced:
///   the batch is complete; an empty staging folder may remain.
final class StagedBatch {
    let configuration: BatchConfiguration
    let format: BatchFormat
    /// The staging folder, with a trailing `/`.
    let staging: String
    private var files: [BatchFile] = []
    private var manifestOutput: AtomicOutputFile?
    private(set) var state = State.writing

    enum State { case writing, finished, committed, discarded }

    /// Creates the staging folder in `configuration.folder`.
    init(_ configuration: BatchConfiguration, format: BatchFormat) throws(GatewayError) {
        try configuration.validate()
        self.configuration = configuration
        self.format = format
        // An emit killed before its commit left its staging folder: gone once its process is.
        Leftovers.sweep(configuration.folder)
        var attempt = 0
        while true {
            attempt += 1
            let candidate = configuration.folderPrefix + ".texto-\(configuration.name)-\(System.processID)-\(attempt)"
            do {
                try System.makeDirectory(candidate, mode: 0o700)
                staging = candidate + "/"
                return
            } catch where error.fileExists && attempt < 1000 {
                continue
            } catch {
                throw .cannotWrite(configuration.folder, "create a folder in it", cause: error.description)
            }
        }
    }

    deinit { discard() }

    /// Where the file `name` is written until `commit()`.
    func stagingPath(_ name: String) -> String { staging + name }

    /// Counts `file` in the batch; its bytes are in `stagingPath(file.name)`.
    func add(_ file: BatchFile) {
        precondition(state == .writing, "a file added to a batch \(state)")
        files.append(file)
    }

    /// Writes the manifest under a temporary name beside its place and
    /// returns it. The files must be synced already.
    func finish() throws(GatewayError) -> BatchManifest {
        precondition(state == .writing, "finish() on a batch \(state)")
        let manifest = BatchManifest(campaign: configuration.campaign, format: format, files: files)
        files = manifest.files
        do {
            let output = try AtomicOutputFile(path: configuration.manifestPath)
            manifestOutput = output
            try manifest.json.withUnsafeBytes { bytes throws in try output.write(bytes) }
            try output.flush()
        } catch {
            discard()
            throw Self.converted(error, path: configuration.manifestPath)
        }
        state = .finished
        return manifest
    }

    /// Renames every file into the folder in name order, syncs the folder,
    /// then renames the manifest into place. On failure, moves back what
    /// it moved and removes everything.
    func commit() throws(GatewayError) {
        precondition(state == .finished, "commit() on a batch \(state), not finished")
        let folder = configuration.folderPrefix
        var moved = 0
        do {
            for file in files {
                try System.moveFile(staging + file.name, to: folder + file.name)
                moved += 1
            }
            try System.syncDirectory(folder)
        } catch {
            undo(moved)
            let operation = moved < files.count ? "move \(files[moved].name) into it" : "sync it to disk"
            throw .cannotWrite(configuration.folder, operation, cause: error.description)
        }
        do {
            try manifestOutput?.commit()
        } catch {
            undo(moved)
            throw Self.converted(error, path: configuration.manifestPath)
        }
        manifestOutput = nil
        state = .committed
        // Empty now; a crash before this leaves an empty hidden folder.
        try? System.removeDirectory(staging)
    }

    /// Removes the staging folder and what is in it (the files written,
    /// and any temporary file still open there) and the manifest's
    /// temporary file. Does nothing once committed.
    func discard() {
        guard state == .writing || state == .finished else { return }
        state = .discarded
        manifestOutput?.discard()
        manifestOutput = nil
        for name in (try? System.listDirectory(staging)) ?? [] {
            try? System.removeFile(staging + name)
        }
        try? System.removeDirectory(staging)
    }

    /// Moves the first `count` files back into the staging folder, then
    /// discards everything.
    private func undo(_ count: Int) {
        for file in files[..<count] {
            try? System.moveFile(configuration.folderPrefix + file.name, to: staging + file.name)
        }
        discard()
    }

    /// `error` (an `OutputError` from `AtomicOutputFile`, or already a
    /// `GatewayError`) as a `GatewayError`.
    static func converted(_ error: any Error, path: String) -> GatewayError {
        switch error {
        case let error as GatewayError: return error
        case let error as OutputError: return .cannotWrite(error.path, error.operation, cause: error.reason)
        default: return .cannotWrite(path, "write", cause: "\(error)")
        }
    }
}
