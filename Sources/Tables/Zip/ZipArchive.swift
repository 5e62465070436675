import Foundation
import TextoCore

/// A zip archive read from its central directory (PKWARE APPNOTE 6.3.x §4.3).
///
/// Only the directory is held in memory; entries are read on demand and
/// inflated in chunks (`ZipEntryReader`), never whole.
final class ZipArchive {
    let file: InputFile
    let entries: [ZipEntry]
    private let byKey: [String: Int]
    let limits: ZipLimits
    /// The bytes inflated so far from all the entries, against
    /// `limits.maximumTotalSize`.
    let inflated = InflatedTotal()

    /// Reads the central directory of `file`, which must be seekable.
    init(file: InputFile, limits: ZipLimits = .standard) throws {
        self.file = file
        self.limits = limits
        let size = file.size ?? 0
        let directory = try Self.locateDirectory(file: file, size: size)
        guard directory.count <= limits.maximumEntries else {
            throw Self.error(file, .zipBomb,
                             "the archive lists \(ZipLimits.describe(count: directory.count)) entries, more than the \(ZipLimits.describe(count: limits.maximumEntries)) allowed (entry count limit)",
                             hint: "No spreadsheet program writes so many; open the file in Excel or LibreOffice and save it again as .xlsx (the limit is ZipLimits.maximumEntries, which no option of the stages raises).")
        }
        guard directory.offset >= 0, directory.size >= 0, directory.offset + directory.size <= size else {
            throw Self.truncated(file)
        }
        var bytes = [UInt8](repeating: 0, count: directory.size)
        let got = try bytes.withUnsafeMutableBytes { try file.read(at: directory.offset, into: $0) }
        guard got == directory.size else { throw Self.truncated(file) }
        var entries: [ZipEntry] = []
        entries.reserveCapacity(directory.count)
        var cursor = ByteCursor(bytes)
        for _ in 0..<directory.count {
            guard let entry = Self.parseDirectoryEntry(&cursor) else { throw Self.truncated(file) }
            guard entry.localHeaderOffset < size else { throw Self.truncated(file) }
            entries.append(entry)
        }
        self.entries = entries
        var byKey: [String: Int] = [:]
        for (index, entry) in entries.enumerated() where byKey[entry.key] == nil {
            byKey[entry.key] = index
        }
        self.byKey = byKey
    }

    /// The entry named `name`, matched case-insensitively with `\` as `/`.
    func entry(named name: String) -> ZipEntry? {
        byKey[ZipEntry.key(for: name)].map { entries[$0] }
    }

    /// A reader that inflates `entry` chunk by chunk.
    func reader(for entry: ZipEntry) throws -> ZipEntryReader {
        try ZipEntryReader(archive: self, entry: entry)
    }

