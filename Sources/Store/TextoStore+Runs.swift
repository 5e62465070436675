import Foundation

/// How a pipeline run made a campaign: what the reports show under
/// "how the campaign was made".
package struct CampaignRun: Sendable, Equatable {
    package var campaign: String
    package var run: String
    package var pipeline: String
    package var pipelineSHA256: String
    package var filter: String?
    package var templateSHA256: String?
    package var rowsRead: Int
    package var audience: Int
    /// Rows left out, by reason (`no_consent`, `filter`, `stop`...).
    package var exclusions: [String: Int]
    package var recordedAt = ""

    package init(campaign: String, run: String, pipeline: String, pipelineSHA256: String, filter: String?, templateSHA256: String?,
                 rowsRead: Int, audience: Int, exclusions: [String: Int]) {
        self.campaign = campaign
        self.run = run
        self.pipeline = pipeline
        self.pipelineSHA256 = pipelineSHA256
        self.filter = filter
        self.templateSHA256 = templateSHA256
        self.rowsRead = rowsRead
        self.audience = audience
        self.exclusions = exclusions
    }
}

extension TextoStore {
    /// Records (or replaces) how `run` made its campaign.
    package func record(_ run: CampaignRun) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let exclusions = String(decoding: try encoder.encode(run.exclusions), as: UTF8.self)
        try write { db in
            try db.execute("""
                INSERT INTO campaign_runs (campaign_id, run_id, pipeline, pipeline_sha256, filter, template_sha256, rows_read, audience,
                                           exclusions, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (campaign_id, run_id) DO UPDATE SET
                    pipeline = excluded.pipeline, pipeline_sha256 = excluded.pipeline_sha256, filter = excluded.filter,
                    template_sha256 = excluded.template_sha256, rows_read = excluded.rows_read, audience = excluded.audience,
                    exclusions = excluded.exclusions, recorded_at = excluded.recorded_at
                """, [run.campaign, run.run, run.pipeline, run.pipelineSHA256, run.filter, run.templateSHA256, run.rowsRead,
                                 run.audience, exclusions, now])
        }
    }

    /// The runs that made `campaign`, oldest first.
    package func runs(ofCampaign campaign: String) throws -> [CampaignRun] {
        try read { db in
            try db.all("""
                SELECT run_id, pipeline, pipeline_sha256, filter, template_sha256, rows_read, audience, exclusions, recorded_at
                FROM campaign_runs WHERE campaign_id = ? ORDER BY recorded_at, run_id
                """, [campaign]).map { row in
                var run = CampaignRun(campaign: campaign, run: row[0], pipeline: row[1], pipelineSHA256: row[2], filter: row[3],
                                      templateSHA256: row[4], rowsRead: row[5], audience: row[6],
                                      exclusions: (try? JSONDecoder().decode([String: Int].self, from: Data((row[7] as String).utf8))) ?? [:])
                run.recordedAt = row[8]
                return run
            }
        }
    }
}

extension TextoStore {
    /// The numbers (E.164 integers) `pipeline` saw in a run before `run`.
    package func numbersSeen(byPipeline pipeline: String, before run: String) throws -> Set<UInt64> {
        try read { db in
            var numbers = Set<UInt64>()
            try db.forEachRow("SELECT phone FROM pipeline_numbers WHERE pipeline = ? AND first_run < ?", [pipeline, run]) { row in
                if let number = Self.integer(e164: row.bytes(0)) { numbers.insert(number) }
            }
            return numbers
        }
    }

    /// Records that `run` of `pipeline` saw `phones` (E.164); a number seen
    /// by an earlier run keeps its first run.
    package func recordSeen(byPipeline pipeline: String, run: String, phones: some Sequence<String>) throws {
        try write { db in
            // The numbers go to a temporary list first (one COPY on PostgreSQL), then into the table by one statement.
            let seen = try db.bulkInsert(into: "pipeline_numbers", columns: ["pipeline", "phone", "first_run"], conflict: """
                ON CONFLICT (pipeline, phone) DO UPDATE SET first_run = excluded.first_run WHERE excluded.first_run < pipeline_numbers.first_run
                """)
            for phone in Set(phones).sorted() {
                seen.text(pipeline)
                seen.text(phone)
                seen.text(run)
                try seen.endRow()
            }
            try seen.flush()
        }
    }
}

/// When a campaign's batch files send (test batches apart): what a schedule lists.
package struct SendWindow: Sendable, Equatable {
    package var messages: Int
    package var first: Int
    package var last: Int
}

extension TextoStore {
    /// The campaign's batch files' first and last send times and messages; nil before its emit.
    package func sendWindow(ofCampaign campaign: String) throws -> SendWindow? {
        try read { db in
            guard let row = try db.first("""
                SELECT sum(messages), min(first_send_at), max(last_send_at) FROM batch_files
                WHERE campaign_id = ? AND name NOT IN (SELECT batch_file FROM messages WHERE campaign_id = ? AND is_test = 1 AND batch_file IS NOT NULL)
                """, [campaign, campaign]),
                  let messages = row[0] as Int?, let first = (row[1] as String?).flatMap(StoreTime.date),
                  let last = (row[2] as String?).flatMap(StoreTime.date) else { return nil }
            return SendWindow(messages: messages, first: Int(first.timeIntervalSince1970), last: Int(last.timeIntervalSince1970))
        }
    }
}

extension TextoStore {
    /// The names of the campaign's batch files (test batches apart).
    package func batchFileNames(ofCampaign campaign: String) throws -> [String] {
        try read { db in
            try db.column(String.self, """
                SELECT name FROM batch_files WHERE campaign_id = ?
                  AND name NOT IN (SELECT batch_file FROM messages WHERE campaign_id = ? AND is_test = 1 AND batch_file IS NOT NULL)
                ORDER BY name
                """, [campaign, campaign])
        }
    }

    /// Takes out of the ledger the messages of `files` (batch files withdrawn
    /// before the gateway took them): they were never sent. Refused, nothing
    /// changed, when a report or an outcome names one of them.
    package func withdraw(campaign: String, files: [String]) throws -> Int {
        guard !files.isEmpty else { return 0 }
        let marks = placeholders(files.count)
        let arguments = [campaign] + files
        return try write { db in
            let reported = try db.value(Int.self, """
                SELECT count(*) FROM messages m WHERE m.campaign_id = ? AND m.batch_file IN (\(marks))
                  AND (EXISTS (SELECT 1 FROM outcomes o WHERE o.message_id = m.id) OR EXISTS (SELECT 1 FROM events e WHERE e.message_id = m.id))
                """, arguments) ?? 0
            guard reported == 0 else {
                throw StoreError(.alreadySent, path: path, "\(reported) messages of these files have delivery reports: they were sent",
                                 hint: "A sent message cannot be withdrawn.")
            }
            try db.execute("""
                DELETE FROM submissions WHERE campaign_id = ? AND message_id IN
                  (SELECT id FROM messages WHERE campaign_id = ? AND batch_file IN (\(marks)))
                """, ([campaign, campaign] + files))
            let withdrawn = try db.execute("DELETE FROM messages WHERE campaign_id = ? AND batch_file IN (\(marks)) AND is_test = 0", arguments)
            try db.execute("DELETE FROM batch_files WHERE campaign_id = ? AND name IN (\(marks))", arguments)
            return withdrawn
        }
    }
}
