import Foundation

/// A fresh folder per test, removed at the end.
package final class TemporaryFolder {
    package let url: URL
    package var path: String { url.path }

    /// Makes `texto-tests-<UUID>` in the system's temporary folder.
    package init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("texto-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` in the folder.
    package func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Every name in the folder, hidden ones included, sorted.
    package var listing: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }

    /// The names in a subfolder, hidden ones included, sorted.
    package func listing(in subfolder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: file(subfolder))) ?? []).sorted()
    }

    /// The bytes of the file `name`.
    package func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: url.appendingPathComponent(name))) }
}
