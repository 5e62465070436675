import Foundation
import FuzzTargets
import Testing

/// Every input a fuzzer found (a crash, a hang, a leak) stays here as a
/// file, `Regressions/<target>/<name>`, and runs on every test run: what was
/// fixed stays fixed, without the fuzzer. The targets also run on the
/// fixtures, so that they keep working between fuzzing sessions.
@Suite("Fuzz targets")
struct FuzzRegressionTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repository = here.deletingLastPathComponent().deletingLastPathComponent()

    static func files(_ folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }.filter { url in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && !isFolder.boolValue
        }
    }

    @Test("the inputs fuzzers found run to an answer", arguments: FuzzTarget.allCases)
    func regressions(_ target: FuzzTarget) throws {
        for file in Self.files(Self.here.appendingPathComponent("Regressions/\(target.rawValue)")) {
            target.run(try Data(contentsOf: file))
        }
    }

    /// The seed corpus of each target (what `Fuzz/run.sh` starts from).
    static func seeds(_ target: FuzzTarget) -> [URL] {
        let fixtures = repository.appendingPathComponent("Fixtures")
        switch target {
        case .csv: return ["csv", "targeting", "stop-lists", "messages"].flatMap { files(fixtures.appendingPathComponent($0)) }
        case .xlsx: return ["xlsx", "watch"].flatMap { files(fixtures.appendingPathComponent($0)) }
                        + files(fixtures.appendingPathComponent("bad")).filter { $0.pathExtension == "xlsx" }
        case .pipeline: return files(repository.appendingPathComponent("pipelines")).filter { $0.pathExtension == "yaml" }
        default: return files(repository.appendingPathComponent("Fuzz/seeds/\(target.rawValue)"))
        }
    }

    @Test("each target reads its seeds", arguments: FuzzTarget.allCases)
    func seeds(_ target: FuzzTarget) throws {
        let seeds = Self.seeds(target)
        #expect(!seeds.isEmpty)
        for file in seeds { target.run(try Data(contentsOf: file)) }
    }
}
