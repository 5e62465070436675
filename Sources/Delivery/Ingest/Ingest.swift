import Foundation
import Gateway
import Phones
import Store
import TextoCore

/// What `texto-ingest` is asked to read, and its rules.
public struct IngestConfiguration: Sendable {
    /// Files or folders (a folder: every file in it and in its subfolders, in name order).
    public var inputs: [String]
    public var store: String
    /// `--format`: every file in this format; nil: detected per file.
    public var format: IngestFormat?
    /// Opt-out keywords.
    public var optOutWords = OptOutWords.standard
    /// UNDELIV error codes that mean the number is wrong for good (NPAI).
    public var permanentErrors: Set<String> = ["001"]
    /// The region of reply numbers written without a country code.
    public var country = "FR"
    /// A message without a final report this long after its send counts as
    /// expired (not delivered): networks give up after 48 hours.
    public var pendingHours = 48
    /// A number whose last N messages (N campaigns) all failed or expired
    /// joins the NPAI list; 0 turns the rule off.
    public var npaiAfter = 3
    /// Now, in Unix seconds (the executable passes `TEXTO_NOW` or the clock).
    public var now = Int(Date().timeIntervalSince1970)

    public init(inputs: [String], store: String) {
        self.inputs = inputs
        self.store = store
    }
}

/// What an ingest read and changed: its line and `--summary FILE.json`.
public struct IngestSummary: StageSummary, Codable, Equatable {
    /// Files read, and those skipped (read before, or in no format when found in a folder).
    public var files = 0
    public var skippedFiles: [String] = []
    /// Receipts read; matched to a message; matched to none (kept in the store); repeating one recorded before.
    public var reports = 0
    public var matched = 0
    public var unmatched = 0
    public var duplicates = 0
    /// Submit-log lines that gave an SMSC id to one of our messages.
    public var submitted = 0
    /// Messages whose outcome changed, by the state they now have.
    public var outcomes: [String: Int] = [:]
    /// Receipts by `stat` word that SMPP does not define (counted as failures).
    public var unknownStats: [String: Int] = [:]
    public var newStops = 0
    public var newNPAI = 0
    /// Messages that got no final report within `--pending-hours` (counted in `outcomes` as expired).
    public var overdue = 0
    /// Replies recorded (STOP ones included), and those from senders that are not numbers.
    public var replies = 0
    public var unreadableReplies = 0
    /// Bytes after the last complete line of a file, left for the next run.
    public var incompleteBytes = 0
    public var seconds = 0.0

    package init() {}

    public var dataProblem: String? { nil }

    public var line: String {
        var text = "\(files) files: \(reports) reports (\(matched) matched, \(unmatched) unmatched, \(duplicates) duplicates)"
        let states = ["delivered", "failed", "expired", "pending"].filter { outcomes[$0, default: 0] > 0 }
        if !states.isEmpty { text += "; outcomes " + states.map { "\($0) \(outcomes[$0]!)" }.joined(separator: ", ") }
        text += "; \(replies) replies, \(newStops) new STOP, \(newNPAI) new NPAI"
        if overdue > 0 { text += "; \(overdue) messages without a final report after the pending hours, now expired" }
        if submitted > 0 { text += "; \(submitted) SMSC ids from submit logs" }
        if !unknownStats.isEmpty {
            text += "; unknown stat words counted as failures: " + unknownStats.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        if incompleteBytes > 0 { text += "; \(incompleteBytes) bytes after the last complete line left for the next run" }
        if !skippedFiles.isEmpty { text += "; skipped: " + skippedFiles.joined(separator: ", ") }
        return text
    }
}

/// `texto-ingest`: delivery reports and replies become outcomes, STOP and
/// NPAI numbers. Everything one run reads is recorded in one transaction;
/// a file (or the part of a growing file) read before changes nothing.
public enum Ingest {
    public static func run(_ configuration: IngestConfiguration) throws -> IngestSummary {
        let stopwatch = Stopwatch()
        var summary = IngestSummary()
        let parser = try PhoneParser(defaultRegion: configuration.country)
        let files = try inputFiles(configuration.inputs)
        // Read and classify before the store is opened: a file in no format stops the run with nothing written.
        var work: [(path: String, format: IngestFormat)] = []
        for file in files {
            guard let handle = FileHandle(forReadingAtPath: file.path) else {
                throw DeliveryError(.unreadableFile, at: DataLocation(file: file.path), "the file cannot be read",
                                    hint: "Check that it exists and that this user may read it.")
            }
            let start = (try? handle.read(upToCount: 8_192)) ?? Data()
            try? handle.close()
            let name = (file.path as NSString).lastPathComponent
            let head = String(decoding: start, as: UTF8.self).split(separator: "\n").prefix(20).map(String.init)
            guard let format = configuration.format ?? IngestFormat.detect(name: name, head: head) else {
                if file.inFolder {
                    summary.skippedFiles.append(name)
                    continue
                }
                throw DeliveryError(.unknownFormat, at: DataLocation(file: file.path),
                                    "this is not a file of delivery reports or replies Texto reads; it starts with:\n"
                                        + head.prefix(3).map { "  " + String($0.prefix(120)) }.joined(separator: "\n"),
                                    hint: "Texto reads SMPP receipts (id:... stat:...), submit logs, Gammu inbox files and replies CSV "
                                        + "(phone, received_at, text); give --format if the file is one of them.")
            }
            work.append((file.path, format))
        }
        // Submit logs first: the receipts that follow carry the SMSC's ids.
        work.sort { ($0.format == .submitLog ? 0 : 1) < ($1.format == .submitLog ? 0 : 1) }
        let store = try TextoStore(path: configuration.store, create: false)
        summary = try store.recordIngest { ledger in
            var reader = IngestReader(ledger: ledger, configuration: configuration, parser: parser, summary: summary)
            for item in work { try reader.read(item.path, format: item.format) }
            try ledger.finishReports()
            reader.summary.newNPAI += ledger.addedNPAI
            try reader.expireOverdue()
            try reader.applyNPAIAfter()
            return reader.summary
        }
        summary.seconds = stopwatch.seconds
        return summary
    }

    /// The files the inputs name: a file as it is (`inFolder` false); a
    /// folder's files and its subfolders', hidden ones apart, in name order.
    static func inputFiles(_ inputs: [String]) throws(DeliveryError) -> [(path: String, inFolder: Bool)] {
        var files: [(String, Bool)] = []
        for input in inputs {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder) else {
                throw DeliveryError(.missingInput, at: DataLocation(file: input), "there is no such file or folder",
                                    hint: "Give the gateway's report files or their folder.")
            }
            guard isFolder.boolValue else {
                files.append((input, false))
                continue
            }
            let base = URL(fileURLWithPath: input)
            let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey],
                                                            options: [.skipsHiddenFiles])
            var found: [String] = []
            while let url = enumerator?.nextObject() as? URL {
                if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { found.append(url.path) }
            }
            files += found.sorted().map { ($0, true) }
        }
        return files
    }
}

/// Why an ingest cannot run: an input missing or in no known format.
public typealias DeliveryError = Failure<DeliveryErrorCode>

public enum DeliveryErrorCode: String, ErrorCode {
    /// An input file or folder that does not exist.
    case missingInput
    /// A file that cannot be read.
    case unreadableFile
    /// A file named on the command line in no format Texto reads.
    case unknownFormat
    /// A line longer than any report or reply: not a file of them (a binary file, a 1 GB line).
    case lineTooLong

    public var category: ErrorCategory {
        switch self {
        case .missingInput, .unreadableFile: return .noInput
        case .unknownFormat, .lineTooLong: return .data
        }
    }
}
