/// The small parts of the package, written at commit once every sheet is
/// known (ECMA-376 Part 1 §12.3, Part 2 §10.1): the workbook and its
/// relationships, the styles, the content types, the package
/// relationships. No `docProps`: they are optional, and a creation date in
/// them would make the same rows give different bytes (STYLE.md §11).
enum WorkbookParts {
    /// A sheet as the workbook lists it.
    struct Sheet {
        var name: String
        /// Its part: `xl/worksheets/sheet<part>.xml`, relationship `rId<part>`.
        var part: Int
        /// `A1:H123`: the header and the rows, for the autofilter's
        /// defined name; nil without a header.
        var filterRange: String?
    }

    static let spreadsheetML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    static func sheetPart(_ number: Int) -> String { "xl/worksheets/sheet\(number).xml" }

    /// Styles 0 (default), 1 (bold, the header), 2 (`dateFormat`, custom
    /// number format 164) and 3 (`0.0%`, custom 165: built-in 10 has two
    /// decimals), as `SheetXML` writes them in `s`. Integers use style 0.
    static func styles(dateFormat: String) -> String {
        let font = #"<sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/>"#
        let xf = #"fillId="0" borderId="0" xfId="0""#
        return declaration + #"<styleSheet xmlns="\#(spreadsheetML)">"#
            + #"<numFmts count="2"><numFmt numFmtId="164" formatCode="\#(escaped(dateFormat))"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts>"#
            + #"<fonts count="2"><font>\#(font)</font><font><b/>\#(font)</font></fonts>"#
            + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
            + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="4"><xf numFmtId="0" fontId="0" \#(xf)/><xf numFmtId="0" fontId="1" \#(xf) applyFont="1"/>"#
            + #"<xf numFmtId="164" fontId="0" \#(xf) applyNumberFormat="1"/><xf numFmtId="165" fontId="0" \#(xf) applyNumberFormat="1"/></cellXfs>"#
            + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
            + "</styleSheet>"
    }

    /// The sheets in tab order, and a hidden `_xlnm._FilterDatabase` name
    /// per autofilter, as Excel writes them (ECMA-376 Part 1 §18.2.5).
    static func workbook(_ sheets: [Sheet]) -> String {
        var xml = declaration + #"<workbook xmlns="\#(spreadsheetML)" xmlns:r="\#(relationshipsNS)">"#
            + #"<bookViews><workbookView/></bookViews><sheets>"#
        for sheet in sheets {
            xml += #"<sheet name="\#(escaped(sheet.name))" sheetId="\#(sheet.part)" r:id="rId\#(sheet.part)"/>"#
        }
        xml += "</sheets>"
        let filters = sheets.enumerated().compactMap { index, sheet in
            sheet.filterRange.map { range in
                let absolute = range.split(separator: ":").map { reference in
                    "$" + reference.prefix { $0.isLetter } + "$" + reference.drop { $0.isLetter }
                }.joined(separator: ":")
                return #"<definedName name="_xlnm._FilterDatabase" localSheetId="\#(index)" hidden="1">"#
                    + escaped(SheetName.quoted(sheet.name) + "!" + absolute) + "</definedName>"
            }
        }
        if !filters.isEmpty { xml += "<definedNames>" + filters.joined() + "</definedNames>" }
        return xml + "</workbook>"
    }

    static func workbookRelationships(sheetCount: Int, hasSharedStrings: Bool) -> String {
        var xml = declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for number in 1...sheetCount {
            xml += relationship("rId\(number)", "worksheet", "worksheets/sheet\(number).xml")
        }
        xml += relationship("rId\(sheetCount + 1)", "styles", "styles.xml")
        if hasSharedStrings { xml += relationship("rId\(sheetCount + 2)", "sharedStrings", "sharedStrings.xml") }
        return xml + "</Relationships>"
    }

    static let packageRelationships = declaration
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + relationship("rId1", "officeDocument", "xl/workbook.xml") + "</Relationships>"

    static func contentTypes(sheetCount: Int, hasSharedStrings: Bool) -> String {
        let main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var xml = declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="\#(main).sheet.main+xml"/>"#
        for number in 1...sheetCount {
            xml += #"<Override PartName="/\#(sheetPart(number))" ContentType="\#(main).worksheet+xml"/>"#
        }
        xml += #"<Override PartName="/xl/styles.xml" ContentType="\#(main).styles+xml"/>"#
        if hasSharedStrings { xml += #"<Override PartName="/xl/sharedStrings.xml" ContentType="\#(main).sharedStrings+xml"/>"# }
        return xml + "</Types>"
    }

    private static func relationship(_ id: String, _ type: String, _ target: String) -> String {
        #"<Relationship Id="\#(id)" Type="\#(relationshipsNS)/\#(type)" Target="\#(target)"/>"#
    }

    /// `text` escaped for an attribute or an element.
    static func escaped(_ text: String) -> String {
        OOXMLText.withUTF8(text) { bytes in
            String(unsafeUninitializedCapacity: max(1, OOXMLText.worstEscapedLength(bytes.count))) { buffer in
                OOXMLText.escape(bytes, to: buffer.baseAddress!)
            }
        }
    }
}
