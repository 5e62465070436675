/// Caps that keep a hostile archive from exhausting memory, disk or time
/// (DESIGN.md §6). Each is checked on the bytes actually inflated, never
/// on the sizes the archive declares; a real workbook is far below them.
public struct ZipLimits: Sendable, Equatable {
    /// Entries in the central directory. Real workbooks have tens.
    package var maximumEntries: Int
    /// Bytes one part may inflate to. Excel's grid (1,048,576 rows) of
    /// short cells stays under the default, 8 GiB.
    package var maximumPartSize: Int
    /// Bytes all the parts read from one archive may inflate to together
    /// (sheet, shared strings, styles, workbook, relationships).
    package var maximumTotalSize: Int
    /// Bytes a part may inflate to before the ratio check starts: 100 MiB.
    /// A small part, however compressible, costs nothing to read.
    package var ratioGrace: Int
    /// Inflated bytes per compressed byte beyond `ratioGrace`: 1,000.
    /// Deflate cannot exceed about 1,032:1, which only runs of one byte
    /// reach; real sheets stay far below (an Excel for Mac sheet of 10,000
    /// repetitive rows inflates at 121:1).
    package var maximumRatio: Int

    /// The defaults: 10,000 entries, 8 GiB per part and in all, 1,000:1
    /// beyond the first 100 MiB of a part.
    public init(
        maximumEntries: Int = 10_000,
        maximumPartSize: Int = 8 << 30,
        maximumTotalSize: Int = 8 << 30,
        ratioGrace: Int = 100 << 20,
        maximumRatio: Int = 1_000
    ) {
        self.maximumEntries = maximumEntries
        self.maximumPartSize = maximumPartSize
        self.maximumTotalSize = maximumTotalSize
        self.ratioGrace = ratioGrace
        self.maximumRatio = maximumRatio
    }

    /// The defaults with both size caps, per part and in all, set to
    /// `bytes`: what `texto-import --max-inflated-size` sets.
    package init(maximumInflatedSize bytes: Int) {
        self.init(maximumPartSize: bytes, maximumTotalSize: bytes)
    }

    static let standard = ZipLimits()

    /// The executable option that raises the size caps, named in errors.
    static let sizeOption = "--max-inflated-size GiB"
}

extension ZipLimits {
    /// `bytes` as people read it: `8 GiB`, `100 MiB`, `51.2 MiB`, or bytes
    /// with thousands separators below 1 MiB.
    static func describe(bytes: Int) -> String {
        for (unit, shift) in [("GiB", 30), ("MiB", 20)] where bytes >= 1 << shift {
            if bytes % (1 << shift) == 0 { return "\(bytes >> shift) \(unit)" }
            let tenths = Int((Double(bytes) / Double(1 << shift) * 10).rounded())
            return "\(tenths / 10).\(tenths % 10) \(unit)"
        }
        return "\(describe(count: bytes)) bytes"
    }

    /// A count with thousands separators (`10,000`).
    static func describe(count: Int) -> String {
        let digits = String(count.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (count < 0 ? "-" : "") + grouped
    }
}
