import Tables
import Testing
@testable import Messages

@Suite("Templates")
struct TemplateTests {
    static let header = ["_source", "_row", "_phone", "CIVILITE", "NOM", "Prénom", "VILLE", "FIN_ABONNEMENT", "DERNIERE_VISITE"]

    static func render(_ source: String, _ cells: [String], onEmpty: BoundTemplate.EmptyPolicy = .skip) throws -> BoundTemplate.Rendering {
        let bound = try BoundTemplate(Template(source), header: header)
        let bytes = cells.map { Array($0.utf8) }
        var flat: [UInt8] = []
        var ranges: [Range<Int>] = []
        for cell in bytes {
            ranges.append(flat.count..<flat.count + cell.count)
            flat += cell
        }
        var lengths: [Int] = []
        return flat.withUnsafeBufferPointer { buffer in
            let slices = ranges.map { UnsafeBufferPointer(rebasing: buffer[$0]) }
            return slices.withUnsafeBufferPointer { bound.render(Row(number: 2, cells: $0.baseAddress!, count: $0.count), onEmpty: onEmpty, lengths: &lengths) }
        }
    }

    static let row = ["a.csv", "2", "+33610000001", "Mme", "KERBRAT", "Anne", " Rennes ", "2026-11-30", "2026-11-02T10:30:00"]

    @Test("fields, defaults, dollars, dates", arguments: [
        ("Bonjour $PRENOM$ !", "Bonjour Anne !"),
        ("Bonjour $prenom$ $nom$", "Bonjour Anne KERBRAT"),
        ("$CIVILITES$ $NOM$", "Mme KERBRAT"),
        ("À $VILLE$.", "À Rennes."),
        ("Prix : 10 $$", "Prix : 10 $"),
        ("Fin le $FIN_ABONNEMENT$", "Fin le 30/11/2026"),
        ("Fin le $FIN_ABONNEMENT:dd/MM$", "Fin le 30/11"),
        ("Fin le $FIN_ABONNEMENT:EEEE d MMMM yyyy$", "Fin le lundi 30 novembre 2026"),
        ("Vu le $DERNIERE_VISITE:dd/MM à HH:mm$", "Vu le 02/11 à 10:30"),
        ("$Prénom|client$", "Anne"),
    ])
    func rendering(source: String, text: String) throws {
        #expect(try Self.render(source, Self.row) == .text(text))
    }

    @Test("an empty field takes its default, or skips the row, or renders blank")
    func empty() throws {
        var row = Self.row
        row[5] = "  "
        #expect(try Self.render("Bonjour $PRENOM|cher client$", row) == .text("Bonjour cher client"))
        #expect(try Self.render("Bonjour $PRENOM$", row) == .emptyField("Prénom"))
        #expect(try Self.render("Bonjour $PRENOM$", row, onEmpty: .blank) == .text("Bonjour "))
    }

    @Test("an unclosed $ says where")
    func unclosed() {
        #expect(throws: TemplateError.self) { try Template("Bonjour $PRENOM, à bientôt") }
        do {
            _ = try Template("Bonjour $PRENOM, à bientôt")
        } catch let error as TemplateError {
            #expect(error.range == 8..<9)
            #expect(error.description.contains("          ^"))
        } catch {}
    }

    @Test("an unknown field lists the known ones")
    func unknown() throws {
        do {
            _ = try BoundTemplate(Template("Bonjour $PRENOMS2$"), header: Self.header)
            Issue.record("unknown field accepted")
        } catch let error as TemplateError {
            #expect(error.message == "there is no column PRENOMS2 in the file. Its fields: $CIVILITE$ $NOM$ $Prénom$ $VILLE$ $FIN_ABONNEMENT$ $DERNIERE_VISITE$")
            #expect(error.range == 8..<18)
        }
    }

    @Test("the skeleton is the template with defaults only")
    func skeleton() throws {
        let bound = try BoundTemplate(Template("Bonjour $PRENOM|client$, à $VILLE$"), header: Self.header)
        #expect(bound.skeleton == "Bonjour client, à ")
    }
}
