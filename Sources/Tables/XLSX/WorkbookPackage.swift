import TextoCore
/// The parts of an XLSX package that lead to a sheet's cells: the workbook
/// found through `_rels/.rels`, its sheets in tab order with their names and
/// visibility, and its shared strings, styles and date system
/// (ECMA-376 Part 1 §12.3, Part 2 §9.3; Strict and Transitional alike).
struct WorkbookPackage {
    struct Sheet: Equatable {
        /// The name on the tab.
        var name: String
        /// `hidden` or `veryHidden` sheets are not shown in Excel.
        var isHidden: Bool
        /// The part holding the cells; nil for a chart sheet or a broken link.
        var part: String?
        /// 1-based position in tab order.
        var position: Int
    }

    let archive: ZipArchive
    let workbookPart: String
    let sheets: [Sheet]
    let sharedStringsPart: String?
    let stylesPart: String?
    /// True when the workbook counts days from 1904-01-01 (old Mac Excel).
    let uses1904DateSystem: Bool

    init(archive: ZipArchive) throws {
        self.archive = archive
        let file = archive.file.path
        if archive.entry(named: "xl/workbook.bin") != nil {
            throw TableError(.unsupportedFormat, at: DataLocation(file: file), "this is a binary workbook (.xlsb)",
                             hint: "Open it in Excel and save it as .xlsx (Classeur Excel) or CSV.")
        }
        if let mimetype = archive.entry(named: "mimetype"),
           let text = try? archive.contents(of: mimetype, cap: 256),
           String(decoding: text, as: UTF8.self).contains("opendocument") {
            throw TableError(.unsupportedFormat, at: DataLocation(file: file), "this is an OpenDocument spreadsheet (.ods)",
                             hint: "Open it in LibreOffice and save it as .xlsx (Excel 2007-365) or CSV.")
        }
        let packageRelationships = try Self.relationships(of: "", in: archive)
        guard let workbook = packageRelationships.first(where: { $0.type.hasSuffix("/officeDocument") })?.target
            ?? (archive.entry(named: "xl/workbook.xml") != nil ? "xl/workbook.xml" : nil),
              archive.entry(named: workbook) != nil
        else {
            throw TableError(.notAWorkbook, at: DataLocation(file: file),
                             "this zip archive holds no Excel workbook",
                             hint: "Check that this is the spreadsheet you meant; open it in Excel or LibreOffice and save it as .xlsx.")
        }
        workbookPart = workbook
        let workbookRelationships = try Self.relationships(of: workbook, in: archive)
        let targets = Dictionary(workbookRelationships.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        sharedStringsPart = workbookRelationships.first { $0.type.hasSuffix("/sharedStrings") }?.target
        stylesPart = workbookRelationships.first { $0.type.hasSuffix("/styles") }?.target

        let elements = try XMLElementList(
            parsing: archive.contents(of: archive.entry(named: workbook)!),
            location: DataLocation(file: file, part: workbook)).elements
        var sheets: [Sheet] = []
        var date1904 = false
        for element in elements where Self.isSpreadsheetML(element.namespace) {
            switch element.name {
            case "workbookPr":
                let value = element.attributes["date1904"] ?? "false"
                date1904 = value == "1" || value.lowercased() == "true"
            case "sheet":
                let id = element.attribute("id", namespaceSuffix: "relationships")
                let relationship = id.flatMap { targets[$0] }
                let isWorksheet = relationship?.type.hasSuffix("/worksheet") ?? false
                let state = element.attributes["state"] ?? "visible"
                sheets.append(Sheet(
                    name: element.attributes["name"] ?? "Sheet\(sheets.count + 1)",
                    isHidden: state == "hidden" || state == "veryHidden",
                    part: isWorksheet ? relationship?.target : nil,
                    position: sheets.count + 1))
            default:
                break
            }
        }
        guard !sheets.isEmpty else {
            throw TableError(.notAWorkbook, at: DataLocation(file: file, part: workbook), "the workbook lists no sheet",
                             hint: "Open the file in Excel or LibreOffice and save it again as .xlsx.")
        }
        self.sheets = sheets
        self.uses1904DateSystem = date1904
    }

    /// The sheet `selector` names: a sheet name (exact, then ignoring case)
    /// or a 1-based position; by default the first visible worksheet.
    func sheet(_ selector: String?) throws -> Sheet {
        let file = archive.file.path
        let found: Sheet?
        if let selector {
            found = sheets.first { $0.name == selector }
                ?? sheets.first { $0.name.lowercased() == selector.lowercased() }
                ?? Int(selector).flatMap { position in sheets.first { $0.position == position } }
        } else {
            found = sheets.first { !$0.isHidden && $0.part != nil } ?? sheets.first { $0.part != nil }
        }
        guard let sheet = found else {
            let list = sheets.map { "\($0.position). \"\($0.name)\"\($0.isHidden ? " (hidden)" : "")" }.joined(separator: ", ")
            throw TableError(.sheetNotFound, at: DataLocation(file: file),
                             selector.map { "the workbook has no sheet \"\($0)\"" } ?? "the workbook has no worksheet",
                             hint: "Its sheets are: \(list). Name one with --sheet NAME or --sheet N.")
        }
        guard let part = sheet.part, archive.entry(named: part) != nil else {
            throw TableError(.notAWorkbook, at: DataLocation(file: file, sheet: sheet.name),
                             "this sheet holds no cells (a chart sheet, or a missing part)",
                             hint: "Choose another sheet with --sheet.")
        }
        return sheet
    }

    // MARK: - Relationships (OPC, ECMA-376 Part 2 §9.3)

    struct Relationship {
        var id: String
        var type: String
        var target: String
    }

    /// The relationships of `part` ("" for the package itself), with targets
    /// resolved to part names.
    static func relationships(of part: String, in archive: ZipArchive) throws -> [Relationship] {
        let folder = Self.folder(of: part)
        let name = part.split(separator: "/").last.map(String.init) ?? ""
        let relationshipsPart = folder + "_rels/" + name + ".rels"
        guard let entry = archive.entry(named: relationshipsPart) else { return [] }
        let elements = try XMLElementList(
            parsing: archive.contents(of: entry),
            location: DataLocation(file: archive.file.path, part: relationshipsPart)).elements
        return elements.compactMap { element in
            guard element.name == "Relationship", element.attributes["TargetMode"] != "External",
                  let id = element.attributes["Id"], let type = element.attributes["Type"],
                  let target = element.attributes["Target"]
            else { return nil }
            return Relationship(id: id, type: type, target: resolve(target, from: folder))
        }
    }

    /// Resolves a relationship target against the source part's folder:
    /// absolute targets start at the package root; `..` and `.` are applied.
    static func resolve(_ target: String, from folder: String) -> String {
        let target = target.replacingOccurrences(of: "\\", with: "/").removingPercentEncoding()
        let joined = target.hasPrefix("/") ? target : folder + target
        var segments: [Substring] = []
        for segment in joined.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    static func isSpreadsheetML(_ namespace: String) -> Bool {
        namespace == SpreadsheetML.transitional || namespace == SpreadsheetML.strict
    }
}

/// The two namespaces of SpreadsheetML's main elements.
enum SpreadsheetML {
    static let transitional = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let strict = "http://purl.oclc.org/ooxml/spreadsheetml/main"
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }

    /// Decodes `%XX` escapes (targets are URIs; `%20` appears in some).
    fileprivate func removingPercentEncoding() -> String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = Array(utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
               let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
