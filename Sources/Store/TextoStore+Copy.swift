/// What `copy(from:)` moved: rows per table.
public struct StoreCopy: Sendable, Equatable {
    public var rows: [String: Int] = [:]
    /// True when the source holds erased opt-outs: their key file must follow.
    public var needsErasureKey = false
}

extension TextoStore {
    /// The columns of each table, in the order the rows are copied: parents
    /// before the rows that refer to them.
    static let copiedTables: [(table: String, columns: [String], order: String)] = [
        ("campaigns", ["id", "name", "type", "sender", "created_at", "category", "template"], "id"),
        ("messages", ["id", "campaign_id", "phone", "source_file", "source_row", "text_length", "segments", "scheduled_at", "batch_file",
                      "created_at", "encoding", "contact_name", "postal_code", "is_test"], "id"),
        ("batch_files", ["campaign_id", "name", "sha256", "messages", "first_send_at", "last_send_at", "created_at"], "campaign_id, name"),
        ("submissions", ["provider_message_id", "message_id", "campaign_id"], "provider_message_id"),
        ("ingested_files", ["id", "sha256", "name", "size", "format", "ingested_at"], "id"),
        ("events", ["id", "message_id", "provider_message_id", "phone", "status", "error_code", "done_at", "received_at", "raw",
                    "ingested_file_id", "source_line"], "id"),
        ("outcomes", ["message_id", "state", "at", "event_id", "error_code", "permanent"], "message_id"),
        ("replies", ["id", "phone", "text", "received_at", "campaign_id", "is_stop", "ingested_file_id", "source_line"], "id"),
        ("suppressions", ["phone", "scope", "reason", "since", "source", "comment"], "phone, scope"),
        ("suppression_hashes", ["hash", "reason", "since", "erased_at"], "hash"),
        ("campaign_runs", ["campaign_id", "run_id", "pipeline", "pipeline_sha256", "filter", "template_sha256", "rows_read", "audience",
                           "exclusions", "recorded_at"], "campaign_id, run_id"),
        ("pipeline_numbers", ["pipeline", "phone", "first_run"], "pipeline, phone"),
        ("campaign_states", ["campaign_id", "name", "type", "sender", "state", "run_id", "pipeline", "changed_at"], "campaign_id"),
    ]

    /// Copies every row of `source` into this store, which must hold none:
    /// when a user outgrows one machine (`texto-store copy --from
    /// texto.sqlite --to postgres://...`), or back to a file. One read of
    /// the source (one snapshot) into one transaction here: the copy is
    /// whole or nothing. Ids are kept, and PostgreSQL's id sequences move
    /// past them. The erasure key's fingerprint follows; its file is the
    /// caller's to copy (`needsErasureKey`).
    public func copy(from source: TextoStore) throws -> StoreCopy {
        var copy = StoreCopy()
        try write { target in
            for (table, _, _) in Self.copiedTables where try target.value(Int.self, "SELECT count(*) FROM \(table)") ?? 0 > 0 {
                throw StoreError(.notEmpty, path: path, "the destination store already holds rows (\(table))",
                                 hint: "Copy into a new store: an empty PostgreSQL database, or a file that does not exist yet.")
            }
            try source.read { origin in
                for (table, columns, order) in Self.copiedTables {
                    let insert = try target.bulkInsert(into: table, columns: columns, conflict: "")
                    try origin.forEachRow("SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY \(order)") { row in
                        for column in 0..<columns.count {
                            switch row.value(column) {
                            case .null: insert.null()
                            case .integer(let number): insert.integer(number)
                            case .real(let number): insert.text(String(number))
                            case .text: insert.text(row.bytes(column))
                            }
                        }
                        try insert.endRow()
                    }
                    copy.rows[table] = try insert.flush()
                }
                if let fingerprint = try origin.value(String.self, "SELECT value FROM texto_meta WHERE key = ?", [ErasureKey.metaKey]) {
                    try target.execute("""
                        INSERT INTO texto_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
                        """, [ErasureKey.metaKey, fingerprint])
                    copy.needsErasureKey = (copy.rows["suppression_hashes"] ?? 0) > 0
                }
            }
            if target.dialect == .postgres {
                for table in ["ingested_files", "events", "replies"] {
                    try target.execute("""
                        SELECT setval(pg_get_serial_sequence('\(table)', 'id'), coalesce(max(id), 1), max(id) IS NOT NULL) FROM \(table)
                        """)
                }
            }
        }
        return copy
    }
}
