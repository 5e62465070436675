import GRDB

/// The store's schema, as numbered migrations (DESIGN.md §4).
///
/// A store says what it is in its SQLite header: `PRAGMA application_id` is
/// "TXTO" (0x5458544F) and `PRAGMA user_version` is the number of the last
/// migration applied. Both are set in the same transaction as the
/// migration's tables, so a store is never half-migrated. A migration, once
/// released, is never edited: the next change is a new one.
///
/// Conventions (the README's "The store" documents every column):
/// - times are ISO 8601 UTC text to the second, `2026-11-22T09:30:00Z`, so
///   they sort and compare as text and read the same in any SQLite tool;
/// - phone numbers are E.164 text, `+33630050660`;
/// - enumerations are checked by `CHECK` constraints.
enum Schema {
    struct Migration {
        var version: Int
        var name: String
        var sql: String
    }

    static let migrations: [Migration] = [
        Migration(version: 1, name: "v1", sql: v1),
        Migration(version: 2, name: "emit", sql: v2),
        Migration(version: 3, name: "campaign index", sql: v3),
        Migration(version: 4, name: "submissions", sql: v4),
        Migration(version: 5, name: "suppression scope", sql: v5),
        Migration(version: 6, name: "campaign runs", sql: v6),
        Migration(version: 7, name: "campaign states", sql: v7),
    ]

    /// The newest schema version this code knows.
    static var version: Int { migrations.last!.version }

    /// `CHECK` text for a timestamp column.
    static func isTime(_ column: String) -> String {
        "\(column) GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'"
    }

    /// `CHECK` text for an E.164 column: `+`, a country code that does not
    /// start with 0, at most 15 digits in all (ITU-T E.164 §6).
    static func isPhone(_ column: String) -> String {
        "\(column) GLOB '+[1-9]*' AND NOT \(column) GLOB '+*[^0-9]*' AND length(\(column)) BETWEEN 4 AND 16"
    }

    private static func isReason(_ column: String) -> String {
        "\(column) IN ('STOP', 'NPAI', 'MANUAL')"
    }

    private static func isSHA256(_ column: String) -> String {
        "length(\(column)) = 64 AND NOT \(column) GLOB '*[^0-9a-f]*'"
    }

