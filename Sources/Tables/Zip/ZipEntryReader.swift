import CZlib

/// Inflates one zip entry chunk by chunk, checking as it goes that the entry
/// is what the directory says (its size, its CRC-32) and that it stays
/// within `ZipLimits`: part size, total across the archive, and a
/// compression ratio no real workbook reaches (DESIGN.md §6: bytes actually
/// inflated are counted, not the sizes the archive declares).
final class ZipEntryReader: ByteReader {
    private let file: InputFile
    private let entry: ZipEntry
    private let limits: ZipLimits
    private let archiveTotal: InflatedTotal
    private var inputOffset: Int
    private var inputRemaining: Int
    private let input: UnsafeMutableRawBufferPointer
    private var stream = z_stream()
    private var streamReady = false
    private var finished = false
    private var produced = 0
    private var consumed = 0
    private var crc: UInt = 0

    private static let inputChunk = 256 << 10

    init(archive: ZipArchive, entry: ZipEntry) throws {
        self.file = archive.file
        self.entry = entry
        self.limits = archive.limits
        self.archiveTotal = archive.inflated
        let fail = { (detail: String) in
            ZipArchive.error(archive.file, .corruptZip, detail, hint: "Open the file in Excel or LibreOffice and save it again as .xlsx.", part: entry.name)
        }
        guard !entry.isEncrypted else {
            throw ZipArchive.error(archive.file, .encrypted, "the part is encrypted with a password",
                                   hint: "Remove the password in Excel (Fichier > Informations > Protéger le classeur) and save again.", part: entry.name)
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw ZipArchive.error(archive.file, .unsupportedFormat, "the part is compressed with method \(entry.method), which spreadsheet programs do not use",
                                   hint: "Open the file in Excel or LibreOffice and save it again as .xlsx.", part: entry.name)
        }
        // Refused before inflating anything: the part must inflate to
        // exactly the size it declares (checked as it inflates).
        guard entry.uncompressedSize <= limits.maximumPartSize else {
            throw Self.partSizeError(archive.file, entry, limits)
        }
        // Local file header (APPNOTE §4.3.7): its name and extra lengths may
        // differ from the central directory's, so read them here.
        var header = [UInt8](repeating: 0, count: 30)
        let got = try header.withUnsafeMutableBytes { try archive.file.read(at: entry.localHeaderOffset, into: $0) }
        guard got == 30, header[0] == 0x50, header[1] == 0x4B, header[2] == 0x03, header[3] == 0x04 else {
            throw fail("the part's local header is missing")
        }
        let nameLength = Int(header[26]) | Int(header[27]) << 8
        let extraLength = Int(header[28]) | Int(header[29]) << 8
        inputOffset = entry.localHeaderOffset + 30 + nameLength + extraLength
        inputRemaining = entry.compressedSize
        guard inputOffset + inputRemaining <= archive.file.size ?? 0 else {
            throw ZipArchive.truncated(archive.file)
        }
        input = .allocate(byteCount: Self.inputChunk, alignment: 16)
        if entry.method == 8 {
            guard texto_inflate_init_raw(&stream) == Z_OK else {
                input.deallocate()
                throw fail("zlib could not start")
            }
            streamReady = true
        }
    }

    deinit {
        if streamReady { inflateEnd(&stream) }
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        let count = entry.method == 0 ? try readStored(into: buffer) : try inflate(into: buffer)
        if count > 0 {
            produced += count
            crc = crc32(crc, buffer.baseAddress!.assumingMemoryBound(to: Bytef.self), uInt(count))
            try checkLimits(adding: count)
        }
        if finished { try checkEnd() }
        return count
    }

