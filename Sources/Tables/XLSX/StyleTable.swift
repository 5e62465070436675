import TextoCore
/// The rendering of each cell style (`s` attribute = index into `cellXfs`),
/// read once from `styles.xml` (ECMA-376 Part 1 §18.8).
struct StyleTable {
    private(set) var renderings: [NumberRendering] = []

    /// A table where every style is General (a package without styles).
    init() {}

    init(parsing bytes: [UInt8], location: DataLocation) throws {
        var customFormats: [Int: String] = [:]
        var formatIds: [Int] = []
        for element in try XMLElementList(parsing: bytes, location: location).elements
        where WorkbookPackage.isSpreadsheetML(element.namespace) {
            switch (element.name, element.parent) {
            case ("numFmt", "numFmts"):
                if let id = element.attributes["numFmtId"].flatMap({ Int($0) }), let code = element.attributes["formatCode"] {
                    customFormats[id] = code
                }
            case ("xf", "cellXfs"):
                formatIds.append(element.attributes["numFmtId"].flatMap { Int($0) } ?? 0)
            default:
                break
            }
        }
        renderings = formatIds.map { id in
            // Custom formats may redefine built-in ids; the workbook's wins.
            if let code = customFormats[id] { return NumberFormat.classify(code) }
            return NumberFormat.builtIn(id)
        }
    }

    /// The rendering for style index `index`; General when out of range.
    @inline(__always)
    func rendering(_ index: Int) -> NumberRendering {
        index >= 0 && index < renderings.count ? renderings[index] : .general
    }
}
