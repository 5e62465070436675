import Foundation
import TextoCore

/// A template kept as a file of a library (MONEY's "modèles", ARA's
/// "messages prédéfinis"): `templates/NAME.txt`, its first line a
/// description for people (`# Relance fin d'abonnement, 15 jours avant`),
/// the rest the message's text. A pipeline names it (`template_name:
/// relance`); the folder `templates/` is looked for beside the pipeline
/// file, then beside its folder (`pipelines/../templates/`).
public struct NamedTemplate: Sendable, Equatable {
    public var name: String
    public var path: String
    /// The first line, without its `#`; empty when the file has none.
    public var description: String
    public var text: String

    /// Every template of the library a pipeline sees, by name (the pipeline's
    /// own folder's `templates/` first: a name there hides the other's).
    public static func library(for pipeline: PipelineFile) -> [NamedTemplate] {
        var seen = Set<String>()
        var result: [NamedTemplate] = []
        for folder in ["templates", "../templates"].map(pipeline.resolve) {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
            for file in names {
                let name = String(file.dropLast(4))
                guard seen.insert(name).inserted, let template = try? load(name, for: pipeline) else { continue }
                result.append(template)
            }
        }
        return result.sorted { $0.name < $1.name }
    }

    public static func load(_ name: String, for pipeline: PipelineFile) throws -> NamedTemplate {
        let candidates = ["templates/\(name).txt", "../templates/\(name).txt"].map(pipeline.resolve)
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || "-_".contains($0) }), !name.isEmpty,
              let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw PipelineError(.missingFile, at: DataLocation(file: pipeline.path), "there is no template named `\(name)`",
                                hint: "Put it in \(candidates.joined(separator: " or ")): a first line `# what it is for`, then the text.")
        }
        guard let content = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw PipelineError(.missingFile, at: DataLocation(file: path), "the template cannot be read as UTF-8 text",
                                hint: "Save it as UTF-8 (any text editor can).")
        }
        var lines = content.components(separatedBy: "\n")
        var description = ""
        if lines.first?.hasPrefix("#") == true {
            description = String(lines.removeFirst().dropFirst()).trimmingCharacters(in: .whitespaces)
        }
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        return NamedTemplate(name: name, path: path, description: description, text: lines.joined(separator: "\n"))
    }
}
