import TextoCore
import Tables
import Crypto

/// A Gammu SMSD "files" outbox: one file per message, named
/// `OUT<priority><YYYYMMDD>_<HHMMSS>_<serial>_<number>_<id>.txt[d]`
/// (docs/manual/smsd/files.rst in gammu/gammu).
///
/// What Gammu does with it (smsd/services/files.c, `SMSDFiles_FindOutboxSMS`):
/// it lists the outbox with `scandir(..., alphasort)`, skips names starting
/// with `.`, takes the first regular file whose name starts with `OUT` and
/// whose last extension starts with `.txt`, and sends it at once. The date
/// and time are not parsed: they only order the files, so the caller puts
/// the files in the outbox when they may be sent. The number is read
/// between the third and the fourth `_` (a `+` kept, `X` read as `*`); the
/// letters after `.txt` are options (`d`: a delivery report). Names here
/// have fixed-width fields, so they sort by priority, local send time, then
/// serial, in byte order as in any locale's collation. Names follow the
/// wall clock: in the hour that repeats when summer time ends (02:00-03:00
/// on the last Sunday of October), a message of the second pass can sort
/// before a message sent earlier, in the first.
///
/// Content: the text's bytes when it is plain ASCII; otherwise UTF-16
/// big-endian after the BOM FE FF. Gammu reads a file without BOM in the
/// system's locale (accents break when the daemon starts without one), and
/// a file starting with FF FE or FE FF as UTF-16 (`ReadUnicodeFile` in
/// libgammu/misc/coding/coding.c swaps the bytes after FF FE and copies
/// them after FE FF, its own order); Gammu itself writes FE FF
/// (`SMSDFiles_SaveInboxSMS`, `SMSDFiles_CreateOutboxSMS`). Both readings
/// stop at a NUL character, which is refused here.
///
/// Files have mode 0640, as every output holding personal data: the
/// daemon's user needs the files' group (a set-group-id outbox owned by
/// Gammu's group gives them that group) and write access to the outbox.
///
/// No chunks: each file holds one message. Files are written without a
/// sync each into the staging folder, the file system is synced once by
/// `finish()`, and `commit()` renames them into the outbox in name order
/// (see `StagedBatch` for what a crash leaves).
public final class GammuOutboxWriter: BatchWriter {
    /// What Gammu writes when it queues a message itself (`OUTC...` in
    /// `SMSDFiles_CreateOutboxSMS`); `A` is the highest.
    public static let defaultPriority: Character = "C"
    /// Serials have six digits: a million messages per batch, far beyond
    /// what a modem sends in a day.
    static let serialDigits = 6

    private let staged: StagedBatch
    /// `OUT` and the priority letter.
    private let prefix: [UInt8]
    /// `.txt`, or `.txtd` for delivery reports.
    private let suffix: [UInt8]
    private var serial = 0
    private var name: [UInt8] = []
    private var content: [UInt8] = []

    /// Starts a batch in the outbox `configuration.folder`; files appear on
    /// `commit()`. `configuration.chunk` must be nil.
    public init(_ configuration: BatchConfiguration, priority: Character = defaultPriority, deliveryReports: Bool = false) throws {
        guard let letter = priority.asciiValue, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(letter) else {
            throw GatewayError(.invalidOption, at: .init(option: "--priority"), "\"\(priority)\" is not a Gammu priority",
                               hint: "Give a capital letter from A (highest) to Z.")
        }
        if configuration.chunk != nil {
            throw GatewayError(.invalidOption, at: .init(option: "--chunk"), "the Gammu outbox takes one file per message",
                               hint: "Leave --chunk out with the Gammu format.")
        }
        prefix = Array("OUT".utf8) + [letter]
        suffix = Array((deliveryReports ? ".txtd" : ".txt").utf8)
        staged = try StagedBatch(configuration, format: .gammu)
    }

    deinit { staged.discard() }

    @discardableResult
    public func write(_ message: GatewayMessage) throws -> String {
        do {
            return try add(message)
        } catch {
            staged.discard()
            throw error
        }
    }

    /// Syncs the file system once, then writes the manifest (hidden).
    public func finish() throws -> BatchManifest {
        do {
            try System.syncFileSystem(holding: staged.staging)
        } catch {
            staged.discard()
            throw GatewayError.cannotWrite(staged.configuration.folder, "sync the messages to disk", cause: error.description)
        }
        return try staged.finish()
    }

    public func commit() throws { try staged.commit() }

    public func discard() { staged.discard() }

    private func add(_ message: GatewayMessage) throws(GatewayError) -> String {
        let time = try SendTime(message)
        let number = message.to.utf8
        guard number.count >= 2, number.count <= 16, number.first == UInt8(ascii: "+"),
              number.dropFirst().allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw .invalidMessage(message, "\"\(message.to)\" is not an E.164 number (+ and up to 15 digits)",
                                  hint: "Gammu reads the number from the file name; give the normalized number.")
        }
        serial += 1
        guard serial < 1_000_000 else {
            throw GatewayError(.tooManyFiles, at: .none, "more than 999,999 messages in one Gammu batch",
                               hint: "Split the campaign into several emits.")
        }
        name.removeAll(keepingCapacity: true)
        name.append(contentsOf: prefix)
        time.appendGammuStamp(to: &name)
        name.append(UInt8(ascii: "_"))
        name.appendDecimal(serial, width: Self.serialDigits)
        name.append(UInt8(ascii: "_"))
        name.append(contentsOf: number)
        name.append(UInt8(ascii: "_"))
        name.append(contentsOf: message.id.text.utf8)
        name.append(contentsOf: suffix)
        let fileName = String(decoding: name, as: UTF8.self)

        guard Self.encode(message.text, to: &content) else {
            throw .invalidMessage(message, "the text holds a NUL character, where Gammu would cut it",
                                  hint: "Remove the character from the template or the contact's data.")
        }
        let path = staged.stagingPath(fileName)
        do {
            try System.createFile(path, mode: 0o640, bytes: content)
        } catch {
            throw .cannotWrite(staged.configuration.folder, "write \(fileName) in it", cause: error.description)
        }
        let iso = time.iso8601
        staged.add(BatchFile(name: fileName, messages: 1, firstSendAt: iso, lastSendAt: iso,
                             sha256: HashedFile.hex(SHA256.hash(data: content))))
        return fileName
    }

    /// A Gammu file's text: UTF-16 after a BOM (either order, as Gammu's
    /// `ReadUnicodeFile` reads it), else UTF-8.
    package static func decode(_ bytes: [UInt8]) -> String {
        let bigEndian = bytes.starts(with: [0xFE, 0xFF]), littleEndian = bytes.starts(with: [0xFF, 0xFE])
        guard bigEndian || littleEndian else { return String(decoding: bytes, as: UTF8.self) }
        let (high, low) = bigEndian ? (0, 1) : (1, 0)
        let units: [UInt16] = stride(from: 2, to: bytes.count - 1, by: 2).map { index in
            UInt16(bytes[index + high]) << 8 | UInt16(bytes[index + low])
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// The file's bytes for `text` into `bytes`: as is when ASCII, else
    /// FE FF and UTF-16BE. False when the text holds U+0000.
    static func encode(_ text: String, to bytes: inout [UInt8]) -> Bool {
        bytes.removeAll(keepingCapacity: true)
        if text.utf8.contains(0) { return false }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            bytes.append(contentsOf: text.utf8)
            return true
        }
        bytes.append(contentsOf: [0xFE, 0xFF])
        for unit in text.utf16 {
            bytes.append(UInt8(unit >> 8))
            bytes.append(UInt8(unit & 0xFF))
        }
        return true
    }
}
