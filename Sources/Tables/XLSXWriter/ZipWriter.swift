/// Writes a zip archive front to back, one deflated entry at a time, for a
/// sink that cannot seek (PKWARE APPNOTE 6.3.x §4.3).
///
/// Each entry's local header is written before its data, so its CRC and
/// sizes are not known yet: general-purpose bit 3 says they follow the data
/// in a data descriptor (§4.3.9), and the central directory at the end
/// repeats them, which is where readers (Excel, LibreOffice, zipfile,
/// calamine, `ZipArchive`) take them from.
///
/// Zip64 (§4.5.3) is used only where a value does not fit 32 bits: an
/// entry of 4 GiB or more gets 8-byte sizes in its descriptor and a zip64
/// extra field in the central directory, an entry starting past 4 GiB gets
/// its offset there, and the end record gets its zip64 twin. The local
/// headers never have one (their sizes are unknown when they are written),
/// as Go's archive/zip does: a reader that streams local headers instead of
/// reading the directory sees 4-byte descriptors, and only for entries
/// under 4 GiB.
///
/// Every entry is dated 1980-01-01 00:00, the format's first date: the same
/// rows make the same bytes (STYLE.md §11).
final class ZipWriter {
    private struct Record {
        var name: [UInt8]
        var crc: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var offset: UInt64
    }

    private let sink: ByteSink
    private let deflater: RawDeflater
    private var offset: UInt64 = 0
    private var records: [Record] = []
    private var current: Record?
    private var bytes: [UInt8] = []
    /// Values at or past this are written in zip64 form: 0xFFFF_FFFF as the
    /// format says; tests lower it to check the zip64 records without
    /// writing 4 GiB.
    package var zip64Threshold: UInt64 = 0xFFFF_FFFF

    init(sink: ByteSink, level: Int32) throws {
        self.sink = sink
        deflater = try RawDeflater(level: level)
    }

    /// Writes the local header of a new entry named `name`.
    func startEntry(_ name: String) throws {
        precondition(current == nil, "an entry is already open")
        let record = Record(name: Array(name.utf8), crc: 0, compressedSize: 0, uncompressedSize: 0, offset: offset)
        current = record
        deflater.reset()
        bytes.removeAll(keepingCapacity: true)
        append32(0x0403_4B50)
        append16(20)  // version needed: 2.0, deflate
        append16(Self.flags)
        append16(8)  // deflate
        append16(0)  // time 00:00
        append16(Self.date)
        append32(0)  // CRC, then the sizes: in the data descriptor
        append32(0)
        append32(0)
        append16(UInt16(record.name.count))
        append16(0)  // no extra field
        bytes += record.name
        try flushBytes()
    }

    /// Compresses `data` into the open entry.
    func write(_ data: UnsafeRawBufferPointer) throws {
        try deflater.compress(data, finish: false, emit: emitCompressed)
    }

    /// Ends the open entry: the rest of its compressed bytes, then its data
    /// descriptor.
    func finishEntry() throws {
        guard var record = current else { preconditionFailure("no entry is open") }
        try deflater.compress(UnsafeRawBufferPointer(start: nil, count: 0), finish: true, emit: emitCompressed)
        record.crc = deflater.crc
        record.compressedSize = deflater.bytesOut
        record.uncompressedSize = deflater.bytesIn
        append32(0x0807_4B50)
        append32(record.crc)
        if record.compressedSize >= zip64Threshold || record.uncompressedSize >= zip64Threshold {
            append64(record.compressedSize)
            append64(record.uncompressedSize)
        } else {
            append32(UInt32(record.compressedSize))
            append32(UInt32(record.uncompressedSize))
        }
        try flushBytes()
        records.append(record)
        current = nil
    }

    /// Writes `data` as a whole entry.
    func addEntry(_ name: String, _ data: [UInt8]) throws {
        try startEntry(name)
        try data.withUnsafeBytes { try write($0) }
        try finishEntry()
    }