    static let v1 = """
        CREATE TABLE texto_meta (
            key   TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE campaigns (
            id         TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 200),
            name       TEXT NOT NULL,
            type       TEXT NOT NULL CHECK (type IN ('marketing', 'notification')),
            sender     TEXT NOT NULL,
            created_at TEXT NOT NULL CHECK (\(isTime("created_at")))
        );

        CREATE TABLE messages (
            id                  TEXT PRIMARY KEY NOT NULL CHECK (length(id) >= 1),
            campaign_id         TEXT NOT NULL REFERENCES campaigns(id),
            phone               TEXT NOT NULL CHECK (\(isPhone("phone"))),
            source_file         TEXT,
            source_row          INTEGER CHECK (source_row >= 1),
            text_length         INTEGER NOT NULL CHECK (text_length >= 0),
            segments            INTEGER NOT NULL CHECK (segments >= 1),
            scheduled_at        TEXT NOT NULL CHECK (\(isTime("scheduled_at"))),
            batch_file          TEXT,
            provider_message_id TEXT,
            created_at          TEXT NOT NULL CHECK (\(isTime("created_at")))
        );
        -- recipients(ofCampaigns:), per-campaign counts
        CREATE INDEX messages_by_campaign ON messages(campaign_id, phone);
        -- one person's history; erasure
        CREATE INDEX messages_by_phone ON messages(phone, scheduled_at);
        -- sendCounts(since:)
        CREATE INDEX messages_by_schedule ON messages(scheduled_at, phone);
        -- matching delivery reports that carry the provider's id
        CREATE INDEX messages_by_provider_id ON messages(provider_message_id) WHERE provider_message_id IS NOT NULL;

        CREATE TABLE ingested_files (
            id          INTEGER PRIMARY KEY,
            sha256      TEXT NOT NULL UNIQUE CHECK (\(isSHA256("sha256"))),
            name        TEXT NOT NULL,
            size        INTEGER NOT NULL CHECK (size >= 0),
            format      TEXT,
            ingested_at TEXT NOT NULL CHECK (\(isTime("ingested_at")))
        );

        CREATE TABLE events (
            id                  INTEGER PRIMARY KEY,
            message_id          TEXT REFERENCES messages(id) ON DELETE CASCADE,
            provider_message_id TEXT,
            phone               TEXT CHECK (\(isPhone("phone"))),
            status              TEXT NOT NULL,
            error_code          TEXT,
            done_at             TEXT CHECK (\(isTime("done_at"))),
            received_at         TEXT NOT NULL CHECK (\(isTime("received_at"))),
            raw                 TEXT NOT NULL,
            ingested_file_id    INTEGER REFERENCES ingested_files(id),
            source_line         INTEGER CHECK (source_line >= 1),
            UNIQUE (ingested_file_id, source_line)
        );
        CREATE INDEX events_by_message ON events(message_id);
        CREATE INDEX events_by_provider_id ON events(provider_message_id);
        CREATE INDEX events_by_phone ON events(phone) WHERE phone IS NOT NULL;

        CREATE TABLE outcomes (
            message_id TEXT PRIMARY KEY NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            state      TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed', 'expired', 'unknown')),
            at         TEXT NOT NULL CHECK (\(isTime("at"))),
            event_id   INTEGER REFERENCES events(id) ON DELETE SET NULL,
            error_code TEXT,
            permanent  INTEGER NOT NULL DEFAULT 0 CHECK (permanent IN (0, 1))
        ) WITHOUT ROWID;
        CREATE INDEX outcomes_by_event ON outcomes(event_id) WHERE event_id IS NOT NULL;

        CREATE TABLE replies (
            id               INTEGER PRIMARY KEY,
            phone            TEXT NOT NULL CHECK (\(isPhone("phone"))),
            text             TEXT NOT NULL,
            received_at      TEXT NOT NULL CHECK (\(isTime("received_at"))),
            campaign_id      TEXT REFERENCES campaigns(id),
            is_stop          INTEGER NOT NULL DEFAULT 0 CHECK (is_stop IN (0, 1)),
            ingested_file_id INTEGER REFERENCES ingested_files(id),
            source_line      INTEGER CHECK (source_line >= 1),
            UNIQUE (ingested_file_id, source_line)
        );
        CREATE INDEX replies_by_phone ON replies(phone, received_at);
        CREATE INDEX replies_by_campaign ON replies(campaign_id, is_stop) WHERE campaign_id IS NOT NULL;

        CREATE TABLE suppressions (
            phone   TEXT PRIMARY KEY NOT NULL CHECK (\(isPhone("phone"))),
            reason  TEXT NOT NULL CHECK (\(isReason("reason"))),
            since   TEXT NOT NULL CHECK (\(isTime("since"))),
            source  TEXT NOT NULL,
            comment TEXT
        ) WITHOUT ROWID;

        CREATE TABLE suppression_hashes (
            hash      TEXT PRIMARY KEY NOT NULL CHECK (\(isSHA256("hash"))),
            reason    TEXT NOT NULL CHECK (\(isReason("reason"))),
            since     TEXT NOT NULL CHECK (\(isTime("since"))),
            erased_at TEXT NOT NULL CHECK (\(isTime("erased_at")))
        ) WITHOUT ROWID;
        """

    /// What `texto-emit` records (issue 9): the campaign's category and
    /// template; per message its encoding, the contact's name and postal
    /// code (for the reports and the NPAI anomalies) and whether it was a
    /// test send (never counted, never excluding anyone); and the batch
    /// files, with their hashes, so that a re-run can tell the same emit
    /// from a different one. Plain `ALTER TABLE ... ADD COLUMN` and a new
    /// table: the same statements run on PostgreSQL.
    static let v2 = """
        ALTER TABLE campaigns ADD COLUMN category TEXT;
        ALTER TABLE campaigns ADD COLUMN template TEXT;

        ALTER TABLE messages ADD COLUMN encoding TEXT CHECK (encoding IN ('GSM7', 'UCS2'));
        ALTER TABLE messages ADD COLUMN contact_name TEXT;
        ALTER TABLE messages ADD COLUMN postal_code TEXT;
        ALTER TABLE messages ADD COLUMN is_test INTEGER NOT NULL DEFAULT 0 CHECK (is_test IN (0, 1));

        CREATE TABLE batch_files (
            campaign_id   TEXT NOT NULL REFERENCES campaigns(id),
            name          TEXT NOT NULL,
            sha256        TEXT NOT NULL CHECK (\(isSHA256("sha256"))),
            messages      INTEGER NOT NULL CHECK (messages >= 0),
            first_send_at TEXT NOT NULL CHECK (\(isTime("first_send_at"))),
            last_send_at  TEXT NOT NULL CHECK (\(isTime("last_send_at"))),
            created_at    TEXT NOT NULL CHECK (\(isTime("created_at"))),
            PRIMARY KEY (campaign_id, name)
        ) WITHOUT ROWID;
        """

