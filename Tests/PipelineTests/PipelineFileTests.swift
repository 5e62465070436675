import Foundation
import Pipeline
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
        ("campaign:\n  id: x\n  sender: S\nmessage:\n  unicode: true\n", 5, "3", "the message needs a template", "template:"),
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

    @Test("a missing file is exit 66")
    func missing() {
        let error = #expect(throws: PipelineError.self) { try PipelineFile.load("/nonexistent/pipeline.yaml") }
        #expect(error?.category == .noInput)
    }
}
