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
        JSONText.appendKey("id", to: &bytes)
        JSONText.appendString(message.id.text, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        JSONText.appendKey("to", to: &bytes)
        JSONText.appendString(message.to, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        JSONText.appendKey("from", to: &bytes)
        JSONText.appendString(message.from, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        JSONText.appendKey("text", to: &bytes)
        JSONText.appendString(message.text, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        JSONText.appendKey("encoding", to: &bytes)
        JSONText.appendString(message.encoding.rawValue, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        JSONText.appendKey("segments", to: &bytes)
        JSONText.appendInteger(message.segments, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        JSONText.appendKey("send_at", to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        time.appendISO8601(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ","))
        JSONText.appendKey("campaign", to: &bytes)
        JSONText.appendString(message.campaign, to: &bytes)
        bytes.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
    }
}
