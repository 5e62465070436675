import Crypto
import Tables

/// One batch file being written into the staging folder: its bytes go to
/// an `AtomicOutputFile` (buffered, written by a background queue, synced
/// on `close()`) and through SHA-256; its messages' send times are counted.
final class HashedFile {
    let name: String
    private let output: AtomicOutputFile
    private var hasher = SHA256()
    private(set) var messages = 0
    private var first: SendTime?
    private var last: SendTime?

    init(name: String, in staged: StagedBatch) throws(GatewayError) {
        self.name = name
        let path = staged.stagingPath(name)
        do {
            output = try AtomicOutputFile(path: path)
        } catch {
            throw StagedBatch.converted(error, path: path)
        }
    }

    /// Appends `bytes` to the file.
    func write(_ bytes: [UInt8]) throws(GatewayError) {
        do {
            try bytes.withUnsafeBytes { raw throws in
                hasher.update(bufferPointer: raw)
                try output.write(raw)
            }
        } catch {
            throw StagedBatch.converted(error, path: output.path)
        }
    }

    /// Counts one message sent at `time`.
    func count(_ time: SendTime) {
        messages += 1
        if first.map({ time.instant < $0.instant }) ?? true { first = time }
        if last.map({ time.instant > $0.instant }) ?? true { last = time }
    }

    /// Syncs the file and renames it to its name in the staging folder.
    func close() throws(GatewayError) -> BatchFile {
        do {
            try output.commit()
        } catch {
            throw StagedBatch.converted(error, path: output.path)
        }
        return BatchFile(name: name, messages: messages, firstSendAt: first?.iso8601 ?? "", lastSendAt: last?.iso8601 ?? "",
                         sha256: Self.hex(hasher.finalize()))
    }

    /// Removes the temporary file.
    func discard() { output.discard() }

    /// 64 lower-case hex digits.
    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
