/// Caps that keep a hostile archive from exhausting memory or disk
/// (DESIGN.md §6). A real workbook is far below every one of them.
struct ZipLimits: Sendable {
    /// Entries in the central directory. Real workbooks have tens.
    var maximumEntries = 10_000
    /// Bytes one part may inflate to. Excel's grid (1,048,576 rows) of short
    /// cells stays well under this.
    var maximumPartSize = 8 << 30
    /// Inflated bytes allowed before the ratio check starts.
    var ratioGrace = 1 << 20
    /// Inflated bytes per compressed byte, beyond `ratioGrace`.
    var maximumRatio = 100

    static let standard = ZipLimits()
}
