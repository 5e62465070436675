import TextoCore

/// Which files a batch is written as.
public enum BatchFormat: String, Sendable, CaseIterable {
    /// CSV for a provider's bulk upload (`<name>.csv`, `<name>-0001.csv`...).
    case csv
    /// JSON Lines for HTTP APIs (`<name>.jsonl`, `<name>-0001.jsonl`...).
    case jsonl
    /// A Gammu SMSD "files" outbox: one file per message.
    case gammu
}

/// Writes one batch of messages as gateway files that appear together or
/// not at all.
///
/// The life of a writer: `write` every message, `finish()` (every file is
/// complete and synced, but hidden; the manifest tells their names,
/// counts and hashes), then `commit()` (every file and last the manifest
/// renamed into place). The caller can record the manifest in its ledger
/// between the two, inside the transaction it commits right after
/// `commit()` returns. An error, `discard()`, or dropping the writer
/// before `commit()` removes everything it wrote.
public protocol BatchWriter: AnyObject {
    /// Appends `message`; returns the name of the file it went into.
    @discardableResult
    func write(_ message: GatewayMessage) throws -> String
    /// Closes and syncs every file and writes the manifest, all still
    /// hidden; returns the manifest.
    func finish() throws -> BatchManifest
    /// Renames every file into the folder, in name order, then the manifest.
    func commit() throws
    /// Removes everything written so far; nothing appears.
    func discard()
}

/// Where a batch goes and how its files are named.
public struct BatchConfiguration: Sendable {
    /// The folder the files go into (for Gammu, the outbox itself).
    public var folder: String
    /// The campaign id, as the manifest names it.
    public var campaign: String
    /// The files' name before `-0001` and the extension: the campaign id,
    /// or `<campaign>-test` for a test send. `[A-Za-z0-9_-]`, 1-64 characters.
    public var name: String
    /// At most this many messages per file (`--chunk N`): files
    /// `<name>-0001.csv`, `<name>-0002.csv`...; nil: one file `<name>.csv`.
    /// Not for the Gammu outbox, whose files hold one message each.
    public var chunk: Int?
    /// Where the manifest goes; nil: `<folder>/manifest.json`. For a Gammu
    /// outbox, better outside it: the outbox empties as Gammu sends (Gammu
    /// itself ignores a name that does not start with `OUT`).
    public var manifest: String?

    public init(folder: String, campaign: String, name: String? = nil, chunk: Int? = nil, manifest: String? = nil) {
        self.folder = folder
        self.campaign = campaign
        self.name = name ?? campaign
        self.chunk = chunk
        self.manifest = manifest
    }

    /// The folder with one trailing `/`.
    var folderPrefix: String { folder.isEmpty ? "./" : folder.hasSuffix("/") ? folder : folder + "/" }

    /// Where the manifest goes.
    var manifestPath: String { manifest ?? folderPrefix + "manifest.json" }

    /// True when `text` holds only ASCII letters, digits, `-` and `_`:
    /// it can go into a file name anywhere (batch names, campaign ids).
    static func isFileNamePart(_ text: String) -> Bool {
        text.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }

    /// Refuses a name that cannot be a file name, and a chunk below 1.
    func validate() throws(GatewayError) {
        guard Self.isFileNamePart(name), (1...64).contains(name.utf8.count) else {
            throw GatewayError(.invalidName, at: .none, "\"\(name)\" cannot name batch files",
                               hint: "Use 1 to 64 letters, digits, - or _.")
        }
        if let chunk, chunk < 1 {
            throw GatewayError(.invalidOption, at: DataLocation(option: "--chunk"), "a chunk of \(chunk) messages per file",
                               hint: "Give at least 1, or leave --chunk out for one file.")
        }
    }
}