    /// The whole entry in memory, for the small parts (relationships,
    /// workbook, styles). Refuses parts larger than `cap`.
    func contents(of entry: ZipEntry, cap: Int = 64 << 20) throws -> [UInt8] {
        guard entry.uncompressedSize <= cap else {
            throw Self.error(file, .zipBomb, "the part \(entry.name) declares \(entry.uncompressedSize) bytes, more than such a part ever needs",
                             hint: "Open the file in Excel or LibreOffice and save it again as .xlsx.")
        }
        let reader = try reader(for: entry)
        var result: [UInt8] = []
        result.reserveCapacity(entry.uncompressedSize)
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let got = try chunk.withUnsafeMutableBytes { try reader.read(into: $0) }
            if got == 0 { break }
            result.append(contentsOf: chunk[0..<got])
            if result.count > cap {
                throw Self.error(file, .zipBomb, "the part \(entry.name) inflates beyond \(cap) bytes",
                                 hint: "Open the file in Excel or LibreOffice and save it again as .xlsx.")
            }
        }
        return result
    }

    // MARK: - Central directory

    private struct Directory {
        var count: Int
        var size: Int
        var offset: Int
    }

    /// Finds the end-of-central-directory record (and its zip64 form) in the
    /// last 64 KiB + 22 bytes of the file.
    private static func locateDirectory(file: InputFile, size: Int) throws -> Directory {
        let tailSize = min(size, 65_557 + 20)
        guard tailSize >= 22 else { throw truncated(file) }
        var tail = [UInt8](repeating: 0, count: tailSize)
        _ = try tail.withUnsafeMutableBytes { try file.read(at: size - tailSize, into: $0) }
        var position = tailSize - 22
        while position >= 0 {
            if tail[position] == 0x50, tail[position + 1] == 0x4B, tail[position + 2] == 0x05, tail[position + 3] == 0x06 {
                break
            }
            position -= 1
        }
        guard position >= 0 else { throw truncated(file) }
        var cursor = ByteCursor(tail, at: position + 4)
        _ = cursor.u16()  // this disk
        _ = cursor.u16()  // disk with the directory
        _ = cursor.u16()  // entries on this disk
        var directory = Directory(count: Int(cursor.u16()), size: Int(cursor.u32()), offset: Int(cursor.u32()))
        let needsZip64 = directory.count == 0xFFFF || directory.size == 0xFFFF_FFFF || directory.offset == 0xFFFF_FFFF
        // The zip64 locator sits just before the end record (APPNOTE §4.3.15).
        let locator = position - 20
        if locator >= 0, tail[locator] == 0x50, tail[locator + 1] == 0x4B, tail[locator + 2] == 0x06, tail[locator + 3] == 0x07 {
            var locatorCursor = ByteCursor(tail, at: locator + 8)
            let recordOffset = Int(truncatingIfNeeded: locatorCursor.u64())
            var record = [UInt8](repeating: 0, count: 56)
            guard recordOffset >= 0, recordOffset + 56 <= size,
                  try record.withUnsafeMutableBytes({ try file.read(at: recordOffset, into: $0) }) == 56,
                  record[0] == 0x50, record[1] == 0x4B, record[2] == 0x06, record[3] == 0x06
            else { throw truncated(file) }
            var recordCursor = ByteCursor(record, at: 32)
            directory.count = Int(truncatingIfNeeded: recordCursor.u64())
            directory.size = Int(truncatingIfNeeded: recordCursor.u64())
            directory.offset = Int(truncatingIfNeeded: recordCursor.u64())
        } else if needsZip64 {
            throw truncated(file)
        }
        return directory
    }

    private static func parseDirectoryEntry(_ cursor: inout ByteCursor) -> ZipEntry? {
        guard cursor.remaining >= 46, cursor.u32() == 0x0201_4B50 else { return nil }
        _ = cursor.u16()  // version made by
        _ = cursor.u16()  // version needed
        let flags = cursor.u16()
        let method = cursor.u16()
        _ = cursor.u32()  // DOS time and date
        let crc = cursor.u32()
        var compressed = UInt64(cursor.u32())
        var uncompressed = UInt64(cursor.u32())
        let nameLength = Int(cursor.u16())
        let extraLength = Int(cursor.u16())
        let commentLength = Int(cursor.u16())
        _ = cursor.u16()  // disk number
        _ = cursor.u16()  // internal attributes
        _ = cursor.u32()  // external attributes
        var offset = UInt64(cursor.u32())
        guard cursor.remaining >= nameLength + extraLength + commentLength else { return nil }
        let nameBytes = cursor.bytes(nameLength)
        // Bit 11: UTF-8 names. Older writers used CP437; workbook part names are ASCII.
        let name = String(decoding: nameBytes, as: UTF8.self)
        var extra = ByteCursor(cursor.bytes(extraLength))
        cursor.skip(commentLength)
        // Zip64 extended information (APPNOTE §4.5.3): only the fields whose
        // 32-bit value is saturated are present, in this order.
        while extra.remaining >= 4 {
            let tag = extra.u16()
            let length = Int(extra.u16())
            guard extra.remaining >= length else { break }
            if tag == 0x0001 {
                var field = ByteCursor(extra.bytes(length))
                if uncompressed == 0xFFFF_FFFF, field.remaining >= 8 { uncompressed = field.u64() }
                if compressed == 0xFFFF_FFFF, field.remaining >= 8 { compressed = field.u64() }
                if offset == 0xFFFF_FFFF, field.remaining >= 8 { offset = field.u64() }
            } else {
                extra.skip(length)
            }
        }
        guard compressed < 1 << 62, uncompressed < 1 << 62, offset < 1 << 62 else { return nil }
        return ZipEntry(
            name: name, key: ZipEntry.key(for: name), method: method, flags: flags, crc32: crc,
            compressedSize: Int(compressed), uncompressedSize: Int(uncompressed), localHeaderOffset: Int(offset))
    }

    // MARK: - Errors

    static func truncated(_ file: InputFile) -> TableError {
        TableError(.corruptZip, at: DataLocation(file: file.path),
                   "the file is not a complete zip archive (it may have been cut short while copying or downloading)",
                   hint: "Copy or download the file again, or open it in Excel or LibreOffice and save it again as .xlsx.")
    }

    static func error(_ file: InputFile, _ code: TableError.Code, _ detail: String, hint: String, part: String? = nil) -> TableError {
        TableError(code, at: DataLocation(file: file.path, part: part), detail, hint: hint)
    }
}

/// A byte count that several threads add to (the inflating threads of the
/// parts of one archive).
final class InflatedTotal: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0

    /// Adds `count` and returns the new total.
    func add(_ count: Int) -> Int {
        lock.withLock {
            total += count
            return total
        }
    }
}

/// Little-endian reads over a byte array.
struct ByteCursor {
    private let bytes: [UInt8]
    private(set) var position: Int

    init(_ bytes: [UInt8], at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    init(_ slice: ArraySlice<UInt8>) {
        self.init(Array(slice))
    }

    var remaining: Int { bytes.count - position }

    mutating func u16() -> UInt16 {
        guard remaining >= 2 else { position = bytes.count; return 0 }
        defer { position += 2 }
        return UInt16(bytes[position]) | UInt16(bytes[position + 1]) << 8
    }

    mutating func u32() -> UInt32 {
        UInt32(u16()) | UInt32(u16()) << 16
    }

    mutating func u64() -> UInt64 {
        UInt64(u32()) | UInt64(u32()) << 32
    }

    mutating func bytes(_ count: Int) -> ArraySlice<UInt8> {
        let end = min(bytes.count, position + count)
        defer { position = end }
        return bytes[position..<end]
    }

    mutating func skip(_ count: Int) {
        position = min(bytes.count, position + count)
    }
}
