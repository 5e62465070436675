import Foundation
import Gateway
import TestSupport
import Testing

@Suite("Gammu outbox files")
struct GammuOutboxWriterTests {
    /// A file name as Gammu's files backend reads it (smsd/services/files.c,
    /// `SMSDFiles_FindOutboxSMS`): the number between the third and fourth `_`.
    struct Name: Equatable {
        var priority: Character, date: String, time: String, serial: String, number: String, id: String, options: String

        init(_ name: String) throws {
            let fields = name.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == 5 && fields[0].hasPrefix("OUT"))
            let head = Array(fields[0].dropFirst(3))
            priority = head[0]
            date = String(head[1...])
            time = fields[1]
            serial = fields[2]
            number = fields[3]
            let tail = fields[4].split(separator: ".", maxSplits: 1).map(String.init)
            id = tail[0]
            try #require(tail[1].hasPrefix("txt"))
            options = String(tail[1].dropFirst(3))
        }
    }

    /// The text of an outbox file: UTF-16 after a BOM (Foundation's decoder
    /// honours it), ASCII otherwise.
    static func text(_ bytes: [UInt8]) throws -> String {
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            return try #require(String(data: Data(bytes), encoding: .utf16))
        }
        try #require(bytes.allSatisfy { $0 < 0x80 })
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An outbox in `folder`, and the manifest beside it, outside.
    static func outbox(_ folder: TemporaryFolder) throws -> BatchConfiguration {
        try FileManager.default.createDirectory(atPath: folder.file("outbox"), withIntermediateDirectories: false)
        return BatchConfiguration(folder: folder.file("outbox"), campaign: "noel-2026", manifest: folder.file("manifest.json"))
    }

    /// What is in the outbox, hidden names included.
    static func listing(_ folder: TemporaryFolder) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.file("outbox"))) ?? []).sorted()
    }

    @Test("each file read back (name parsed, content decoded) gives its message")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        let writer = try GammuOutboxWriter(Self.outbox(folder))
        var names: [String] = []
        for sample in tricky { names.append(try writer.write(sample)) }
        _ = try writer.finish()
        try writer.commit()

        #expect(Self.listing(folder) == names.sorted(), "one file per message, nothing else in the outbox")
        #expect(folder.listing == ["manifest.json", "outbox"])
        for (index, (name, sample)) in zip(names, tricky).enumerated() {
            let parsed = try Name(name)
            #expect(parsed.priority == "C")
            #expect(parsed.date + "_" + parsed.time == localTime(sample, format: "yyyyMMdd_HHmmss"))
            #expect(parsed.serial == String(format: "%06d", index + 1))
            #expect(parsed.number == sample.to)
            #expect(parsed.id == sample.id.text)
            #expect(parsed.options == "")
            #expect(try Self.text(folder.bytes("outbox/" + name)) == sample.text)
        }
    }

    @Test("ASCII as it is, anything else UTF-16 big-endian after FE FF (what Gammu writes itself)")
    func content() throws {
        let folder = try TemporaryFolder()
        let writer = try GammuOutboxWriter(Self.outbox(folder))
        let ascii = try writer.write(message(to: "+33600000001", text: "Promo -20%, STOP 36180"))
        let accented = try writer.write(message(to: "+33600000002", text: "é🎄"))
        _ = try writer.finish()
        try writer.commit()
        #expect(try folder.bytes("outbox/" + ascii) == Array("Promo -20%, STOP 36180".utf8), "no BOM, no final line break")
        #expect(try folder.bytes("outbox/" + accented) == [0xFE, 0xFF, 0x00, 0xE9, 0xD8, 0x3C, 0xDF, 0x84])
    }

    @Test("names sort by send time, then serial, whatever order the messages came in; d asks for reports")
    func order() throws {
        let folder = try TemporaryFolder()
        let writer = try GammuOutboxWriter(Self.outbox(folder), priority: "A", deliveryReports: true)
        let later = try writer.write(message(to: "+33600000001", text: "b", at: "2026-11-28T15:00:00+01:00"))
        let first = try writer.write(message(to: "+33600000002", text: "a", at: "2026-11-28T09:00:00+01:00"))
        let sameSecond = try writer.write(message(to: "+33600000003", text: "c", at: "2026-11-28T15:00:00+01:00"))
        let manifest = try writer.finish()
        try writer.commit()
        #expect(Self.listing(folder) == [first, later, sameSecond])
        #expect(manifest.files.map(\.name) == [first, later, sameSecond])
        #expect(first.hasPrefix("OUTA20261128_090000_000002_+33600000002_") && first.hasSuffix(".txtd"))
    }

    @Test("a priority that is not a capital letter, a chunk, a number that is not E.164, a NUL: refused", arguments: [0, 1, 2, 3, 4])
    func refused(_ kind: Int) throws {
        let folder = try TemporaryFolder()
        let configuration = BatchConfiguration(folder: folder.path, campaign: "noel-2026", chunk: kind == 1 ? 10 : nil)
        let expected: GatewayErrorCode = kind < 2 ? .invalidOption : .invalidMessage
        #expect {
            let writer = try GammuOutboxWriter(configuration, priority: kind == 0 ? "a" : "C")
            try writer.write(message(to: kind == 2 ? "+33 6 30 05 06 60" : "+33630050660", text: kind == 3 ? "a\u{0}b" : "ok"))
            try writer.write(message(to: kind == 4 ? "../+33630050660" : "+33630050661", text: "ok"))
        } throws: { error in
            (error as? GatewayError)?.code == expected
        }
        #expect(folder.listing == [], "nothing left behind")
    }

    @Test("golden bytes of a small batch")
    func golden() throws {
        let folder = try TemporaryFolder()
        let writer = try GammuOutboxWriter(BatchConfiguration(folder: folder.path, campaign: "noel-2026"))
        for sample in tricky { try writer.write(sample) }
        _ = try writer.finish()
        try writer.commit()
        #expect(try compareWithGolden(folder, "gammu") == [])
    }
}