    /// The ledger's campaign index on the campaign alone. Keyed by
    /// (campaign, phone), each message of an emit went to a random place in
    /// it, which cost a large emit a sorted rebuild; keyed by campaign, an
    /// emit's entries follow each other (in rowid order within the
    /// campaign). What it served, the numbers of a campaign and the
    /// per-campaign counts, reads the rows it points to instead.
    static let v3 = """
        DROP INDEX messages_by_campaign;
        CREATE INDEX messages_by_campaign ON messages(campaign_id);
        """

    /// The SMSC's ids of our messages (from a gateway's submit log) in a
    /// table of their own, no longer in `messages`: recording a million of
    /// them rewrote a million ledger rows and updated an index at random,
    /// where a table keyed by the SMSC's id takes them in one sorted pass
    /// (`texto-ingest` writes them in key order). Each row carries its
    /// message's campaign, indexed (an ingest loads a campaign's SMSC ids
    /// at once; in key order, a campaign's entries follow each other), and
    /// no index by message: the two ways a message goes (an emit's
    /// `--replace`, erasure) delete its SMSC ids first, by campaign. The
    /// ids recorded before move over. An id is unique to one message: the
    /// SMSC's latest use of it wins. And `events` loses the indexes no
    /// query used, which a million receipts paid for.
    static let v4 = """
        CREATE TABLE submissions (
            provider_message_id TEXT PRIMARY KEY NOT NULL CHECK (length(provider_message_id) >= 1),
            message_id          TEXT NOT NULL,
            campaign_id         TEXT NOT NULL REFERENCES campaigns(id)
        ) WITHOUT ROWID;
        -- the SMSC's ids of a campaign's messages
        CREATE INDEX submissions_by_campaign ON submissions(campaign_id);
        INSERT INTO submissions (provider_message_id, message_id, campaign_id)
            SELECT provider_message_id, id, campaign_id FROM messages WHERE provider_message_id IS NOT NULL ORDER BY rowid
            ON CONFLICT (provider_message_id) DO UPDATE SET message_id = excluded.message_id, campaign_id = excluded.campaign_id;
        DROP INDEX messages_by_provider_id;
        ALTER TABLE messages DROP COLUMN provider_message_id;

        -- Events by number and by the id they carry only for reports that matched no
        -- message: a matched event's number is its message's (erasure deletes those by
        -- message), and a submit log read later may tell whose an unmatched one is.
        DROP INDEX events_by_phone;
        DROP INDEX events_by_provider_id;
        CREATE INDEX events_unmatched ON events(provider_message_id) WHERE message_id IS NULL;
        CREATE INDEX events_unmatched_by_phone ON events(phone) WHERE message_id IS NULL AND phone IS NOT NULL;
        """

    /// Opt-outs by scope (issue 10): a STOP replied to a marketing campaign
    /// covers every marketing campaign (the law), one replied to a campaign
    /// of another category covers that category only (a notification's,
    /// `rappels`), and NPAI and manual suppressions cover everything (`*`).
    /// A number may be suppressed in several scopes, so the key becomes
    /// (number, scope); the rows before cover everything, as they did. A
    /// new table, its rows copied, the old one dropped: the one way to
    /// change a key that runs the same on PostgreSQL.
    static let v5 = """
        CREATE TABLE suppressions_by_scope (
            phone   TEXT NOT NULL CHECK (\(isPhone("phone"))),
            scope   TEXT NOT NULL DEFAULT '*' CHECK (length(scope) BETWEEN 1 AND 64),
            reason  TEXT NOT NULL CHECK (\(isReason("reason"))),
            since   TEXT NOT NULL CHECK (\(isTime("since"))),
            source  TEXT NOT NULL,
            comment TEXT,
            PRIMARY KEY (phone, scope)
        ) WITHOUT ROWID;
        INSERT INTO suppressions_by_scope (phone, scope, reason, since, source, comment)
            SELECT phone, '*', reason, since, source, comment FROM suppressions;
        DROP TABLE suppressions;
        ALTER TABLE suppressions_by_scope RENAME TO suppressions;
        """

