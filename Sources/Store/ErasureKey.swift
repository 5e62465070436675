import Crypto
import Foundation
import Tables

/// The secret behind the erased opt-outs' hashes (`suppression_hashes`).
///
/// Why a key, and why in its own file: France has about 10^9 possible
/// mobile numbers, so a plain SHA-256 of `+33630050660` is reversed by
/// hashing them all (seconds on a laptop); the erasure would be a pretence.
/// HMAC-SHA256 with a random 256-bit key cannot be reversed without the key.
/// Kept inside the store, the key would travel with every copy of the file
/// (a backup, an analyst's copy), so it lives beside it: `texto.sqlite.key`,
/// 64 hex digits, mode 0600, created the first time a person who had opted
/// out is forgotten. The store keeps only a fingerprint of it
/// (`texto_meta.erasure_key_check`), to tell a missing or wrong key from no
/// key at all.
///
/// Losing the key means the forgotten opt-outs can no longer be recognised;
/// rather than message them, targeting then fails (`.erasureKeyMissing`)
/// until the key is restored. Back it up, separately from the store.
struct ErasureKey: Sendable {
    let bytes: [UInt8]

    /// HMAC-SHA256 of `e164` (`+33630050660`) as 64 lowercase hex digits.
    func hash(_ e164: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(e164.utf8), using: SymmetricKey(data: bytes))
        return Self.hex(Array(code))
    }

    /// What the store keeps to recognise this key: the HMAC of a fixed
    /// text, which says nothing about the key itself.
    var fingerprint: String { String(hash("texto-store erasure key check").prefix(32)) }

    static let metaKey = "erasure_key_check"

    /// The key in `path`, or nil when there is no such file.
    static func load(path: String) throws -> ErasureKey? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw StoreError(.erasureKeyMissing, path: path, "the erasure key file cannot be read",
                             hint: "Check its permissions: the user running Texto must be able to read it.")
        }
        let digits = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        guard digits.count == 64, let bytes = bytes(hex: digits) else {
            throw StoreError(.erasureKeyMismatch, path: path, "the erasure key file does not hold a key (64 hex digits)",
                             hint: "Restore it from a backup; never edit it by hand.")
        }
        return ErasureKey(bytes: bytes)
    }

    /// Creates a new random key in `path` (mode 0600), or loads the one
    /// another process created meanwhile.
    static func create(path: String) throws -> ErasureKey {
        let key = ErasureKey(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
        do {
            let file = try AtomicOutputFile(path: path, mode: 0o600)
            try file.write(hex(key.bytes) + "\n")
            if try file.commit(replacing: false) { return key }
        } catch let error as OutputError {
            throw StoreError(.cannotWrite, path: path, "the erasure key file cannot be written",
                             hint: "Check that the store's folder is writable and the disk is not full.", cause: error.reason)
        }
        // Another process created it meanwhile: use that key.
        guard let existing = try load(path: path) else {
            throw StoreError(.erasureKeyMissing, path: path, "the erasure key file vanished while it was being created",
                             hint: "Run the command again.")
        }
        return existing
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func bytes(hex: [UInt8]) -> [UInt8]? {
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        var result: [UInt8] = []
        var index = 0
        while index + 1 < hex.count {
            guard let high = value(hex[index]), let low = value(hex[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }
}
