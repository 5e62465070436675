import Foundation
import Pipeline
import TestSupport
import Testing
import TextoCore

@Suite("Pipeline files")
struct PipelineFileTests {
    static let demo = """
        campaign:
          id: noel-2026
          name: Noël 2026
          sender: KERKAFE
          stop_mention: STOP au 36035
        input:
          files: [../Fixtures/csv/clients.csv]
        targeting:
          where: "AUTORISE_SMS = 'Oui'"
        message:
          template: "Bonjour $PRENOM$ !"
          unit_price: 0.045
        emit:
          format: jsonl
          chunk: 25
        """

    @Test("a pipeline's sections become the stages' settings; its steps default to the sections present, in order")
    func sections() throws {
        let pipeline = try PipelineFile.parse(Self.demo, path: "pipelines/noel.yaml")
        #expect(pipeline.campaign.id == "noel-2026" && pipeline.campaign.name == "Noël 2026" && pipeline.campaign.type == "marketing")
        #expect(pipeline.input?.files == ["../Fixtures/csv/clients.csv"] && pipeline.input?.country == "FR")
        #expect(pipeline.targeting?.filter == "AUTORISE_SMS = 'Oui'")
        #expect(pipeline.message?.unitPrice == 0.045 && pipeline.emit?.format == "jsonl" && pipeline.emit?.chunk == 25)
        #expect(pipeline.steps == [.import, .target, .render, .emit])
        #expect(pipeline.resolve("texto.sqlite") == "pipelines/texto.sqlite" && pipeline.resolve("/var/texto.sqlite") == "/var/texto.sqlite")
    }

    @Test("errors name the line and column, what was found and what is allowed", arguments: [
        ("campaign:\n  id: x\n  sender: S\ntargetting:\n  where: a\n", 4, "1", "`targetting` is not a key of the pipeline", "did you mean"),
        ("campaign:\n  id: x\n  sendr: S\n", 3, "3", "`sendr` is not a key of campaign", "sender"),
        ("campaign:\n  id: x\n", 2, "3", "campaign needs `sender`", "sender: ..."),
        ("campaign:\n  id: x\n  sender: S\nemit:\n  format: xml\n", 5, "11", "`xml` is not a value of format", "csv, jsonl, gammu"),
        ("campaign:\n  id: x\n  sender: S\nemit:\n  chunk: -1\n", 5, "10", "`-1` is not a value of chunk", "1 or more"),
        ("campaign:\n  id: x\n  sender: S\nsteps: [import]\n", 4, "8", "the step import needs a section `input`", "Add it"),
        ("campaign:\n  id: x\n  sender: S\nemit: {}\ninput: {files: [a.csv]}\nsteps: [emit, import]\n", 6, "8", "import cannot come after emit", "in this order"),
        ("campaign: [\n", 2, "1", "not valid YAML", "indentation"),
        ("campaign:\n  id: x\n  sender: S\nmessage:\n  unicode: true\n", 5, "3", "the message needs one template", "template:"),
        ("campaign:\n  id: x\n  sender: S\nmessage:\n  template: t\n  unit_price: 1e300\n", 6, "15", "`1e300` is not a value of unit_price", "from 0 to 100"),
        ("campaign:\n  id: x\n  sender: S\nmessage:\n  template: t\n  unit_price: .nan\n", 6, "15", "`.nan` is not a value of unit_price", "0.045"),
        ("campaign:\n  id: x\n  sender: S\ninput:\n  files: [a.csv]\n  max_reject_rate: 2\n", 6, "20", "`2` is not a value of max_reject_rate", "from 0 to 1"),
        // The schedule is read at load, so that a dry run refuses what the emit would.
        ("campaign:\n  id: x\n  sender: S\nschedule:\n  rate: 1e-300/s\n", 5, "9", "is not a rate", "per second, minute or hour"),
        ("campaign:\n  id: x\n  sender: S\nschedule:\n  at: 2026-02-30 10:00\n", 5, "7", "there is no day 30 in month 2", "Paris time"),
        ("campaign:\n  id: x\n  sender: S\nschedule:\n  window: legale\n", 5, "11", "is not a send window", "legal"),
    ] as [(String, Int, String, String, String)])
    func errors(_ text: String, line: Int, column: String, detail: String, hint: String) {
        let error = #expect(throws: PipelineError.self) { try PipelineFile.parse(text, path: "p.yaml") }
        #expect(error?.location.line == line && error?.location.column == column, "\(String(describing: error))")
        #expect(error?.detail.contains(detail) == true, "\(String(describing: error?.detail))")
        #expect(error?.hint.lowercased().contains(hint.lowercased()) == true, "\(String(describing: error?.hint))")
        #expect(error?.category == .usage)
    }

