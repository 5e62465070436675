import TextoCore
/// Opens a table, recognising its format from its first bytes, never from
/// its name: Excel's "Texte Unicode" export is a `.txt`, accountants rename
/// files, and a `.xlsx` may really be an old `.xls`.
public enum TableFile {
    /// Opens `path` (`-` for standard input) as an XLSX workbook or a
    /// delimited text file. `sheet` selects a workbook's sheet; `limits`
    /// caps what a workbook's zip archive may inflate to (zip bombs).
    public static func open(_ path: String, sheet: String? = nil, limits: ZipLimits = ZipLimits()) throws -> any TableReader {
        let input = try InputFile(path: path)
        let head = try input.peek(512)
        if head.isEmpty {
            throw TableError(.emptyFile, at: DataLocation(file: path), "the file is empty (0 bytes)",
                             hint: "Export the spreadsheet again; the copy may have failed.")
        }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06])
            || head.starts(with: [0x50, 0x4B, 0x07, 0x08]) {
            return try XLSXReader(input: input, sheet: sheet, limits: limits)
        }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw try compoundFileError(input)
        }
        try refuseMisnamedText(path: path, head: head)
        return try CSVReader(input: input)
    }

    /// Text is read as CSV whatever its name, with two exceptions that would
    /// otherwise import garbage: a file named like a workbook (`.xlsx`) that
    /// is not a zip (a damaged or mislabelled file), and a web page or XML
    /// document (what some web tools save as "Excel").
    private static func refuseMisnamedText(path: String, head: [UInt8]) throws {
        let location = DataLocation(file: path)
        var text = String(decoding: head.prefix(256), as: UTF8.self).lowercased()
        text.removeAll { $0 == "\u{FEFF}" || $0 == "\0" }
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        if trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") || trimmed.hasPrefix("<?xml") || trimmed.hasPrefix("<table") {
            throw TableError(.unsupportedFormat, at: location, "this is a web page or an XML document, not a spreadsheet export",
                             hint: "Open it in Excel or LibreOffice and save it as .xlsx or CSV.")
        }
        let name = path.lowercased()
        if [".xlsx", ".xlsm", ".xltx", ".xltm"].contains(where: name.hasSuffix) {
            throw TableError(.corruptZip, at: location, "the file is named like an Excel workbook but is not one (it holds text, not a zip archive)",
                             hint: "If it is a CSV export, rename it .csv; otherwise export the workbook again.")
        }
    }

    /// An OLE2 compound file is either a password-protected OOXML package
    /// (its `EncryptedPackage` stream, MS-OFFCRYPTO §2.3.4.4) or an Excel
    /// 97-2003 workbook; neither can be read here, and the user should know which.
    private static func compoundFileError(_ input: InputFile) throws -> TableError {
        let marker = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        var found = false
        let stream = try input.seekable()
        let size = stream.size ?? 0
        var offset = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        // Directory sectors can sit anywhere; such files are small, scan them.
        while offset < size, !found, offset < 256 << 20 {
            let got = try chunk.withUnsafeMutableBytes { try stream.read(at: offset, into: $0) }
            if got == 0 { break }
            found = chunk[0..<got].firstRange(of: marker) != nil
            offset += max(got - marker.count, 1)
        }
        let location = DataLocation(file: input.path)
        if found {
            return TableError(.encrypted, at: location, "the workbook is protected by a password",
                              hint: "Open it in Excel, remove the password (Fichier > Informations > Protéger le classeur > Chiffrer avec mot de passe, leave it empty), save, and try again.")
        }
        return TableError(.legacyExcel, at: location, "this is an Excel 97-2003 workbook (.xls), which Texto does not read",
                          hint: "Open it in Excel or LibreOffice and save it as .xlsx (Classeur Excel) or CSV.")
    }
}

extension Array where Element == UInt8 {
    fileprivate func starts(with prefix: [UInt8]) -> Bool {
        count >= prefix.count && self[0..<prefix.count].elementsEqual(prefix)
    }
}
