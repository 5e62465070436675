import Crypto
import Foundation
import Gateway
import TestSupport
import Testing

/// What all writers share: chunks, the manifest, all-or-nothing.
@Suite("Batches: chunks, manifest, commit")
struct BatchCommitTests {
    static func messages(_ count: Int) -> [GatewayMessage] {
        (0..<count).map { index in
            let (sendAt, offset) = parseISO("2026-11-28T14:00:00+01:00")
            var sample = message(to: "+336\(10_000_000 + index)", text: "Message \(index)")
            sample.sendAt = sendAt + index
            sample.sendAtOffset = offset
            return sample
        }
    }

    @Test("--chunk 3 with 2, 3 and 4 messages: files of at most 3, numbered from 0001", arguments: [
        (2, [2]), (3, [3]), (4, [3, 1]),
    ] as [(Int, [Int])])
    func chunkBoundaries(_ count: Int, _ expected: [Int]) throws {
        for format in [BatchFormat.csv, .jsonl] {
            let folder = try TemporaryFolder()
            let writer = try format.makeWriter(BatchConfiguration(folder: folder.path, campaign: "noel-2026", chunk: 3))
            let written = try Self.messages(count).map { try writer.write($0) }
            let manifest = try writer.finish()
            try writer.commit()
            let names = expected.indices.map { "noel-2026-000\($0 + 1).\(format.rawValue)" }
            #expect(manifest.files.map(\.name) == names)
            #expect(manifest.files.map(\.messages) == expected)
            #expect(written == expected.enumerated().flatMap { Array(repeating: names[$0.offset], count: $0.element) })
            #expect(folder.listing == (names + ["manifest.json"]).sorted())
            // First and last send times of each file.
            #expect(manifest.files.first?.firstSendAt == "2026-11-28T14:00:00+01:00")
            #expect(manifest.files.last?.lastSendAt == "2026-11-28T14:00:0\(count - 1)+01:00")
        }
    }

    @Test("without --chunk, one file named after the campaign; no message, no file")
    func oneFile() throws {
        for (count, files) in [(5, ["noel-2026.csv"]), (0, [])] {
            let folder = try TemporaryFolder()
            let writer = try CSVBatchWriter(BatchConfiguration(folder: folder.path, campaign: "noel-2026"))
            for sample in Self.messages(count) { try writer.write(sample) }
            let manifest = try writer.finish()
            try writer.commit()
            #expect(manifest.files.map(\.name) == files)
            #expect(manifest.messages == count)
            #expect(folder.listing == (files + ["manifest.json"]).sorted())
        }
    }

