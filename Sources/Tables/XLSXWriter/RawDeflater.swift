import CZlib
import TextoCore

/// Compresses one zip entry after another as raw deflate (RFC 1951, no
/// zlib header: APPNOTE §4.4.5 method 8), counting the bytes in and out and
/// the CRC-32 of what went in, which the entry's data descriptor declares.
///
/// One zlib stream serves every entry (`deflateReset` between them): its
/// 256 KiB of window and tables are allocated once per workbook.
final class RawDeflater {
    private var stream = z_stream()
    private let output: UnsafeMutablePointer<UInt8>
    private let outputCapacity = 256 << 10
    private var pending = 0
    private(set) var crc: UInt32 = 0
    private(set) var bytesIn: UInt64 = 0
    private(set) var bytesOut: UInt64 = 0

    /// `level`: zlib's 1 (fastest) to 9 (smallest).
    init(level: Int32) throws {
        guard texto_deflate_init_raw(&stream, level) == Z_OK else {
            throw XLSXWriterError(.compressionFailed, at: .none, "zlib could not start a deflate stream",
                                  hint: "The machine may be out of memory; try again.")
        }
        output = .allocate(capacity: outputCapacity)
    }

    deinit {
        deflateEnd(&stream)
        output.deallocate()
    }

    /// Starts a new entry: counts and CRC from zero, a fresh stream.
    func reset() {
        deflateReset(&stream)
        crc = 0
        bytesIn = 0
        bytesOut = 0
        pending = 0
    }

    /// Compresses `input`, handing full blocks of compressed bytes to
    /// `emit`; with `finish`, ends the stream and hands over the rest.
    func compress(_ input: UnsafeRawBufferPointer, finish: Bool, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        var remaining = input
        repeat {
            // zlib counts in 32 bits: feed at most 1 GiB at a time.
            let chunk = UnsafeRawBufferPointer(rebasing: remaining.prefix(1 << 30))
            remaining = UnsafeRawBufferPointer(rebasing: remaining.dropFirst(chunk.count))
            if let start = chunk.baseAddress, !chunk.isEmpty {
                crc = UInt32(truncatingIfNeeded: crc32(uLong(crc), start.assumingMemoryBound(to: Bytef.self), uInt(chunk.count)))
                stream.next_in = UnsafeMutablePointer(mutating: start.assumingMemoryBound(to: Bytef.self))
            }
            stream.avail_in = uInt(chunk.count)
            bytesIn += UInt64(chunk.count)
            let ending = finish && remaining.isEmpty
            while true {
                stream.next_out = output + pending
                stream.avail_out = uInt(outputCapacity - pending)
                let status = deflate(&stream, ending ? Z_FINISH : Z_NO_FLUSH)
                pending = outputCapacity - Int(stream.avail_out)
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    throw XLSXWriterError(.compressionFailed, at: .none, "zlib failed while compressing (status \(status))",
                                          hint: "The machine may be out of memory; try again.")
                }
                if pending == outputCapacity || (status == Z_STREAM_END && pending > 0) {
                    try emitPending(emit)
                }
                if status == Z_STREAM_END { return }
                if !ending && stream.avail_in == 0 && stream.avail_out > 0 { break }
            }
        } while !remaining.isEmpty
    }

    private func emitPending(_ emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        bytesOut += UInt64(pending)
        let count = pending
        pending = 0
        try emit(UnsafeRawBufferPointer(start: output, count: count))
    }
}