    /// How a pipeline run made a campaign (issue 12), for the reports
    /// ("revenir sur les différents critères de sélection"): the pipeline
    /// and its SHA-256, the filter, the template's SHA-256, the rows read,
    /// the audience and the exclusions by reason (a JSON object, reason →
    /// count). One row per campaign and run; a run done again replaces it.
    /// And the numbers each pipeline has seen, with its first run that saw
    /// them, for "new since the last run" (a welcome message).
    static let v6 = """
        CREATE TABLE campaign_runs (
            campaign_id     TEXT NOT NULL REFERENCES campaigns(id),
            run_id          TEXT NOT NULL CHECK (length(run_id) BETWEEN 1 AND 64),
            pipeline        TEXT NOT NULL,
            pipeline_sha256 TEXT NOT NULL CHECK (\(isSHA256("pipeline_sha256"))),
            filter          TEXT,
            template_sha256 TEXT CHECK (template_sha256 IS NULL OR \(isSHA256("template_sha256"))),
            rows_read       INTEGER NOT NULL CHECK (rows_read >= 0),
            audience        INTEGER NOT NULL CHECK (audience >= 0),
            exclusions      TEXT NOT NULL,
            recorded_at     TEXT NOT NULL CHECK (\(isTime("recorded_at"))),
            PRIMARY KEY (campaign_id, run_id)
        );
        CREATE TABLE pipeline_numbers (
            pipeline  TEXT NOT NULL CHECK (length(pipeline) BETWEEN 1 AND 200),
            phone     TEXT NOT NULL CHECK (\(isPhone("phone"))),
            first_run TEXT NOT NULL CHECK (length(first_run) BETWEEN 1 AND 64),
            PRIMARY KEY (pipeline, phone)
        ) WITHOUT ROWID;
        CREATE INDEX pipeline_numbers_by_phone ON pipeline_numbers(phone);
        """

    /// Where each pipeline campaign stands (issue 12): prepared, awaiting
    /// approval, scheduled (handed to the gateway's folder; shown as sent
    /// once its send time passed or a report came), cancelled, cancel
    /// requested at the gateway, or partly sent. A campaign emitted without
    /// a pipeline has no row: its state is read from the ledger. No foreign
    /// key: a campaign is prepared before the ledger knows it, so the row
    /// carries its name, type and sender.
    static let v7 = """
        CREATE TABLE campaign_states (
            campaign_id TEXT PRIMARY KEY NOT NULL CHECK (length(campaign_id) BETWEEN 1 AND 64),
            name        TEXT NOT NULL,
            type        TEXT NOT NULL CHECK (type IN ('marketing', 'notification')),
            sender      TEXT NOT NULL,
            state       TEXT NOT NULL CHECK (state IN ('prepared', 'awaiting_approval', 'scheduled', 'cancelled',
                                                       'cancel_requested', 'partly_sent')),
            run_id      TEXT NOT NULL CHECK (length(run_id) BETWEEN 1 AND 64),
            pipeline    TEXT NOT NULL,
            changed_at  TEXT NOT NULL CHECK (\(isTime("changed_at")))
        );
        """

    /// Applies the migrations the store lacks, in one transaction that the
    /// caller opened with `BEGIN IMMEDIATE`, so two processes opening a new
    /// store at once cannot both migrate it.
    static func migrate(_ db: Database, path: String) throws {
        let current = try currentVersion(db, path: path)
        for migration in migrations where migration.version > current {
            try db.execute(sql: migration.sql)
            try db.execute(sql: "PRAGMA user_version = \(migration.version)")
        }
        try db.execute(sql: "PRAGMA application_id = \(StoreFile.applicationID)")
    }

    /// The schema version of an open database, refusing one that is not a
    /// Texto store or is newer than this code.
    static func currentVersion(_ db: Database, path: String) throws -> Int {
        let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let objects = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        let file: StoreFile = application == StoreFile.applicationID
            ? .texto(version: version)
            : (application == 0 && version == 0 && objects == 0 ? .empty : .foreign(applicationID: application))
        if let refusal = file.refusal(path: path) { throw refusal }
        return file == .empty ? 0 : version
    }
}
