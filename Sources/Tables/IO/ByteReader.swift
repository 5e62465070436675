/// Something that hands out bytes in order: a file, an inflating zip entry,
/// or a pipeline running one of those on another thread.
protocol ByteReader: AnyObject {
    /// Fills the start of `buffer`; returns how many bytes, 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

extension InputFile: ByteReader {}