    private func readStored(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let wanted = min(buffer.count, inputRemaining)
        if wanted == 0 {
            finished = true
            return 0
        }
        let got = try file.read(at: inputOffset, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]))
        guard got == wanted else { throw ZipArchive.truncated(file) }
        inputOffset += got
        inputRemaining -= got
        consumed += got
        if inputRemaining == 0 { finished = true }
        return got
    }

    private func inflate(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(buffer.count)
        while stream.avail_out > 0 {
            if stream.avail_in == 0 {
                guard inputRemaining > 0 else {
                    // The compressed bytes ended before the deflate stream did.
                    throw ZipArchive.truncated(file)
                }
                let wanted = min(Self.inputChunk, inputRemaining)
                let got = try file.read(at: inputOffset, into: UnsafeMutableRawBufferPointer(rebasing: input[0..<wanted]))
                guard got == wanted else { throw ZipArchive.truncated(file) }
                inputOffset += got
                inputRemaining -= got
                stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(got)
            }
            let before = stream.avail_in
            let status = CZlib.inflate(&stream, Z_NO_FLUSH)
            consumed += Int(before - stream.avail_in)
            if status == Z_STREAM_END {
                finished = true
                break
            }
            guard status == Z_OK || (status == Z_BUF_ERROR && stream.avail_in == 0) else {
                let reason = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                throw ZipArchive.error(file, .corruptZip, "the part's compressed data is damaged", hint: "Copy the file again, or open it in Excel or LibreOffice and save it again as .xlsx.", part: entry.name)
                    .withCause(reason)
            }
        }
        return buffer.count - Int(stream.avail_out)
    }

    /// Checks the bytes inflated so far, `count` of them just now.
    private func checkLimits(adding count: Int) throws {
        // The part size limit holds on the bytes inflated through this
        // check and the one in init: a part may inflate to no more than it
        // declares, and may declare no more than the limit.
        if produced > entry.uncompressedSize {
            throw ZipArchive.error(file, .zipBomb,
                                   "the part inflates beyond the \(ZipLimits.describe(bytes: entry.uncompressedSize)) the archive declares for it (a zip bomb, or a damaged file)",
                                   hint: "Do not open it; if a spreadsheet program made it, open it there and save it again as .xlsx.", part: entry.name)
        }
        let total = archiveTotal.add(count)
        if total > limits.maximumTotalSize {
            throw ZipArchive.error(file, .zipBomb,
                                   "the parts read from the archive inflate beyond \(ZipLimits.describe(bytes: limits.maximumTotalSize)) in all (total size limit)",
                                   hint: "If it really is a workbook this large, raise the limit with \(ZipLimits.sizeOption) (texto-import); otherwise do not open it.",
                                   part: entry.name)
        }
        let ratio = produced / max(consumed, 1)
        if produced > limits.ratioGrace, ratio > limits.maximumRatio {
            throw ZipArchive.error(file, .zipBomb,
                                   "past its first \(ZipLimits.describe(bytes: limits.ratioGrace)), the part inflates \(ZipLimits.describe(count: ratio)) times its compressed size, more than the \(ZipLimits.describe(count: limits.maximumRatio)):1 allowed (ratio limit): a zip bomb",
                                   hint: "No spreadsheet program writes such a part; do not open it (the limit is ZipLimits.maximumRatio, which \(ZipLimits.sizeOption) does not raise).",
                                   part: entry.name)
        }
    }

    /// The part size limit, checked on the size the part declares before
    /// anything is inflated.
    private static func partSizeError(_ file: InputFile, _ entry: ZipEntry, _ limits: ZipLimits) -> TableError {
        ZipArchive.error(file, .zipBomb,
                         "the part would inflate to \(ZipLimits.describe(bytes: entry.uncompressedSize)), more than the \(ZipLimits.describe(bytes: limits.maximumPartSize)) allowed for one part (part size limit)",
                         hint: "If it really is a workbook this large, raise the limit with \(ZipLimits.sizeOption) (texto-import); otherwise do not open it.",
                         part: entry.name)
    }

    private func checkEnd() throws {
        guard produced == entry.uncompressedSize, UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
            throw ZipArchive.error(file, .corruptZip,
                                   produced == entry.uncompressedSize ? "the part's checksum does not match (damaged data)"
                                                                       : "the part is \(produced) bytes, the archive says \(entry.uncompressedSize)",
                                   hint: "Copy the file again, or open it in Excel or LibreOffice and save it again as .xlsx.", part: entry.name)
        }
    }
}

extension TableError {
    /// The same error with the library's own message attached.
    func withCause(_ cause: String) -> TableError {
        var copy = self
        copy.cause = cause
        return copy
    }
}
