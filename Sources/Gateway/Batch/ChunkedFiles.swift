import TextoCore

/// The files of a CSV or JSON Lines batch: records appended to one file
/// after another, at most `chunk` messages each, every file starting with
/// `header`. One file is open at a time, so memory and descriptors stay
/// flat whatever the number of messages; no message, no file.
final class ChunkedFiles {
    /// File numbers have four digits, so that names sort in order.
    static let maximumFiles = 9999

    private let staged: StagedBatch
    private let fileExtension: String
    /// What every file starts with (the CSV header row).
    var header: [UInt8]
    private var current: HashedFile?
    private var fileCount = 0

    init(_ configuration: BatchConfiguration, format: BatchFormat, fileExtension: String, header: [UInt8]) throws(GatewayError) {
        staged = try StagedBatch(configuration, format: format)
        self.fileExtension = fileExtension
        self.header = header
    }

    deinit { discard() }

    /// Appends one message's `record`; returns the file's name.
    func append(_ record: [UInt8], sentAt time: SendTime) throws(GatewayError) -> String {
        do {
            let file = try currentFile()
            try file.write(record)
            file.count(time)
            return file.name
        } catch {
            discard()
            throw error
        }
    }

    /// Closes the last file and writes the manifest (see `StagedBatch.finish()`).
    func finish() throws(GatewayError) -> BatchManifest {
        do {
            try closeCurrent()
            return try staged.finish()
        } catch {
            discard()
            throw error
        }
    }

    func commit() throws(GatewayError) { try staged.commit() }

    /// `message`'s send time; a message whose time cannot be written
    /// abandons the whole batch (nothing half-written appears).
    func sendTime(of message: GatewayMessage) throws -> SendTime {
        do {
            return try SendTime(message)
        } catch {
            discard()
            throw error
        }
    }

    func discard() {
        current?.discard()
        current = nil
        staged.discard()
    }

    /// The file the next message goes into: the open one, or a new one
    /// when it holds `chunk` messages already.
    private func currentFile() throws(GatewayError) -> HashedFile {
        if let current, current.messages < staged.configuration.chunk ?? .max { return current }
        try closeCurrent()
        fileCount += 1
        let name: String
        if let chunk = staged.configuration.chunk {
            guard fileCount <= Self.maximumFiles else {
                throw GatewayError(.tooManyFiles, at: .init(option: "--chunk"),
                                   "\(chunk) messages per file make more than \(Self.maximumFiles) files",
                                   hint: "Give a larger --chunk.")
            }
            var number: [UInt8] = []
            number.appendDecimal(fileCount, width: 4)
            name = "\(staged.configuration.name)-\(String(decoding: number, as: UTF8.self)).\(fileExtension)"
        } else {
            name = "\(staged.configuration.name).\(fileExtension)"
        }
        let file = try HashedFile(name: name, in: staged)
        current = file
        if !header.isEmpty { try file.write(header) }
        return file
    }

    private func closeCurrent() throws(GatewayError) {
        guard let file = current else { return }
        current = nil
        do {
            staged.add(try file.close())
        } catch {
            file.discard()
            throw error
        }
    }
}
