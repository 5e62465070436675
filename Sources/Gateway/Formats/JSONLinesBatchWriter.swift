/// JSON Lines for HTTP APIs (Jasmin's `/secure/sendbatch`, SMSFactor,
/// Octopush, Brevo): one object per line with the keys, in this order,
/// `id`, `to`, `from`, `text`, `encoding`, `segments`, `send_at`,
/// `campaign`; UTF-8, LF after each object, written by hand so that the
/// same messages give the same bytes (see `JSONText`).
public final class JSONLinesBatchWriter: BatchWriter {
    private let files: ChunkedFiles
    private var line: [UInt8] = []

    /// Starts a batch in `configuration.folder`; files appear on `commit()`.
    public init(_ configuration: BatchConfiguration) throws {
        files = try ChunkedFiles(configuration, format: .jsonl, fileExtension: "jsonl", header: [])
    }

    deinit { files.discard() }

    @discardableResult
    public func write(_ message: GatewayMessage) throws -> String {
        let time = try files.sendTime(of: message)
        line.removeAll(keepingCapacity: true)
        Self.appendObject(message, time: time, to: &line)
        return try files.append(line, sentAt: time)
    }

    public func finish() throws -> BatchManifest { try files.finish() }

    public func commit() throws { try files.commit() }

    public func discard() { files.discard() }

    /// `{"id":…,"campaign":…}` and LF.
    static func appendObject(_ message: GatewayMessage, time: SendTime, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        JSONText.appendMember("id", message.id.text, to: &bytes)
        JSONText.appendMember("to", message.to, to: &bytes)
        JSONText.appendMember("from", message.from, to: &bytes)
        JSONText.appendMember("text", message.text, to: &bytes)
        JSONText.appendMember("encoding", message.encoding.rawValue, to: &bytes)
        JSONText.appendMember("segments", message.segments, to: &bytes)
        // The time is written straight into the bytes: it needs no escaping.
        JSONText.appendKey("send_at", to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        time.appendISO8601(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        JSONText.appendMember("campaign", message.campaign, to: &bytes)
        bytes.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
    }
}
