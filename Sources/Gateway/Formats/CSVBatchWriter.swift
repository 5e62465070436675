import Tables

/// CSV for a provider's bulk upload: `message_id,phone,sender,text,send_at`,
/// UTF-8 without BOM, RFC 4180 quoting, records ended by LF (as every CSV
/// Texto writes), `send_at` ISO 8601 with its offset.
///
/// Never any formula-injection prefix: a provider reads the text as data,
/// and a `'` before `=` would be sent to the recipient.
public final class CSVBatchWriter: BatchWriter {
    /// The field separator (`--csv-delimiter`).
    public enum Delimiter: String, Sendable, CaseIterable {
        case comma = ","
        /// What French Excel and some French providers expect.
        case semicolon = ";"
    }

    /// The header row's names.
    public static let columns = ["message_id", "phone", "sender", "text", "send_at"]

    private let files: ChunkedFiles
    private let delimiter: Delimiter
    /// One record's bytes, reused.
    private let record = RecordBuffer()
    /// The last send time written, formatted: messages at 50/s share their second.
    private var lastTime: (instant: Int, bytes: [UInt8]) = (0, [])
    /// Tables' writer, for the comma (it knows no other separator).
    private let writer: CSVWriter

    /// Starts a batch in `configuration.folder`; files appear on `commit()`.
    public init(_ configuration: BatchConfiguration, delimiter: Delimiter = .comma) throws {
        self.delimiter = delimiter
        writer = CSVWriter(sink: record, bufferSize: 4096)
        files = try ChunkedFiles(configuration, format: .csv, fileExtension: "csv", header: [])
        files.header = try encode(Self.columns)
    }

    deinit { files.discard() }

    @discardableResult
    public func write(_ message: GatewayMessage) throws -> String {
        let time = try files.sendTime(of: message)
        let bytes: [UInt8]
        if delimiter == .comma {
            record.bytes.removeAll(keepingCapacity: true)
            for field in [message.id.text, message.to, message.from, message.text] { try writer.field(field) }
            if time.instant != lastTime.instant || lastTime.bytes.isEmpty {
                lastTime.bytes.removeAll(keepingCapacity: true)
                time.appendISO8601(to: &lastTime.bytes)
                lastTime.instant = time.instant
            }
            try lastTime.bytes.withUnsafeBufferPointer { try writer.field($0) }
            try writer.endRecord()
            try writer.flush()
            bytes = record.bytes
        } else {
            bytes = try encode([message.id.text, message.to, message.from, message.text, time.iso8601])
        }
        return try files.append(bytes, sentAt: time)
    }

    public func finish() throws -> BatchManifest { try files.finish() }

    public func commit() throws { try files.commit() }

    public func discard() { files.discard() }

    /// One record's bytes: through `CSVWriter` for the comma, `appendRecord` for the semicolon.
    private func encode(_ fields: [String]) throws -> [UInt8] {
        record.bytes.removeAll(keepingCapacity: true)
        switch delimiter {
        case .comma:
            try writer.record(fields)
            try writer.flush()
        case .semicolon:
            Self.appendRecord(fields, delimiter: delimiter, to: &record.bytes)
        }
        return record.bytes
    }

    /// One record with `delimiter`: the rules of `CSVWriter` (quotes when a
    /// field holds the separator, a quote, CR or LF; quotes doubled; LF at
    /// the end), which writes only commas.
    static func appendRecord(_ fields: [String], delimiter: Delimiter, to bytes: inout [UInt8]) {
        let separator = UInt8(ascii: delimiter == .comma ? "," : ";")
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(separator) }
            let utf8 = field.utf8
            let quoted = utf8.contains { $0 == separator || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            if quoted { bytes.append(UInt8(ascii: "\"")) }
            for byte in utf8 {
                bytes.append(byte)
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            }
            if quoted { bytes.append(UInt8(ascii: "\"")) }
        }
        bytes.append(0x0A)
    }
}

/// Collects the bytes of one record.
final class RecordBuffer: ByteSink {
    var bytes: [UInt8] = []

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        self.bytes.append(contentsOf: bytes)
    }
}
