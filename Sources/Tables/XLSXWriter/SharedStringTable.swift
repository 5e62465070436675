#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shared strings of a workbook being written (ECMA-376 Part 1 §18.4):
/// each distinct text once, numbered in the order first seen, found again
/// by a hash of its UTF-8 bytes.
///
/// Bytes, not `String`s, are compared: two texts Swift calls equal but
/// spelled differently (`é` precomposed or not) keep their own spellings.
///
/// The table is bounded, so that memory does not grow with the rows: past
/// `limit` distinct texts or `byteBudget` bytes of them, a new text is not
/// added (`index(of:)` returns nil and the caller writes it inline); texts
/// already in the table are still shared.
final class SharedStringTable {
    /// Distinct texts at most.
    var limit: Int
    /// Bytes of distinct texts at most.
    var byteBudget: Int
    /// Cells that refer to the table: `sst`'s `count`.
    private(set) var references = 0
    private var arena = ByteArena(capacity: 1 << 16)
    /// Where each text ends in `arena`; text `i` starts where `i - 1` ends.
    private var ends: [Int] = []
    /// Open addressing, linear probing: index + 1 of a text, 0 for free.
    private var slots: [Int32]
    private var slotHashes: [UInt32]
    private var mask: Int

    init(limit: Int, byteBudget: Int) {
        self.limit = limit
        self.byteBudget = byteBudget
        slots = Array(repeating: 0, count: 1024)
        slotHashes = Array(repeating: 0, count: 1024)
        mask = 1023
    }

    /// Distinct texts held.
    var count: Int { ends.count }

    /// The number of `text` in the table, adding it if there is room; nil
    /// when the table is full and does not have it.
    @inline(__always)
    func index(of text: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = Self.hash(text)
        let tag = UInt32(truncatingIfNeeded: hash >> 32)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { break }
            if slotHashes[slot] == tag, equals(entry - 1, text) {
                references += 1
                return entry - 1
            }
            slot = (slot + 1) & mask
        }
        guard ends.count < limit, arena.count + text.count <= byteBudget, ends.count < Int32.max - 1 else { return nil }
        if let start = text.baseAddress { arena.append(start, text.count) }
        ends.append(arena.count)
        slots[slot] = Int32(ends.count)
        slotHashes[slot] = tag
        references += 1
        if ends.count * 2 > slots.count { grow() }
        return ends.count - 1
    }

    /// The bytes of text `index`.
    func text(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeBufferPointer(start: arena.base + start, count: ends[index] - start)
    }

    private func equals(_ index: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = index == 0 ? 0 : ends[index - 1]
        guard ends[index] - start == text.count else { return false }
        guard let other = text.baseAddress else { return true }
        return memcmp(arena.base + start, other, text.count) == 0
    }

    private func grow() {
        let capacity = slots.count * 2
        var grown = [Int32](repeating: 0, count: capacity)
        var grownHashes = [UInt32](repeating: 0, count: capacity)
        let newMask = capacity - 1
        for index in 0..<ends.count {
            let hash = Self.hash(text(index))
            var slot = Int(truncatingIfNeeded: hash) & newMask
            while grown[slot] != 0 { slot = (slot + 1) & newMask }
            grown[slot] = Int32(index + 1)
            grownHashes[slot] = UInt32(truncatingIfNeeded: hash >> 32)
        }
        slots = grown
        slotHashes = grownHashes
        mask = newMask
    }

    /// A 64-bit hash of `text`, 8 bytes at a time (multiply and fold, as
    /// wyhash does); the low bits pick the slot, the high bits are the tag.
    @inline(__always)
    static func hash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(text.count)
        guard let start = text.baseAddress else { return mix(hash) }
        let raw = UnsafeRawPointer(start)
        var offset = 0
        while offset + 8 <= text.count {
            hash = mix(hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        if offset < text.count {
            var tail: UInt64 = 0
            for index in offset..<text.count { tail |= UInt64(start[index]) << (8 * UInt64(index - offset)) }
            hash = mix(hash ^ tail)
        }
        return mix(hash)
    }

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        let product = value.multipliedFullWidth(by: 0xA076_1D64_78BD_642F)
        return product.high ^ product.low
    }
}
