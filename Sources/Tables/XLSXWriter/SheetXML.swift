/// A worksheet part, streamed (ECMA-376 Part 1 §18.3.1.99, CT_Worksheet):
/// what comes before the rows is known when the sheet starts (the frozen
/// header, the widths), and the autofilter, whose range is known only at
/// the end, comes after `sheetData` in the schema's order.
///
/// Neither rows nor cells carry an `r` reference (optional, §18.3.1.4):
/// a cell is in the column after the previous one, an empty cell between
/// two values is an empty `<c/>`, trailing empty cells are left out.
/// Excel, LibreOffice, openpyxl, python-calamine and `XLSXReader` read
/// them so, and the references would be about a tenth of the sheet's bytes.
extension XMLOutput {
    /// From the XML declaration to `<sheetData>`: the view with the pane
    /// frozen below row 1 (`selected` for the first sheet's tab), and the
    /// column widths when given. A width that is not a positive number is
    /// left to Excel's default; more than 255 characters, Excel's maximum,
    /// is 255.
    mutating func appendSheetStart(widths: [Double]?, selected: Bool) throws {
        try append(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\#n"#)
        try append(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#)
        try append(selected ? #"<sheetViews><sheetView tabSelected="1" workbookViewId="0">"# : #"<sheetViews><sheetView workbookViewId="0">"#)
        try append(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>"#)
        let columns = (widths ?? []).enumerated().filter { $0.element.isFinite && $0.element > 0 }
        if !columns.isEmpty {
            try append("<cols>")
            for (index, width) in columns {
                try reserve(96)
                unchecked(#"<col min=""#)
                unchecked(integer: index + 1)
                unchecked(#"" max=""#)
                unchecked(integer: index + 1)
                unchecked(#"" width=""#)
                unchecked(double: min(width, 255))
                unchecked(#"" customWidth="1"/>"#)
            }
            try append("</cols>")
        }
        try append("<sheetData>")
    }

    /// The header row: each name a shared string in the bold style.
    mutating func appendHeader(_ names: [String], strings: SharedStringTable) throws {
        try append("<row>")
        for name in names {
            if name.isEmpty {
                try append("<c/>")
                continue
            }
            try OOXMLText.withUTF8(name) { bytes in
                try appendText(bytes, strings: strings, style: #" s="1""#)
            }
        }
        try append("</row>")
    }

    /// One row; returns its width up to the last value (for the
    /// autofilter's range).
    @inline(__always)
    mutating func appendRow(_ cells: [XLSXCell], strings: SharedStringTable) throws -> Int {
        try reserve(5)
        unchecked("<row>")
        var width = 0
        for (column, cell) in cells.enumerated() {
            // The empty cells since the last value, once a value follows.
            let gap = column - width
            if gap > 0, !cell.isBlank {
                try reserve(4 * gap)
                for _ in 0..<gap { unchecked("<c/>") }
            }
            switch cell {
            case .empty:
                continue
            case .text(let text):
                if text.isEmpty { continue }
                try OOXMLText.withUTF8(text) { try appendText($0, strings: strings, style: "") }
            case .uniqueText(let text):
                if text.isEmpty { continue }
                try OOXMLText.withUTF8(text) { try appendInlineText($0, style: "") }
            case .integer(let value):
                try reserve(40)
                unchecked("<c><v>")
                unchecked(integer: value)
                unchecked("</v></c>")
            case .number(let value):
                if !value.isFinite { continue }
                try appendNumber(value, opening: "<c><v>")
            case .percent(let value):
                if !value.isFinite { continue }
                try appendNumber(value, opening: #"<c s="3"><v>"#)
            case .dateTime(let seconds):
                try appendNumber(Self.serial(seconds), opening: #"<c s="2"><v>"#)
            }
            width = column + 1
        }
        try reserve(6)
        unchecked("</row>")
        return width
    }

    /// From `</sheetData>` to the end; `filterRange` like `A1:H123`.
    mutating func appendSheetEnd(filterRange: String?) throws {
        try append("</sheetData>")
        if let filterRange {
            try append(#"<autoFilter ref=""#)
            try appendEscaped(filterRange)
            try append(#""/>"#)
        }
        try append("</worksheet>")
    }

    /// A number cell: `opening` names its style.
    @inline(__always)
    private mutating func appendNumber(_ value: Double, opening: StaticString) throws {
        try reserve(48)
        unchecked(opening)
        unchecked(double: value)
        unchecked("</v></c>")
    }

    /// A text cell: a shared string when the table has or takes it, inline
    /// otherwise.
    @inline(__always)
    private mutating func appendText(_ text: UnsafeBufferPointer<UInt8>, strings: SharedStringTable, style: StaticString) throws {
        let text = UnsafeBufferPointer(rebasing: text[0..<OOXMLText.cellPrefixLength(text)])
        guard let index = strings.index(of: text) else {
            try appendInlineText(text, style: style)
            return
        }
        try reserve(48)
        unchecked(#"<c t="s""#)
        unchecked(style)
        unchecked("><v>")
        unchecked(integer: index)
        unchecked("</v></c>")
    }

    @inline(__always)
    private mutating func appendInlineText(_ text: UnsafeBufferPointer<UInt8>, style: StaticString) throws {
        let text = UnsafeBufferPointer(rebasing: text[0..<OOXMLText.cellPrefixLength(text)])
        try reserve(64 + OOXMLText.worstEscapedLength(text.count))
        unchecked(#"<c t="inlineStr""#)
        unchecked(style)
        unchecked(OOXMLText.needsPreserve(text) ? #"><is><t xml:space="preserve">"# : "><is><t>")
        count += OOXMLText.escape(text, to: base + count)
        unchecked("</t></is></c>")
    }

    /// The serial Excel shows as the wall-clock time `seconds` after
    /// 1970-01-01T00:00:00 (ECMA-376 Part 1 §18.17.4.1, 1900 date system):
    /// days since 1899-12-30. Before 1900-03-01 one less, since Excel counts
    /// the 29 February 1900 that never was (serial 60).
    @inline(__always)
    static func serial(_ seconds: Int) -> Double {
        let serial = Double(seconds) / 86_400 + 25_569
        return seconds < -2_203_891_200 ? serial - 1 : serial
    }
}

extension XLSXCell {
    /// True for the cells written as nothing: empty, empty text, and
    /// numbers a cell cannot hold.
    @inline(__always)
    var isBlank: Bool {
        switch self {
        case .empty: return true
        case .text(let text), .uniqueText(let text): return text.isEmpty
        case .number(let value), .percent(let value): return !value.isFinite
        case .integer, .dateTime: return false
        }
    }
}
