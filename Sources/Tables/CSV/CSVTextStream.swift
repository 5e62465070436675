#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's text as UTF-8, in one buffer that records are parsed from.
///
/// The file is read a chunk at a time and transcoded into the buffer. When
/// the parser needs more, the unparsed tail (the start of a record) moves to
/// the front and the rest of the buffer is refilled; the buffer grows only
/// when one record is larger than it. Memory stays about four chunks whatever
/// the size of the file.
struct CSVTextStream: ~Copyable {
    /// The text; `text[end]` is always a line feed, the parser's sentinel,
    /// followed by the parser's padding.
    private(set) var text: UnsafeMutablePointer<UInt8>
    /// The first byte not parsed yet.
    var start = 0
    /// The end of the text at hand.
    private(set) var end = 0
    /// True once the whole file is in the buffer (from `start`).
    private(set) var isFinished = false
    /// Bytes read from the file, byte order mark included.
    private(set) var bytesRead = 0
    private(set) var transcoder: UTF8Transcoder

    private var capacity: Int
    private let input: InputFile
    private let chunkSize: Int
    private let raw: UnsafeMutablePointer<UInt8>
    private var rawStart = 0
    private var rawEnd = 0
    private var rawEnded = false
    /// Byte order mark bytes still to skip.
    private var skip: Int

    /// - Parameters:
    ///   - chunkSize: the bytes read at a time (at least 4, so that a cut
    ///     UTF-8 sequence always fits with room to complete it).
    ///   - skip: the length of the byte order mark.
    init(input: InputFile, chunkSize: Int, encoding: SourceEncoding, skip: Int) {
        self.input = input
        self.chunkSize = max(chunkSize, 4)
        self.skip = skip
        transcoder = UTF8Transcoder(encoding: encoding)
        raw = .allocate(capacity: self.chunkSize)
        capacity = UTF8Transcoder.maximumExpansion * self.chunkSize + self.chunkSize
        text = .allocate(capacity: capacity + CSVRecordParser.padding)
        text.initialize(repeating: 0, count: capacity + CSVRecordParser.padding)
        text[0] = 0x0A
    }

    deinit {
        raw.deallocate()
        text.deallocate()
    }

    /// Moves the unparsed text to the front, then reads and transcodes until
    /// at least `minimum` more bytes of text are there or the file has ended.
    mutating func refill(minimum: Int) throws {
        if start > 0 {
            memmove(text, text + start, end - start)
            end -= start
            start = 0
        }
        var added = 0
        while true {
            let available = rawEnd - rawStart
            if available > 0 {
                let count = min(available, chunkSize)
                if capacity - end < UTF8Transcoder.maximumExpansion * count {
                    grow(to: max(2 * capacity, end + UTF8Transcoder.maximumExpansion * count))
                }
                let isFinal = rawEnded && count == available
                let (consumed, produced) = transcoder.transcode(raw + rawStart, count: count, into: text + end, isFinal: isFinal)
                rawStart += consumed
                end += produced
                added += produced
                if isFinal {  // everything was consumed
                    isFinished = true
                    break
                }
                if added >= minimum { break }
                if consumed > 0, rawStart < rawEnd { continue }
            } else if rawEnded {
                isFinished = true
                break
            }
            try readChunk()  // empty, or only the start of a sequence left
        }
        text[end] = 0x0A
    }

    /// Reads the next chunk after what is left of the previous one.
    private mutating func readChunk() throws {
        let left = rawEnd - rawStart
        if left > 0, rawStart > 0 { memmove(raw, raw + rawStart, left) }
        rawStart = 0
        rawEnd = left
        let got = try input.read(into: UnsafeMutableRawBufferPointer(start: raw + left, count: chunkSize - left))
        if got == 0 { rawEnded = true }
        rawEnd += got
        bytesRead += got
        let skipped = min(skip, rawEnd - rawStart)
        rawStart += skipped
        skip -= skipped
    }

    private mutating func grow(to newCapacity: Int) {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity + CSVRecordParser.padding)
        larger.initialize(from: text, count: end)
        (larger + end).initialize(repeating: 0, count: newCapacity + CSVRecordParser.padding - end)
        text.deallocate()
        text = larger
        capacity = newCapacity
    }
}