    /// Writes the central directory and the end records; the archive is
    /// complete once the sink has them.
    func finish() throws {
        precondition(current == nil, "an entry is still open")
        let directoryOffset = offset
        for record in records {
            try appendDirectoryRecord(record)
        }
        let directorySize = offset + UInt64(bytes.count) - directoryOffset
        let count = UInt64(records.count)
        if count >= 0xFFFF || directorySize >= zip64Threshold || directoryOffset >= zip64Threshold {
            let zip64EndOffset = offset + UInt64(bytes.count)
            append32(0x0606_4B50)  // zip64 end of central directory record (§4.3.14)
            append64(44)  // the size of the rest of this record
            append16(45)  // version made by: 4.5
            append16(45)  // version needed: 4.5, zip64
            append32(0)  // this disk
            append32(0)  // the disk with the directory
            append64(count)
            append64(count)
            append64(directorySize)
            append64(directoryOffset)
            append32(0x0706_4B50)  // its locator (§4.3.15)
            append32(0)
            append64(zip64EndOffset)
            append32(1)  // disks in all
        }
        append32(0x0605_4B50)  // end of central directory record (§4.3.16)
        append16(0)
        append16(0)
        append16(UInt16(min(count, 0xFFFF)))
        append16(UInt16(min(count, 0xFFFF)))
        append32(saturated(directorySize))
        append32(saturated(directoryOffset))
        append16(0)  // no comment
        try flushBytes()
    }

    /// One central directory header (§4.3.12), with a zip64 extended
    /// information field holding, in this order, only the values that do not
    /// fit (§4.5.3).
    private func appendDirectoryRecord(_ record: Record) throws {
        var extra: [UInt64] = []
        if record.uncompressedSize >= zip64Threshold { extra.append(record.uncompressedSize) }
        if record.compressedSize >= zip64Threshold { extra.append(record.compressedSize) }
        if record.offset >= zip64Threshold { extra.append(record.offset) }
        let version: UInt16 = extra.isEmpty ? 20 : 45
        append32(0x0201_4B50)
        append16(version)  // made by (MS-DOS attributes)
        append16(version)  // needed
        append16(Self.flags)
        append16(8)
        append16(0)
        append16(Self.date)
        append32(record.crc)
        append32(saturated(record.compressedSize))
        append32(saturated(record.uncompressedSize))
        append16(UInt16(record.name.count))
        append16(extra.isEmpty ? 0 : UInt16(4 + 8 * extra.count))
        append16(0)  // comment
        append16(0)  // disk
        append16(0)  // internal attributes
        append32(0)  // external attributes
        append32(saturated(record.offset))
        bytes += record.name
        if !extra.isEmpty {
            append16(0x0001)
            append16(UInt16(8 * extra.count))
            for value in extra { append64(value) }
        }
        if bytes.count >= 64 << 10 { try flushBytes() }
    }

    /// Bit 3: CRC and sizes in a data descriptor after the data.
    private static let flags: UInt16 = 1 << 3
    /// 1980-01-01 in MS-DOS form (§4.4.6): day 1, month 1, year 0.
    private static let date: UInt16 = 1 << 5 | 1

    private func saturated(_ value: UInt64) -> UInt32 {
        value >= zip64Threshold ? 0xFFFF_FFFF : UInt32(value)
    }

    private func emitCompressed(_ data: UnsafeRawBufferPointer) throws {
        try sink.write(data)
        offset += UInt64(data.count)
    }

    private func flushBytes() throws {
        try bytes.withUnsafeBytes { try sink.write($0) }
        offset += UInt64(bytes.count)
        bytes.removeAll(keepingCapacity: true)
    }

    private func append16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    private func append32(_ value: UInt32) {
        append16(UInt16(truncatingIfNeeded: value))
        append16(UInt16(truncatingIfNeeded: value >> 16))
    }

    private func append64(_ value: UInt64) {
        append32(UInt32(truncatingIfNeeded: value))
        append32(UInt32(truncatingIfNeeded: value >> 32))
    }
}
