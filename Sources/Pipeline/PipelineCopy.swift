import Foundation
import Tables
import TextoCore
import Yams

extension PipelineFile {
    /// "Dupliquer une campagne": writes a copy of the pipeline file at
    /// `path` beside it as `<newID>.yaml`, the campaign's id set to `newID`
    /// and its name to "Copie de <name>"; everything else (comments,
    /// layout) as it was. Returns the new file's path.
    public static func copy(_ path: String, as newID: String) throws -> String {
        let pipeline = try load(path)
        guard !newID.isEmpty, newID.count <= 200, !newID.contains("/"), newID.allSatisfy({ !$0.isWhitespace }) else {
            throw PipelineError(.invalidFile, at: DataLocation(option: "--copy", file: newID), "a campaign id is 1 to 200 characters, no space or /",
                                hint: "Use letters, digits and - as in noel-2027.")
        }
        let target = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(newID + ".yaml")
        guard !FileManager.default.fileExists(atPath: target) else {
            throw PipelineError(.invalidFile, at: DataLocation(option: "--copy", file: target), "a pipeline of that name exists already",
                                hint: "Choose another id, or remove \(target) first.")
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard case .mapping(let root)? = try Yams.compose(yaml: text),
              case .mapping(let campaign)? = root.first(where: { $0.key.string == "campaign" })?.value else {
            throw PipelineError(.invalidFile, at: DataLocation(file: path), "the pipeline has no campaign to copy",
                                hint: "A pipeline without a campaign (a nightly one) is copied with cp.")
        }
        var lines = text.components(separatedBy: "\n")
        let name = "Copie de " + (pipeline.campaign.name ?? pipeline.campaign.id)
        // The name first: replacing the id may shift the name on a shared line.
        let values = [("name", name), ("id", newID)].compactMap { key, value in
            campaign.first(where: { $0.key.string == key }).map { ($0.value, value) }
        }.sorted { ($0.0.mark?.line ?? 0, $0.0.mark?.column ?? 0) > ($1.0.mark?.line ?? 0, $1.0.mark?.column ?? 0) }
        for (node, value) in values {
            guard let mark = node.mark else { continue }
            replaceScalar(in: &lines, line: mark.line - 1, column: mark.column - 1, with: quoted(value))
        }
        if campaign.first(where: { $0.key.string == "name" }) == nil, let idNode = campaign.first(where: { $0.key.string == "id" }),
           let keyMark = idNode.key.mark {
            let line = lines[keyMark.line - 1]
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("id:") {
                lines.insert(String(repeating: " ", count: keyMark.column - 1) + "name: " + quoted(name), at: keyMark.line)
            }
        }
        let file = try AtomicOutputFile(path: target)
        try file.write(lines.joined(separator: "\n"))
        guard try file.commit(replacing: false) else {
            throw PipelineError(.invalidFile, at: DataLocation(option: "--copy", file: target), "a pipeline of that name was made meanwhile",
                                hint: "Choose another id.")
        }
        return target
    }

    /// `value` as a YAML scalar: in double quotes when plain text would not read back as itself.
    private static func quoted(_ value: String) -> String {
        let plain = value.allSatisfy { $0.isLetter || $0.isNumber || "-_. ".contains($0) } && !value.hasPrefix(" ") && !value.hasSuffix(" ")
        return plain ? value : "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Replaces the scalar starting at `column` of `line` (plain, or in
    /// quotes; in a block or a flow mapping) with `replacement`.
    private static func replaceScalar(in lines: inout [String], line: Int, column: Int, with replacement: String) {
        var characters = Array(lines[line])
        guard column < characters.count else { return }
        var end = column
        if characters[column] == "\"" || characters[column] == "'" {
            let quote = characters[column]
            end += 1
            while end < characters.count {
                if characters[end] == "\\" && quote == "\"" { end += 2; continue }
                if characters[end] == quote {
                    if quote == "'", end + 1 < characters.count, characters[end + 1] == "'" { end += 2; continue }
                    end += 1
                    break
                }
                end += 1
            }
        } else {
            while end < characters.count, !",}]".contains(characters[end]), !(characters[end] == "#" && end > 0 && characters[end - 1] == " ") {
                end += 1
            }
            while end > column, characters[end - 1] == " " { end -= 1 }
        }
        characters.replaceSubrange(column..<min(end, characters.count), with: Array(replacement))
        lines[line] = String(characters)
    }
}
