import Crypto
import TextoCore

/// The id a message carries to the gateway and back in its delivery report
/// (the "client reference" of DOMAIN.md §4).
///
/// Deterministic: the same campaign and number give the same id, so a
/// re-run of an emit writes the same files and finds its ledger rows.
/// Unique across campaigns: the first 20 base-36 digits of SHA-256 over the
/// campaign, the kind of send and the number (103 bits; a collision among a
/// billion messages has a chance of about 10^-13). At most 20 characters of
/// `[0-9A-Z]`, never starting with `0`: a gateway that lower-cases ids or
/// drops leading zeros (Jasmin issues #375, #514) still gives back an id
/// that `normalized` maps to ours.
public struct MessageID: Hashable, Sendable, CustomStringConvertible {
    /// The id as sent: 20 characters of `[0-9A-Z]`, the first not `0`.
    public let text: String

    /// What a send is: a campaign's message, or a test send before it
    /// (`--test-to`), which must never share an id with the real one.
    public enum Kind: String, Sendable {
        case campaign, test
    }

    public static let length = 20

    /// The id of the message to `e164` (`+33630050660`) in `campaign`.
    /// - Parameter variant: tells apart several messages of one kind to
    ///   one number in one campaign (a test send's first, longest and
    ///   Unicode messages); 0, the default, for the one message of a campaign.
    public init(campaign: String, e164: String, kind: Kind = .campaign, variant: Int = 0) {
        // One buffer of the parts, each ended by a NUL: one hash update, no
        // array per part (an emit makes a million ids).
        var input = [UInt8]()
        input.reserveCapacity(64)
        for part in [kind.rawValue, campaign, e164] + (variant == 0 ? [] : [String(variant)]) {
            input.append(contentsOf: part.utf8)
            input.append(0)
        }
        let digest = SHA256.hash(data: input)
        text = digest.withUnsafeBytes { Self.base36($0) }
    }

    public var description: String { text }

    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)

    /// An id as a gateway or a report writes it, in the form ours are
    /// compared in: upper case, leading zeros dropped.
    public static func normalized(_ text: some StringProtocol) -> String {
        String(text.uppercased().drop { $0 == "0" })
    }

    /// 20 base-36 digits from the first 13 bytes of `digest` (104 bits;
    /// 36^20 ≈ 2^103.4, so the value is reduced modulo 36^20), the first
    /// digit forced into 1...Z so that no leading zero can be lost.
    private static func base36(_ digest: UnsafeRawBufferPointer) -> String {
        // Two 64-bit halves are enough entropy: 10 digits from each.
        var high = (0..<8).reduce(UInt64(0)) { $0 << 8 | UInt64(digest[$1]) }
        var low = (8..<16).reduce(UInt64(0)) { $0 << 8 | UInt64(digest[$1]) }
        return String(unsafeUninitializedCapacity: length) { digits in
            for index in stride(from: length - 1, through: length / 2, by: -1) {
                digits[index] = alphabet[Int(low % 36)]
                low /= 36
            }
            for index in stride(from: length / 2 - 1, through: 0, by: -1) {
                digits[index] = alphabet[Int(high % 36)]
                high /= 36
            }
            // The first digit: 1...Z (35 values), from what is left of `high`.
            digits[0] = alphabet[1 + Int(high % 35)]
            return length
        }
    }
}
