import Crypto
import Foundation
import TextoCore

/// What a file given to `texto-ingest` holds.
public enum IngestFormat: String, Sendable, CaseIterable {
    /// SMPP delivery receipts, one per line, anywhere in the line (a gateway's log).
    case smpp
    /// A gateway's submit log: our id beside the SMSC's (`id:... message_id:...`).
    case submitLog = "submit-log"
    /// A Gammu SMSD inbox file (a reply).
    case gammuInbox = "gammu-inbox"
    /// Replies as CSV: `phone`, `received_at`, `text` (French or English names).
    case repliesCSV = "replies-csv"
    /// A provider's per-message export: a number and a status in words
    /// (MONEY: "Téléphone; Date d'envoi; Date de réception"; ARA: Délivré,
    /// Non délivré, Echec d'envoi, En cours, Répondu).
    case providerCSV = "provider-csv"
    /// Kannel `dlr-url` requests, one per line (`type=%d`, our id, `%A`).
    case kannel

    /// The format of the file named `name` whose first lines are `head`;
    /// nil when none fits.
    static func detect(name: String, head: [String]) -> IngestFormat? {
        if name.hasPrefix("IN"), name.hasSuffix(".txt"), GammuInboxFile(name: name, bytes: []) != nil { return .gammuInbox }
        let lines = head.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let first = lines.first else { return nil }
        if RepliesCSV.columns(first) != nil { return .repliesCSV }
        if ProviderCSV.columns(first) != nil { return .providerCSV }
        if lines.contains(where: { SubmitLogLine.parse($0) != nil }) { return .submitLog }
        if lines.contains(where: { KannelDLR.parse($0) != nil }) { return .kannel }
        if lines.contains(where: { ReceiptParser.parse($0) != nil }) { return .smpp }
        return nil
    }
}

/// One line of a submit log: our id and the SMSC's, e.g.
/// `2026-11-28 16:00:00 [SUBMIT] id:A5MQBXKFSNR0ULSWEQ9V to:+33630050660 message_id:e459320dd7`.
struct SubmitLogLine: Equatable {
    var ours: String
    var smsc: String

    static func parse(_ line: some StringProtocol) -> SubmitLogLine? {
        var text = String(line)
        return text.withUTF8 { buffer in
            let bytes = UnsafeRawBufferPointer(buffer)
            return fields(bytes).map {
                SubmitLogLine(ours: String(decoding: bytes[$0.ours], as: UTF8.self), smsc: String(decoding: bytes[$0.smsc], as: UTF8.self))
            }
        }
    }

    /// Where our id and the SMSC's stand in a line's bytes; nil for a line
    /// that is not a submit (a receipt has `stat:`).
    static func fields(_ bytes: UnsafeRawBufferPointer) -> (ours: Range<Int>, smsc: Range<Int>)? {
        guard let smscStart = ReceiptFields.value(of: "message_id:", in: bytes, from: 0),
              let oursStart = ReceiptFields.value(of: "id:", in: bytes, from: 0) else { return nil }
        let ours = ReceiptFields.token(bytes, from: oursStart), smsc = ReceiptFields.token(bytes, from: smscStart)
        guard !ours.isEmpty, !smsc.isEmpty, !bytes[ours].contains(UInt8(ascii: ":")),
              ReceiptFields.value(of: "stat:", in: bytes, from: 0) == nil else { return nil }
        return (ours, smsc)
    }
}

/// Replies as a CSV: the columns found by their French or English names.
enum RepliesCSV {
    static let phoneNames = ["phone", "telephone", "téléphone", "numero", "numéro", "from", "expediteur", "expéditeur", "sender"]
    static let timeNames = ["received_at", "date de reception", "date de réception", "date", "received", "recu le", "reçu le"]
    static let textNames = ["text", "texte", "message", "reponse", "réponse", "contenu"]

    /// The indexes of the phone, time and text columns in a header line; nil when it is not one.
    static func columns(_ header: String) -> Columns? {
        let separator = separator(of: header)
        let names = splitLine(header, separator: separator).map { ColumnKey.of($0) }
        func find(_ candidates: [String]) -> Int? { names.firstIndex { candidates.map(ColumnKey.of).contains($0) } }
        guard let phone = find(phoneNames), let time = find(timeNames), let text = find(textNames) else { return nil }
        return Columns(phone: phone, time: time, text: text, separator: separator)
    }

    /// Where the replies' fields are, and the separator the header uses.
    struct Columns {
        var phone: Int, time: Int, text: Int
        var separator: Character
    }

    /// The separator a header uses: `;` when it has more of them than `,`.
    static func separator(of header: String) -> Character {
        header.filter { $0 == ";" }.count > header.filter { $0 == "," }.count ? ";" : ","
    }

