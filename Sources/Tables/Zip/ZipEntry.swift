/// One file inside a zip archive, as the central directory describes it.
struct ZipEntry: Sendable {
    /// The name as stored in the archive.
    let name: String
    /// The name as parts are matched: lowercased, `\` read as `/`, no
    /// leading `/` (some writers on Windows store `XL\Worksheets\Sheet1.xml`).
    let key: String
    /// 0 stored, 8 deflated.
    let method: UInt16
    /// General-purpose flags; bit 0 = encrypted, bit 3 = data descriptor.
    let flags: UInt16
    let crc32: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    let localHeaderOffset: Int

    var isEncrypted: Bool { flags & 1 != 0 }

    /// The key under which `name` is matched.
    static func key(for name: String) -> String {
        var key = name.lowercased().replacingOccurrences(of: "\\", with: "/")
        while key.hasPrefix("/") { key.removeFirst() }
        return key
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
