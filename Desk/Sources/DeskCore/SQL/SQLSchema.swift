/// The desk's schema as numbered migrations. A migration never changes once released: new needs get
/// a new number.
enum SQLSchema {
    static let migrations: [(version: Int, statements: [String])] = [
        (
            1,
            [
                """
                CREATE TABLE disputes (
                    id {key} PRIMARY KEY, customer_id TEXT, invoices TEXT NOT NULL, text TEXT NOT NULL,
                    amount {real}, customer_value {real}, open_balance {real}, credit_score {real}, days_past_due {real},
                    received_at {real} NOT NULL, status TEXT NOT NULL, snoozed_until {real}, assignee TEXT,
                    resolution TEXT, credited_amount {real}, resolution_note TEXT, updated_at {real} NOT NULL,
                    prediction_id TEXT NOT NULL, model_version TEXT NOT NULL, priority {real} NOT NULL,
                    subject TEXT NOT NULL, severity TEXT NOT NULL, severity_level {int} NOT NULL, action TEXT NOT NULL,
                    result_json TEXT NOT NULL)
                """,
                "CREATE INDEX disputes_worklist ON disputes (status, priority DESC, id)",
                "CREATE INDEX disputes_customer ON disputes (customer_id)",
                """
                CREATE TABLE predictions (
                    prediction_id {key} PRIMARY KEY, dispute_id TEXT NOT NULL, model_version TEXT NOT NULL,
                    priority {real} NOT NULL, result_json TEXT NOT NULL, created_at {real} NOT NULL)
                """,
                "CREATE INDEX predictions_dispute ON predictions (dispute_id)",
                """
                CREATE TABLE feedback (
                    seq {int} PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, dispute_id TEXT NOT NULL,
                    prediction_id TEXT, kind TEXT NOT NULL, payload TEXT NOT NULL, actor TEXT NOT NULL,
                    created_at {real} NOT NULL)
                """,
                """
                CREATE TABLE model_versions (
                    version {key} PRIMARY KEY, applied_seq {int} NOT NULL, weights_sha256 TEXT NOT NULL,
                    created_at {real} NOT NULL, files {blob} NOT NULL)
                """,
                "CREATE INDEX model_versions_seq ON model_versions (applied_seq)",
                """
                CREATE TABLE tokens (
                    id {key} PRIMARY KEY, role TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, label TEXT NOT NULL,
                    created_at {real} NOT NULL)
                """,
                """
                CREATE TABLE sessions (
                    hash {key} PRIMARY KEY, token_id TEXT NOT NULL, role TEXT NOT NULL, csrf TEXT NOT NULL,
                    expires_at {real} NOT NULL)
                """,
            ]
        ),
        (
            2,
            [
                // Revoking keeps the row. Replicas still on version 1 name their columns, so they keep
                // working on a store with this column (and accept revoked tokens until upgraded).
                "ALTER TABLE tokens ADD COLUMN revoked_at {real}",
                "CREATE INDEX sessions_token ON sessions (token_id)",
            ]
        ),
        (
            3,
            [
                // The dispute page reads one dispute's feedback events and status changes. Replicas
                // still on version 2 keep working (they do not record status changes).
                "CREATE INDEX feedback_dispute ON feedback (dispute_id, seq)",
                """
                CREATE TABLE status_changes (
                    dispute_id TEXT NOT NULL, kind TEXT NOT NULL, assignee TEXT, snoozed_until {real},
                    resolution TEXT, credited_amount {real}, note TEXT, actor TEXT NOT NULL, created_at {real} NOT NULL)
                """,
                "CREATE INDEX status_changes_dispute ON status_changes (dispute_id, created_at)",
            ]
        ),
    ]

    static var latestVersion: Int { migrations.last!.version }
}