    /// The fields of one CSV line (RFC 4180 quotes; no line breaks inside fields).
    static func splitLine(_ line: String, separator: Character) -> [String] {
        var fields: [String] = [], field = "", quoted = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            if quoted {
                if character == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { field.append("\"") } else {
                            quoted = false
                            if next == separator { fields.append(field); field = "" } else { field.append(next) }
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" && field.isEmpty {
                quoted = true
            } else if character == separator {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}

/// A file's complete lines, read in chunks (memory stays flat whatever
/// the file's size), with the SHA-256 of every byte up to the end of the
/// last complete line: a gateway may be writing the file, and its last line
/// may be half there.
struct CompleteLines {
    let path: String
    /// Bytes from the start of the file to the end of the last complete line.
    private(set) var size = 0
    /// SHA-256 (hex) of those bytes.
    private(set) var sha256 = ""
    /// Bytes after the last complete line, left for next time.
    private(set) var leftOver = 0
    /// SHA-256 of the first `resumeAt` bytes, to check they are what was read
    /// before; nil when the file's complete lines end before them.
    private(set) var prefixSHA256: String?
    /// Complete lines in the first `resumeAt` bytes.
    private(set) var linesBefore = 0
    /// Where `forEachLine` starts, and the number of its first line.
    private(set) var start = 0
    private(set) var firstLine = 1

    static let chunk = 1 << 20
    /// The longest line read: receipts and replies are under a kilobyte; a
    /// longer line is not one of them, and is never held in memory whole.
    static let maximumLine = 1 << 20

    /// Hashes the file at `path`, noting the hash of its first `resumeAt`
    /// bytes (the end of what an earlier run read).
    init(path: String, resumeAt: Int) throws {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DeliveryError(.unreadableFile, at: DataLocation(file: path), "the file cannot be read",
                                hint: "Check that it exists and that this user may read it.")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var hashed = 0, newlines = 0
        var pending: [UInt8] = []   // bytes after the last newline seen
        func hash(_ bytes: ArraySlice<UInt8>) {
            // Split at `resumeAt` to take the prefix's hash on the way.
            if prefixSHA256 == nil, resumeAt > 0, hashed < resumeAt, hashed + bytes.count >= resumeAt {
                let cut = bytes.startIndex + (resumeAt - hashed)
                hasher.update(data: bytes[..<cut])
                newlines += bytes[..<cut].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
                prefixSHA256 = Self.hex(hasher)
                linesBefore = newlines
                hasher.update(data: bytes[cut...])
            } else {
                hasher.update(data: bytes)
                if prefixSHA256 == nil { newlines += bytes.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } }
            }
            hashed += bytes.count
        }
        while let data = try handle.read(upToCount: Self.chunk), !data.isEmpty {
            let bytes = [UInt8](data)
            if let last = bytes.lastIndex(of: 0x0A) {
                hash((pending + bytes[...last])[...])
                pending = Array(bytes[(last + 1)...])
            } else {
                pending += bytes
            }
            if pending.count > Self.maximumLine {
                throw DeliveryError(.lineTooLong, at: DataLocation(file: path, line: newlines + 1),
                                    "the line is longer than 1 MiB: no delivery report or reply is",
                                    hint: "Check that this is a file of delivery reports or replies (a binary file or a cut export is not).")
            }
        }
        if resumeAt == 0 { prefixSHA256 = Self.hex(SHA256()) }
        size = hashed
        sha256 = Self.hex(hasher)
        leftOver = pending.count
    }

    private static func hex(_ hasher: SHA256) -> String {
        hasher.finalize().hex
    }

    /// Reads from `offset` (a line's start), the lines numbered from `linesBefore + 1` when resuming.
    mutating func start(at offset: Int) {
        start = offset
        firstLine = offset == 0 ? 1 : linesBefore + 1
    }

    /// Calls `body` with each complete line from `start` (without its line
    /// end, a CR before the LF dropped) and its number in the file.
    func forEachLine(_ body: (Substring, Int) throws -> Void) throws {
        try forEachLineBytes { bytes, number in try body(Substring(String(decoding: bytes, as: UTF8.self)), number) }
    }

    /// The same, each line as its bytes (valid only during the call).
    func forEachLineBytes(_ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DeliveryError(.unreadableFile, at: DataLocation(file: path), "the file cannot be read",
                                hint: "Check that it exists and that this user may read it.")
        }
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(start))
        var position = start, number = firstLine
        var pending: [UInt8] = []
        while position < size, let data = try handle.read(upToCount: min(Self.chunk, size - position)), !data.isEmpty {
            position += data.count
            pending += data
            var consumed = 0
            try pending.withUnsafeBytes { bytes in
                var lineStart = 0
                while let end = memchr(bytes.baseAddress! + lineStart, 0x0A, bytes.count - lineStart) {
                    let lineEnd = bytes.baseAddress!.distance(to: UnsafeRawPointer(end))
                    let cut = lineEnd > lineStart && bytes[lineEnd - 1] == 0x0D ? lineEnd - 1 : lineEnd
                    try body(UnsafeRawBufferPointer(rebasing: bytes[lineStart..<cut]), number)
                    number += 1
                    lineStart = lineEnd + 1
                }
                consumed = lineStart
            }
            pending.removeSubrange(..<consumed)
        }
    }

    /// The file's first line, without its line end (a CSV's header).
    static func firstLine(of path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.read(upToCount: 64 << 10) else { return "" }
        try? handle.close()
        let line = String(decoding: data.prefix { $0 != 0x0A }, as: UTF8.self)
        return line.hasSuffix("\r") ? String(line.dropLast()) : line
    }
}

extension SHA256.Digest {
    /// Lowercase hex, as the store keeps file hashes.
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
