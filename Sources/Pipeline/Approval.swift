import Foundation
import Tables
import TextoCore

/// The "bon à tirer" of an approval-gated pipeline (Hélium's "Mon SMS est
/// correct, passer à l'étape d'envoi"). A run stops before its emit and
/// leaves `approval-request.json` with the SHA-256 of its `messages.csv`;
/// `--approve RUN_ID` turns the request into `approved.json`; the emit
/// then goes on only while `messages.csv` is still what was approved. An
/// input that changed since makes other messages: the emit is refused and
/// says why, and the new messages wait for an approval of their own.
struct Approval {
    let folder: String

    private var requestPath: String { (folder as NSString).appendingPathComponent("approval-request.json") }
    private var approvedPath: String { (folder as NSString).appendingPathComponent("approved.json") }

    private struct Record: Codable {
        var messagesSHA256: String
        /// The test batch of these messages was sent (`emit.test_to`).
        var testSent: Bool?
    }

    /// True when the test batch of the messages awaiting approval was sent.
    var testSent: Bool { read(requestPath)?.testSent == true }

    /// Notes that the test batch of the messages awaiting approval was sent.
    func noteTestSent() throws {
        guard var request = read(requestPath) else { return }
        request.testSent = true
        try write(request, to: requestPath)
    }

    /// True when `messages` are the approved ones; false (and a request
    /// written) when nothing was approved yet; an error when other
    /// messages were approved.
    func allows(messages: String) throws -> Bool {
        let hash = try FileDigest.sha256(messages)
        if let approved = read(approvedPath) {
            guard approved.messagesSHA256 == hash else {
                try write(Record(messagesSHA256: hash), to: requestPath)
                try? FileManager.default.removeItem(atPath: approvedPath)
                throw PipelineError(.approvalRefused, at: DataLocation(file: messages),
                                    "the messages changed since they were approved (an input or a setting changed): nothing was emitted",
                                    hint: "Read the new preview.txt beside it; if they are right, approve them again with --approve.")
            }
            return true
        }
        if read(requestPath)?.messagesSHA256 != hash { try write(Record(messagesSHA256: hash), to: requestPath) }
        return false
    }

    /// Approves the messages the run's request names; with `testFirst`
    /// (the pipeline has `emit.test_to`), only once their test batch was
    /// sent: the approval is of the SMS as the test phones received it.
    func approve(testFirst: Bool) throws {
        guard let request = read(requestPath), !testFirst || request.testSent == true else {
            throw PipelineError(.approvalRefused, at: DataLocation(file: folder), "this run does not await an approval",
                                hint: "Run the pipeline first: a run of an approval-gated pipeline stops before its emit "
                                    + "(after its test batch, when it has one) and says its run id.")
        }
        try write(request, to: approvedPath)
    }

    private func read(_ path: String) -> Record? {
        JSONFile.read(Record.self, from: path)
    }

    private func write(_ record: Record, to path: String) throws {
        try JSONFile.write(record, to: path)
    }
}