    @Test("manifest.json lists every file with its count, send times and SHA-256, as finish() returned it", arguments: BatchFormat.allCases)
    func manifestHashes(_ format: BatchFormat) throws {
        let folder = try TemporaryFolder()
        let writer = try format.makeWriter(BatchConfiguration(folder: folder.path, campaign: "noel-2026",
                                                              chunk: format == .gammu ? nil : 2))
        for sample in tricky { try writer.write(sample) }
        let manifest = try writer.finish()
        try writer.commit()
        #expect(manifest.messages == tricky.count)

        let json = try #require(try JSONSerialization.jsonObject(with: Data(folder.bytes("manifest.json"))) as? [String: Any])
        #expect(json["campaign"] as? String == "noel-2026")
        #expect(json["format"] as? String == format.rawValue)
        #expect(json["messages"] as? Int == tricky.count)
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.map { $0["name"] as? String } == manifest.files.map(\.name))
        #expect(manifest.files.map(\.name) == manifest.files.map(\.name).sorted())
        for (entry, file) in zip(files, manifest.files) {
            let digest = SHA256.hash(data: try folder.bytes(file.name)).map { String(format: "%02x", $0) }.joined()
            #expect(entry["sha256"] as? String == digest)
            #expect(file.sha256 == digest)
            #expect(entry["messages"] as? Int == file.messages)
            #expect(entry["first_send_at"] as? String == file.firstSendAt)
            #expect(entry["last_send_at"] as? String == file.lastSendAt)
        }
        #expect(Set(folder.listing) == Set(manifest.files.map(\.name) + ["manifest.json"]))
    }

    @Test("dropped before commit, while writing or after finish(), or failing on a message: nothing appears",
          arguments: BatchFormat.allCases)
    func nothingBeforeCommit(_ format: BatchFormat) throws {
        let folder = try TemporaryFolder()
        let configuration = BatchConfiguration(folder: folder.path, campaign: "noel-2026", chunk: format == .gammu ? nil : 2)
        do {
            let writer = try format.makeWriter(configuration)
            for sample in tricky { try writer.write(sample) }
            #expect(folder.listing.allSatisfy { $0.hasPrefix(".") }, "only hidden names while writing")
        }
        #expect(folder.listing == [])
        do {
            let writer = try format.makeWriter(configuration)
            for sample in tricky { try writer.write(sample) }
            _ = try writer.finish()
            #expect(!folder.listing.contains("manifest.json"))
            #expect(folder.listing.allSatisfy { $0.hasPrefix(".") })
        }
        #expect(folder.listing == [])
        let writer = try format.makeWriter(configuration)
        for sample in tricky { try writer.write(sample) }
        var bad = tricky[0]
        bad.sendAtOffset = 1
        #expect(throws: GatewayError.self) { try writer.write(bad) }
        #expect(folder.listing == [], "an error removes what was written")
        let discarded = try format.makeWriter(configuration)
        try discarded.write(tricky[0])
        discarded.discard()
        #expect(folder.listing == [])
    }

    @Test("a folder that cannot be written: cannotWrite, exit category cannotCreate, located at the folder")
    func unwritableFolder() throws {
        let folder = try TemporaryFolder()
        let missing = folder.file("missing")
        for format in BatchFormat.allCases {
            #expect {
                _ = try format.makeWriter(BatchConfiguration(folder: missing, campaign: "noel-2026"))
            } throws: { error in
                guard let error = error as? GatewayError else { return false }
                return error.code == .cannotWrite && error.category == .cannotCreate && error.location.file == missing
            }
        }
        // The manifest's folder missing: found at finish(), the batch removed.
        let writer = try CSVBatchWriter(BatchConfiguration(folder: folder.path, campaign: "noel-2026",
                                                           manifest: folder.file("missing/manifest.json")))
        try writer.write(tricky[0])
        #expect(throws: GatewayError.self) { _ = try writer.finish() }
        #expect(folder.listing == [])
    }

    @Test("a name or a chunk that cannot be honoured is a usage error", arguments: [
        BatchConfiguration(folder: ".", campaign: "noel/../2026"),
        BatchConfiguration(folder: ".", campaign: "noel-2026", name: ""),
        BatchConfiguration(folder: ".", campaign: "noel-2026", chunk: 0),
    ])
    func refusedConfiguration(_ configuration: BatchConfiguration) {
        #expect {
            _ = try CSVBatchWriter(configuration)
        } throws: { error in
            (error as? GatewayError)?.category == .usage
        }
    }

    @Test("the same messages give the same bytes, run after run")
    func deterministic() throws {
        var runs: [[String: [UInt8]]] = []
        for _ in 0..<2 {
            let folder = try TemporaryFolder()
            for format in BatchFormat.allCases {
                try FileManager.default.createDirectory(atPath: folder.file(format.rawValue), withIntermediateDirectories: false)
                let writer = try format.makeWriter(BatchConfiguration(folder: folder.file(format.rawValue), campaign: "noel-2026"))
                for sample in tricky { try writer.write(sample) }
                _ = try writer.finish()
                try writer.commit()
            }
            var files: [String: [UInt8]] = [:]
            for format in BatchFormat.allCases {
                for name in try FileManager.default.contentsOfDirectory(atPath: folder.file(format.rawValue)) {
                    files[format.rawValue + "/" + name] = try folder.bytes(format.rawValue + "/" + name)
                }
            }
            runs.append(files)
        }
        #expect(runs[0] == runs[1])
    }
}
