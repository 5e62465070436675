import Foundation
@testable import Tables

/// Zip archives built in a test from entries already compressed (PKWARE
/// APPNOTE §4.3.7, §4.3.12, §4.3.16): bombs too large to commit as fixtures.
enum TestZip {
    struct Entry {
        var name: String
        /// Raw deflate (method 8) bytes.
        var deflated: [UInt8]
        var crc32: UInt32
        /// What the headers declare.
        var uncompressedSize: Int
    }

    /// The bytes of an archive holding `entries`, sizes as declared.
    static func archive(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ value: Int, _ into: inout [UInt8]) { into += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        func u32(_ value: Int, _ into: inout [UInt8]) { u16(value & 0xFFFF, &into); u16(value >> 16 & 0xFFFF, &into) }
        for entry in entries {
            let name = Array(entry.name.utf8)
            let offset = out.count
            u32(0x0403_4B50, &out)
            for value in [20, 0, 8, 0, 0x5C21] { u16(value, &out) }  // version, flags, method, time, date
            u32(Int(entry.crc32), &out)
            u32(entry.deflated.count, &out)
            u32(entry.uncompressedSize, &out)
            u16(name.count, &out)
            u16(0, &out)
            out += name + entry.deflated

            u32(0x0201_4B50, &central)
            for value in [20, 20, 0, 8, 0, 0x5C21] { u16(value, &central) }  // made by, needed, flags, method, time, date
            u32(Int(entry.crc32), &central)
            u32(entry.deflated.count, &central)
            u32(entry.uncompressedSize, &central)
            u16(name.count, &central)
            for _ in 0..<4 { u16(0, &central) }  // extra, comment, disk, internal attributes
            u32(0, &central)  // external attributes
            u32(offset, &central)
            central += name
        }
        let directoryOffset = out.count
        out += central
        u32(0x0605_4B50, &out)
        for value in [0, 0, entries.count, entries.count] { u16(value, &out) }
        u32(central.count, &out)
        u32(directoryOffset, &out)
        u16(0, &out)
        return out
    }

    /// Writes `entries` to a new temporary file and returns its path.
    static func write(_ entries: [Entry]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("texto-zip-\(UUID().uuidString).xlsx")
        try Data(archive(entries)).write(to: url)
        return url.path
    }

    /// `segments × 8 MiB` of zero bytes as one raw deflate stream, about
    /// 1,028:1: copies of `bad/zeros-8mib.deflate` (each ends with a full
    /// flush) and a final empty fixed-Huffman block.
    static func zeros(segments: Int) throws -> [UInt8] {
        let segment = try [UInt8](Data(contentsOf: ZipArchiveTests.fixtures.appendingPathComponent("bad/zeros-8mib.deflate")))
        var stream: [UInt8] = []
        stream.reserveCapacity(segment.count * segments + 2)
        for _ in 0..<segments { stream += segment }
        return stream + [0x03, 0x00]
    }

    /// CRC-32 of 96 MiB and of 1 GiB of zero bytes (`zlib.crc32(bytes(n))`).
    static let crcOfZeros: [Int: UInt32] = [96 << 20: 0x5F3E_AB4C, 1 << 30: 0x5B64_C2B0]

    /// A sheet part of `segments × 8 MiB` zero bytes, its size declared
    /// honestly unless `declaring` says otherwise.
    static func zerosEntry(_ name: String = "xl/worksheets/sheet1.xml", segments: Int, declaring size: Int? = nil) throws -> Entry {
        let real = segments << 23
        return Entry(name: name, deflated: try zeros(segments: segments), crc32: crcOfZeros[real] ?? 0,
                     uncompressedSize: size ?? real)
    }
}
