/// One file of a batch as `manifest.json` lists it.
public struct BatchFile: Sendable, Equatable {
    /// The file's name in the batch folder (`noel-2026-0001.csv`).
    public var name: String
    /// Messages in the file.
    public var messages: Int
    /// The earliest and latest send times of its messages, ISO 8601 with
    /// their offset (`2026-11-28T14:00:00+01:00`).
    public var firstSendAt: String
    public var lastSendAt: String
    /// SHA-256 of the file's bytes, 64 lower-case hex digits.
    public var sha256: String
}

/// What a batch holds, as `manifest.json` says it: known once `finish()`
/// has closed every file, before anything is renamed into place, so that
/// the caller can record the same files in its ledger.
public struct BatchManifest: Sendable, Equatable {
    public var campaign: String
    public var format: BatchFormat
    /// Every file, sorted by name (for the Gammu outbox, the order it sends them in).
    public var files: [BatchFile]

    public init(campaign: String, format: BatchFormat, files: [BatchFile]) {
        self.campaign = campaign
        self.format = format
        self.files = files.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// Messages in all the files.
    public var messages: Int { files.reduce(0) { $0 + $1.messages } }

    /// The manifest's bytes: fixed key order, one file per line, no time
    /// of the run, so that the same batch gives the same bytes.
    ///
    /// ```
    /// {"campaign":"noel-2026","format":"csv","messages":3,"files":[
    /// {"name":"noel-2026.csv","messages":3,"first_send_at":"…","last_send_at":"…","sha256":"…"}
    /// ]}
    /// ```
    public var json: [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        JSONText.appendMember("campaign", campaign, to: &bytes)
        JSONText.appendMember("format", format.rawValue, to: &bytes)
        JSONText.appendMember("messages", messages, to: &bytes)
        JSONText.appendKey("files", to: &bytes)
        bytes.append(UInt8(ascii: "["))
        for (index, file) in files.enumerated() {
            bytes.append(contentsOf: index == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A])
            bytes.append(UInt8(ascii: "{"))
            JSONText.appendMember("name", file.name, to: &bytes)
            JSONText.appendMember("messages", file.messages, to: &bytes)
            JSONText.appendMember("first_send_at", file.firstSendAt, to: &bytes)
            JSONText.appendMember("last_send_at", file.lastSendAt, to: &bytes)
            JSONText.appendMember("sha256", file.sha256, to: &bytes)
            bytes.append(UInt8(ascii: "}"))
        }
        if !files.isEmpty { bytes.append(0x0A) }
        bytes.append(contentsOf: Array("]}\n".utf8))
        return bytes
    }
}