    @Test("every pipeline in pipelines/ reads; the nightly one has no campaign and is named after its file")
    func committed() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("pipelines")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.contains("demo.yaml") && names.contains("nightly.yaml"))
        for name in names { _ = try PipelineFile.load(folder.appendingPathComponent(name).path) }
        let nightly = try PipelineFile.load(folder.appendingPathComponent("nightly.yaml").path)
        #expect(nightly.campaign.id == "nightly" && nightly.steps == [.ingest, .report])
        let demo = try PipelineFile.load(folder.appendingPathComponent("demo.yaml").path)
        #expect(demo.steps == PipelineStep.allCases)
    }

    @Test("a pipeline without a campaign may only ingest and report")
    func noCampaign() {
        let error = #expect(throws: PipelineError.self) { try PipelineFile.parse("input: {files: [a.csv]}\n", path: "p.yaml") }
        #expect(error?.detail.contains("the step import makes a campaign") == true)
    }

    @Test("--copy writes NEW_ID.yaml beside the pipeline: the new id, \"Copie de\" its name, comments and layout kept; never over a file")
    func copy() throws {
        let folder = try TemporaryFolder()
        let block = folder.file("noel.yaml")
        try ("# Noël, for the shop\n" + Self.demo).write(toFile: block, atomically: true, encoding: .utf8)
        let copied = try PipelineFile.copy(block, as: "noel-2027")
        #expect(copied == folder.file("noel-2027.yaml"))
        let copy = try PipelineFile.load(copied)
        #expect(copy.campaign.id == "noel-2027" && copy.campaign.name == "Copie de Noël 2026" && copy.campaign.sender == "KERKAFE")
        let text = try String(contentsOfFile: copied, encoding: .utf8)
        #expect(text.hasPrefix("# Noël, for the shop\n") && text.contains("  where: \"AUTORISE_SMS = 'Oui'\""))
        #expect(throws: PipelineError.self) { try PipelineFile.copy(block, as: "noel-2027") }

        let flow = folder.file("flow.yaml")
        try "campaign: {id: a, sender: KERKAFE}  # one line\nreport: {out: r}\n".write(toFile: flow, atomically: true, encoding: .utf8)
        let flowCopy = try PipelineFile.load(try PipelineFile.copy(flow, as: "b"))
        #expect(flowCopy.campaign.id == "b" && flowCopy.campaign.sender == "KERKAFE")
    }

    @Test("a named template: templates/NAME.txt beside the pipeline or its folder, its first line a description")
    func namedTemplate() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.file("templates"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder.file("pipelines"), withIntermediateDirectories: true)
        try "# Relance, 15 jours avant la fin\nBonjour $PRENOM$,\nvotre abonnement se termine bientôt.\n\n"
            .write(toFile: folder.file("templates/relance.txt"), atomically: true, encoding: .utf8)
        let pipeline = try PipelineFile.parse("campaign: {id: a, sender: KERKAFE}\nmessage: {template_name: relance}\n",
                                              path: folder.file("pipelines/a.yaml"))
        let template = try NamedTemplate.load("relance", for: pipeline)
        #expect(template.description == "Relance, 15 jours avant la fin")
        #expect(template.text == "Bonjour $PRENOM$,\nvotre abonnement se termine bientôt.")
        try "# Anniversaire\nBon anniversaire $PRENOM$ !\n".write(toFile: folder.file("templates/anniversaire.txt"), atomically: true, encoding: .utf8)
        try "sans description\n".write(toFile: folder.file("templates/brut.txt"), atomically: true, encoding: .utf8)
        #expect(NamedTemplate.library(for: pipeline).map { "\($0.name): \($0.description)" }
                    == ["anniversaire: Anniversaire", "brut: ", "relance: Relance, 15 jours avant la fin"])
        let missing = #expect(throws: PipelineError.self) { try NamedTemplate.load("nope", for: pipeline) }
        #expect(missing?.hint.contains("templates/nope.txt") == true)
        #expect(throws: PipelineError.self) {
            try PipelineFile.parse("campaign: {id: a, sender: S}\nmessage: {template: x, template_name: relance}\n", path: "p.yaml")
        }
    }

    @Test("a missing file is exit 66")
    func missing() {
        let error = #expect(throws: PipelineError.self) { try PipelineFile.load("/nonexistent/pipeline.yaml") }
        #expect(error?.category == .noInput)
    }
}
