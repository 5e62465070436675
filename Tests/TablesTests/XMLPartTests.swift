import TextoCore
import Testing
@testable import Tables

@Suite("XML parts")
struct XMLPartTests {
    static let location = DataLocation(file: "clients.xlsx", part: "xl/workbook.xml")

    static func code(_ xml: String) -> TableError.Code? {
        do {
            _ = try XMLElementList(parsing: Array(xml.utf8), location: location)
            return nil
        } catch let error as TableError {
            return error.code
        } catch {
            return nil
        }
    }

    @Test("a DTD in any part is refused before an entity expands")
    func documentType() {
        let laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="&b;"/></sheets></workbook>
            """
        #expect(Self.code(laughs) == .dtdForbidden)
        #expect(Self.code(#"<?xml version="1.0"?><!DOCTYPE r SYSTEM "file:///etc/passwd"><r/>"#) == .dtdForbidden)
    }

    @Test("XML cut short or not well-formed is refused", arguments: [
        "<workbook><sheets><sheet name=\"a\"/>", "<workbook></sheets>", "", "<a b=\"1\" b=\"2\"/>",
    ])
    func malformed(xml: String) {
        #expect(Self.code(xml) == .malformedXML)
    }

    @Test("elements, attributes, parents and namespaces are read")
    func elements() throws {
        let xml = """
            <x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <x:sheets><x:sheet name="Feuil1" r:id="rId1"/></x:sheets></x:workbook>
            """
        let elements = try XMLElementList(parsing: Array(xml.utf8), location: Self.location).elements
        let sheet = try #require(elements.first { $0.name == "sheet" })
        #expect(sheet.parent == "sheets")
        #expect(sheet.namespace == SpreadsheetML.transitional)
        #expect(sheet.attributes["name"] == "Feuil1")
        #expect(sheet.attribute("id", namespaceSuffix: "relationships") == "rId1")
    }
}
