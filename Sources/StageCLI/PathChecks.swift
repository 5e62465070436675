import ArgumentParser
import Foundation

/// Checks shared by stages that read files and write others.
public enum PathChecks {
    /// Refuses an output that would overwrite an input (inputs are never
    /// modified) and two outputs on the same path.
    public static func validate(inputs: [String], outputs: [(option: String, path: String)]) throws {
        if inputs.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("Standard input ('-') can be read only once.")
        }
        let inputPaths = Set(inputs.filter { $0 != "-" }.map(canonical))
        var seen: [String: String] = [:]
        for (option, path) in outputs where path != "-" {
            let key = canonical(path)
            if inputPaths.contains(key) {
                throw ValidationError("\(option) \(path) is also an input; Texto never overwrites its inputs. Choose another output path.")
            }
            if let other = seen[key] {
                throw ValidationError("\(option) and \(other) both name \(path); give each output its own file.")
            }
            seen[key] = option
        }
        if outputs.filter({ $0.path == "-" }).count > 1 {
            throw ValidationError("Only one output can go to standard output ('-').")
        }
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
