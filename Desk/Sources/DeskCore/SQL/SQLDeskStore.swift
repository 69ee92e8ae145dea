import DisputeTriage
import Foundation

/// ``DeskStore`` in portable SQL over a ``SQLBackend``: the same statements run on SQLite and
/// PostgreSQL, so both stores behave alike and one test suite covers both.
public struct SQLDeskStore: DeskStore {
    public let backend: any SQLBackend

    /// Advisory-lock keys (PostgreSQL); arbitrary constants private to the desk.
    static let migrationLock: Int64 = 0x4465_736B_0001
    static let feedbackLock: Int64 = 0x4465_736B_0002
    static let firstTokenLock: Int64 = 0x4465_736B_0004
    static let revocationLock: Int64 = 0x4465_736B_0005

    public init(backend: any SQLBackend) { self.backend = backend }

    var dialect: SQLDialect { backend.dialect }

    func sql(_ text: String) -> String { dialect.placeholders(text) }

    // MARK: Lifecycle

    public func migrate() async throws {
        try await migrate(through: nil)
    }

    /// Applies the migrations up to and including `last` (all when nil): tests build a store as an
    /// older release left it, then upgrade it.
    public func migrate(through last: Int?) async throws {
        let dialect = self.dialect
        try await backend.transaction(exclusiveLock: Self.migrationLock) { db in
            try await db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)"
            )
            let applied = Set(
                try await db.query("SELECT version FROM schema_migrations", []).compactMap { $0["version"].int })
            for migration in SQLSchema.migrations
            where !applied.contains(Int64(migration.version)) && migration.version <= last ?? Int.max {
                for statement in migration.statements { try await db.execute(dialect.types(statement)) }
                try await db.execute(
                    dialect.placeholders("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"),
                    [.integer(Int64(migration.version)), .real(Date().timeIntervalSince1970)])
            }
        }
    }

    public func ping() async throws {
        _ = try await backend.read("SELECT 1 AS one", [])
    }

    public func close() async { await backend.close() }

    // MARK: Disputes

    static let disputeColumns = """
        id, customer_id, invoices, text, amount, customer_value, open_balance, credit_score, days_past_due, received_at,
        status, snoozed_until, assignee, resolution, credited_amount, resolution_note, updated_at, prediction_id,
        model_version, priority, subject, severity, severity_level, action, result_json
        """

    var selectDisputeByID: String { sql("SELECT \(Self.disputeColumns) FROM disputes WHERE id = ?") }

    public func insertDisputes(_ disputes: [StoredDispute]) async throws -> [StoredDispute] {
        let insertDispute = sql(
            "INSERT INTO disputes (\(Self.disputeColumns)) VALUES (\(Array(repeating: "?", count: 25).joined(separator: ", "))) ON CONFLICT (id) DO NOTHING RETURNING id"
        )
        let insertPrediction = sql(
            "INSERT INTO predictions (prediction_id, dispute_id, model_version, priority, result_json, created_at) VALUES (?, ?, ?, ?, ?, ?)"
        )
        let select = selectDisputeByID
        return try await backend.transaction(exclusiveLock: nil) { db in
            var stored: [StoredDispute] = []
            for d in disputes {
                // Whether this insert stored the row, not a look beforehand: on PostgreSQL a concurrent
                // insert of the same id can commit in between, and then its row is the answer.
                guard try await !db.query(insertDispute, Self.binds(for: d, updatedAt: d.receivedAt)).isEmpty else {
                    if let existing = try await db.query(select, [.text(d.id)]).first {
                        stored.append(try Self.dispute(from: existing))
                    }
                    continue
                }
                try await db.execute(
                    insertPrediction,
                    [
                        .text(d.score.predictionID), .text(d.id), .text(d.score.modelVersion), .real(d.score.priority),
                        .text(d.score.resultJSON), .real(Date().timeIntervalSince1970),
                    ])
                stored.append(d)
            }
            return stored
        }
    }

    public func dispute(id: String) async throws -> StoredDispute? {
        // Intake refuses such keys, so one holding U+0000 names nothing and is not sent to the database.
        guard StorableText.isStorable(id) else { return nil }
        return try await backend.read(selectDisputeByID, [.text(id)]).first.map(Self.dispute(from:))
    }

    public func disputes(ids: [String]) async throws -> [String: StoredDispute] {
        var found: [String: StoredDispute] = [:]
        // In slices, to stay under every driver's parameter limit.
        for start in stride(from: 0, to: ids.count, by: 500) {
            let slice = Array(ids[start..<min(ids.count, start + 500)])
            let marks = Array(repeating: "?", count: slice.count).joined(separator: ", ")
            for row in try await backend.read(
                sql("SELECT \(Self.disputeColumns) FROM disputes WHERE id IN (\(marks))"), slice.map { .text($0) })
            {
                let d = try Self.dispute(from: row)
                found[d.id] = d
            }
        }
        return found
    }

    func whereClause(_ filter: WorklistFilter, now: Double) -> (String, [SQLValue]) {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        switch filter.status {
        case .open?:
            conditions.append("(status = 'open' OR (status = 'snoozed' AND snoozed_until <= ?))")
            binds.append(.real(now))
        case .snoozed?:
            conditions.append("(status = 'snoozed' AND snoozed_until > ?)")
            binds.append(.real(now))
        case .resolved?:
            conditions.append("status = 'resolved'")
        case nil:
            break
        }
        if let subject = filter.subject { conditions.append("subject = ?"); binds.append(.text(subject.rawValue)) }
        if let severity = filter.minSeverity {
            conditions.append("severity_level >= ?"); binds.append(.integer(Int64(severity.level)))
        }
        if let assignee = filter.assignee { conditions.append("assignee = ?"); binds.append(.text(assignee)) }
        if let customer = filter.customerID { conditions.append("customer_id = ?"); binds.append(.text(customer)) }
        if let min = filter.minAmount { conditions.append("COALESCE(amount, 0) >= ?"); binds.append(.real(min)) }
        if let max = filter.maxAmount { conditions.append("COALESCE(amount, 0) <= ?"); binds.append(.real(max)) }
        if let action = filter.action { conditions.append("action = ?"); binds.append(.text(action.rawValue)) }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), binds)
    }

    public func worklist(_ filter: WorklistFilter, after cursor: WorklistCursor?, limit: Int, now: Double) async throws
        -> WorklistPage
    {
        var (clause, binds) = whereClause(filter, now: now)
        if let cursor {
            clause += (clause.isEmpty ? "WHERE " : " AND ") + "(priority < ? OR (priority = ? AND id > ?))"
            binds += [.real(cursor.priority), .real(cursor.priority), .text(cursor.id)]
        }
        binds.append(.integer(Int64(limit + 1)))
        let rows = try await backend.read(
            sql("SELECT \(Self.disputeColumns) FROM disputes \(clause) ORDER BY priority DESC, id ASC LIMIT ?"), binds)
        var disputes = try rows.map(Self.dispute(from:))
        var next: WorklistCursor? = nil
        if disputes.count > limit {
            disputes.removeLast()
            next = disputes.last.map { WorklistCursor(priority: $0.score.priority, id: $0.id) }
        }
        return WorklistPage(disputes: disputes, next: next)
    }

    public func summary(_ filter: WorklistFilter, now: Double) async throws -> WorklistSummary {
        let (clause, binds) = whereClause(filter, now: now)
        let row = try await backend.read(
            sql(
                """
                SELECT COUNT(*) AS n, COALESCE(SUM(amount), 0.0) AS total,
                       COALESCE(SUM(CASE WHEN action = 'escalate' THEN 1 ELSE 0 END), 0) AS escalations,
                       COALESCE(SUM(CASE WHEN action = 'propose_write_off' THEN 1 ELSE 0 END), 0) AS write_offs
                FROM disputes \(clause)
                """), binds
        ).first
        return WorklistSummary(
            count: Int(row?["n"].int ?? 0), totalAmount: row?["total"].double ?? 0,
            escalations: Int(row?["escalations"].int ?? 0), proposedWriteOffs: Int(row?["write_offs"].int ?? 0))
    }

    public func updateStatus(id: String, change: StatusChange, actor: String, at time: Double) async throws
        -> StoredDispute?
    {
        guard StorableText.isStorable(id) else { return nil }
        let select = selectDisputeByID
        let record = sql("INSERT INTO status_changes (\(Self.statusChangeColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        let recordBinds = Self.binds(for: StatusChangeRecord(disputeID: id, change: change, actor: actor, at: time))
        let (statement, binds): (String, [SQLValue]) =
            switch change {
            case .assign(let assignee):
                (
                    "UPDATE disputes SET assignee = ?, updated_at = ? WHERE id = ?",
                    [.optional(assignee), .real(time), .text(id)]
                )
            case .snooze(let until):
                (
                    "UPDATE disputes SET status = 'snoozed', snoozed_until = ?, updated_at = ? WHERE id = ? AND status <> 'resolved'",
                    [.real(until), .real(time), .text(id)]
                )
            case .resolve(let code, let credited, let note):
                (
                    "UPDATE disputes SET status = 'resolved', resolution = ?, credited_amount = ?, resolution_note = ?, updated_at = ? WHERE id = ?",
                    [.text(code.rawValue), .optional(credited), .optional(note), .real(time), .text(id)]
                )
            }
        let update = sql(statement)
        return try await backend.transaction(exclusiveLock: nil) { db in
            try await db.execute(update, binds)
            let updated = try await db.query(select, [.text(id)]).first.map(Self.dispute(from:))
            // A resolved dispute is not snoozed (the update skipped it): saying so beats a 200 that did nothing.
            if case .snooze = change, updated?.status == .resolved {
                throw DeskError(
                    status: 409, code: "dispute_resolved", field: "id", reason: "dispute '\(id)' is resolved")
            }
            if updated != nil { try await db.execute(record, recordBinds) }
            return updated
        }
    }

    static let statusChangeColumns =
        "dispute_id, kind, assignee, snoozed_until, resolution, credited_amount, note, actor, created_at"

    public func statusChanges(disputeID: String, limit: Int) async throws -> [StatusChangeRecord] {
        guard StorableText.isStorable(disputeID) else { return [] }
        return try await backend.read(
            sql(
                "SELECT \(Self.statusChangeColumns) FROM status_changes WHERE dispute_id = ? ORDER BY created_at DESC LIMIT ?"
            ),
            [.text(disputeID), .integer(Int64(limit))]
        ).compactMap(Self.statusChange(from:))
    }

    public func unresolvedDisputes(after id: String?, limit: Int) async throws -> [StoredDispute] {
        try await backend.read(
            sql(
                "SELECT \(Self.disputeColumns) FROM disputes WHERE status <> 'resolved' AND id > ? ORDER BY id LIMIT ?"),
            [.text(id ?? ""), .integer(Int64(limit))]
        ).map(Self.dispute(from:))
    }

    public func updateScores(_ scores: [(id: String, score: ScoreRecord)]) async throws {
        let update = sql(
            "UPDATE disputes SET model_version = ?, priority = ?, subject = ?, severity = ?, severity_level = ?, action = ?, result_json = ? WHERE id = ?"
        )
        try await backend.transaction(exclusiveLock: nil) { db in
            for (id, s) in scores {
                try await db.execute(
                    update,
                    [
                        .text(s.modelVersion), .real(s.priority), .text(s.subject.rawValue), .text(s.severity.rawValue),
                        .integer(Int64(s.severity.level)), .text(s.action.rawValue), .text(s.resultJSON), .text(id),
                    ])
            }
        }
    }

    // MARK: Feedback log

    static let feedbackColumns = "seq, idempotency_key, dispute_id, prediction_id, kind, payload, actor, created_at"

    public func appendFeedback(_ event: NewFeedbackEvent) async throws -> (event: FeedbackEvent, created: Bool) {
        let find = sql("SELECT \(Self.feedbackColumns) FROM feedback WHERE idempotency_key = ?")
        let head = "SELECT COALESCE(MAX(seq), 0) AS head FROM feedback"
        let insert = sql("INSERT INTO feedback (\(Self.feedbackColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        let notify = backend.notifyStatement
        // The lock serialises appenders, so the next number is taken and committed by one
        // transaction at a time: sequence numbers follow commit order, with no gaps.
        return try await backend.transaction(exclusiveLock: Self.feedbackLock) { db in
            if let existing = try await db.query(find, [.text(event.idempotencyKey)]).first {
                return (try Self.feedbackEvent(from: existing), false)
            }
            let seq = (try await db.query(head, []).first?["head"].int ?? 0) + 1
            try await db.execute(
                insert,
                [
                    .integer(seq), .text(event.idempotencyKey), .text(event.disputeID), .optional(event.predictionID),
                    .text(event.kind), .text(event.payload), .text(event.actor), .real(event.createdAt),
                ])
            if let notify { try await db.execute(notify) }
            return (FeedbackEvent(seq: seq, event: event), true)
        }
    }

    public func feedback(after seq: Int64, limit: Int) async throws -> [FeedbackEvent] {
        try await backend.read(
            sql("SELECT \(Self.feedbackColumns) FROM feedback WHERE seq > ? ORDER BY seq LIMIT ?"),
            [.integer(seq), .integer(Int64(limit))]
        ).map(Self.feedbackEvent(from:))
    }

    public func feedback(disputeID: String, limit: Int) async throws -> [FeedbackEvent] {
        guard StorableText.isStorable(disputeID) else { return [] }
        return try await backend.read(
            sql("SELECT \(Self.feedbackColumns) FROM feedback WHERE dispute_id = ? ORDER BY seq DESC LIMIT ?"),
            [.text(disputeID), .integer(Int64(limit))]
        ).map(Self.feedbackEvent(from:))
    }

    public func logHead() async throws -> Int64 {
        try await backend.read("SELECT COALESCE(MAX(seq), 0) AS head FROM feedback", []).first?["head"].int ?? 0
    }

    // MARK: Model versions

    public func saveModelVersion(_ v: ModelVersionRecord) async throws {
        let insert = sql(
            "INSERT INTO model_versions (version, applied_seq, weights_sha256, created_at, files) VALUES (?, ?, ?, ?, ?) ON CONFLICT (version) DO NOTHING"
        )
        try await backend.transaction(exclusiveLock: nil) { db in
            try await db.execute(
                insert,
                [
                    .text(v.version), .integer(v.appliedSeq), .text(v.weightsSHA256), .real(v.createdAt),
                    .blob(ModelFilePack.pack(v.files)),
                ])
        }
    }

    public func checkpoints(after seq: Int64) async throws -> [Checkpoint] {
        try await backend.read(
            sql(
                "SELECT version, applied_seq, weights_sha256 FROM model_versions WHERE applied_seq > ? ORDER BY applied_seq"
            ),
            [.integer(seq)]
        ).map {
            Checkpoint(
                version: $0["version"].string ?? "", appliedSeq: $0["applied_seq"].int ?? 0,
                weightsSHA256: $0["weights_sha256"].string ?? "")
        }
    }

    public func modelVersion(_ version: String) async throws -> ModelVersionRecord? {
        guard StorableText.isStorable(version) else { return nil }
        return try await backend.read(
            sql("SELECT version, applied_seq, weights_sha256, created_at, files FROM model_versions WHERE version = ?"),
            [.text(version)]
        ).first.map(Self.modelVersion(from:))
    }

    public func latestModelVersion() async throws -> ModelVersionRecord? {
        try await backend.read(
            "SELECT version, applied_seq, weights_sha256, created_at, files FROM model_versions ORDER BY applied_seq DESC, created_at DESC LIMIT 1",
            []
        ).first.map(Self.modelVersion(from:))
    }

    static func modelVersion(from row: SQLRow) throws -> ModelVersionRecord {
        guard let files = row["files"].bytes.flatMap(ModelFilePack.unpack) else {
            throw DeskError(
                status: 500, code: "corrupt_model_version",
                reason: "model version \(row["version"].string ?? "?") has an unreadable file pack")
        }
        return ModelVersionRecord(
            version: row["version"].string ?? "", appliedSeq: row["applied_seq"].int ?? 0,
            weightsSHA256: row["weights_sha256"].string ?? "", createdAt: row["created_at"].double ?? 0, files: files)
    }

    // MARK: Tokens and sessions

    static let tokenColumns = "id, role, hash, label, created_at, revoked_at"

    var insertTokenStatement: String {
        sql("INSERT INTO tokens (\(Self.tokenColumns)) VALUES (?, ?, ?, ?, ?, ?)")
    }

    static func binds(for t: TokenRecord) -> [SQLValue] {
        [
            .text(t.id), .text(t.role.rawValue), .text(t.hash), .text(t.label), .real(t.createdAt),
            .optional(t.revokedAt),
        ]
    }

    public func insertToken(_ t: TokenRecord) async throws {
        let insert = insertTokenStatement
        try await backend.transaction(exclusiveLock: nil) { db in try await db.execute(insert, Self.binds(for: t)) }
    }

    public func token(hash: String) async throws -> TokenRecord? {
        try await backend.read(sql("SELECT \(Self.tokenColumns) FROM tokens WHERE hash = ?"), [.text(hash)])
            .first.flatMap(Self.token(from:))
    }

    public func tokens() async throws -> [TokenRecord] {
        try await backend.read("SELECT \(Self.tokenColumns) FROM tokens ORDER BY created_at, id", [])
            .compactMap(Self.token(from:))
    }

    public func revokeToken(id: String, at time: Double, force: Bool) async throws -> TokenRevocation {
        let select = sql("SELECT \(Self.tokenColumns) FROM tokens WHERE id = ?")
        let activeAdmins = sql("SELECT COUNT(*) AS n FROM tokens WHERE role = ? AND revoked_at IS NULL")
        let revoke = sql("UPDATE tokens SET revoked_at = ? WHERE id = ?")
        let endSessions = sql("DELETE FROM sessions WHERE token_id = ?")
        // An id PostgreSQL could not hold (U+0000) names nothing and is not sent to the database.
        guard StorableText.isStorable(id) else { return .unknown }
        return try await backend.transaction(exclusiveLock: Self.revocationLock) { db in
            guard let record = try await db.query(select, [.text(id)]).first.flatMap(Self.token(from:)) else {
                return .unknown
            }
            guard !record.isRevoked else { return .alreadyRevoked(record) }
            if record.role == .admin, !force {
                let admins = try await db.query(activeAdmins, [.text(Role.admin.rawValue)]).first?["n"].int ?? 0
                if admins <= 1 { return .lastAdmin(record) }
            }
            try await db.execute(revoke, [.real(time), .text(id)])
            try await db.execute(endSessions, [.text(id)])
            var revoked = record
            revoked.revokedAt = time
            return .revoked(revoked)
        }
    }

    public func insertFirstToken(_ t: TokenRecord) async throws -> Bool {
        let insert = insertTokenStatement
        // Under a lock, so replicas starting together on an empty database write one admin token.
        return try await backend.transaction(exclusiveLock: Self.firstTokenLock) { db in
            guard try await db.query("SELECT COUNT(*) AS n FROM tokens", []).first?["n"].int == 0 else { return false }
            try await db.execute(insert, Self.binds(for: t))
            return true
        }
    }

    public func insertSession(_ s: SessionRecord) async throws {
        let insert = sql("INSERT INTO sessions (hash, token_id, role, csrf, expires_at) VALUES (?, ?, ?, ?, ?)")
        try await backend.transaction(exclusiveLock: nil) { db in
            try await db.execute(
                insert, [.text(s.hash), .text(s.tokenID), .text(s.role.rawValue), .text(s.csrf), .real(s.expiresAt)])
        }
    }

    public func session(hash: String) async throws -> SessionRecord? {
        // Revoking deletes the token's sessions; the join also ends one a login opened while the
        // token was being revoked.
        let select = sql(
            """
            SELECT s.hash AS hash, s.token_id AS token_id, s.role AS role, s.csrf AS csrf, s.expires_at AS expires_at
            FROM sessions s JOIN tokens t ON t.id = s.token_id WHERE s.hash = ? AND t.revoked_at IS NULL
            """)
        guard
            let row = try await backend.read(select, [.text(hash)]).first,
            let role = row["role"].string.flatMap(Role.init(rawValue:))
        else { return nil }
        return SessionRecord(
            hash: row["hash"].string ?? "", tokenID: row["token_id"].string ?? "", role: role,
            csrf: row["csrf"].string ?? "", expiresAt: row["expires_at"].double ?? 0)
    }

    public func deleteSession(hash: String) async throws {
        let delete = sql("DELETE FROM sessions WHERE hash = ?")
        try await backend.transaction(exclusiveLock: nil) { db in try await db.execute(delete, [.text(hash)]) }
    }

    // MARK: Row mapping

    static func token(from row: SQLRow) -> TokenRecord? {
        guard let role = row["role"].string.flatMap(Role.init(rawValue:)) else { return nil }
        return TokenRecord(
            id: row["id"].string ?? "", role: role, hash: row["hash"].string ?? "", label: row["label"].string ?? "",
            createdAt: row["created_at"].double ?? 0, revokedAt: row["revoked_at"].double)
    }

    static func binds(for d: StoredDispute, updatedAt: Double) -> [SQLValue] {
        let invoices = String(decoding: (try? JSONEncoder().encode(d.invoices)) ?? Data("[]".utf8), as: UTF8.self)
        return [
            .text(d.id), .optional(d.customerID), .text(invoices), .text(d.text), .optional(d.facts.amount),
            .optional(d.facts.customerValue), .optional(d.facts.openBalance), .optional(d.facts.creditScore),
            .optional(d.facts.daysPastDue), .real(d.receivedAt), .text(d.status.rawValue), .optional(d.snoozedUntil),
            .optional(d.assignee), .optional(d.resolution?.rawValue), .optional(d.creditedAmount),
            .optional(d.resolutionNote),
            .real(updatedAt), .text(d.score.predictionID), .text(d.score.modelVersion), .real(d.score.priority),
            .text(d.score.subject.rawValue), .text(d.score.severity.rawValue), .integer(Int64(d.score.severity.level)),
            .text(d.score.action.rawValue), .text(d.score.resultJSON),
        ]
    }

    static func dispute(from row: SQLRow) throws -> StoredDispute {
        func corrupt(_ column: String) -> DeskError {
            DeskError(
                status: 500, code: "corrupt_row", field: column,
                reason: "stored dispute \(row["id"].string ?? "?") has an unreadable '\(column)'")
        }
        let invoices =
            (row["invoices"].string.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }) ?? []
        guard let status = row["status"].string.flatMap(DisputeStatus.init(rawValue:)) else { throw corrupt("status") }
        guard let subject = row["subject"].string.flatMap(Subject.init(rawValue:)) else { throw corrupt("subject") }
        guard let severity = row["severity"].string.flatMap(Severity.init(rawValue:)) else { throw corrupt("severity") }
        guard let action = row["action"].string.flatMap(DisputeAction.init(rawValue:)) else { throw corrupt("action") }
        let facts = try DisputeFacts(
            amount: row["amount"].double, customerValue: row["customer_value"].double,
            openBalance: row["open_balance"].double, creditScore: row["credit_score"].double,
            daysPastDue: row["days_past_due"].double)
        return StoredDispute(
            id: row["id"].string ?? "", customerID: row["customer_id"].string, invoices: invoices,
            text: row["text"].string ?? "",
            facts: facts, receivedAt: row["received_at"].double ?? 0, status: status,
            snoozedUntil: row["snoozed_until"].double,
            assignee: row["assignee"].string,
            resolution: row["resolution"].string.flatMap(ResolutionCode.init(rawValue:)),
            creditedAmount: row["credited_amount"].double, resolutionNote: row["resolution_note"].string,
            score: ScoreRecord(
                predictionID: row["prediction_id"].string ?? "", modelVersion: row["model_version"].string ?? "",
                priority: row["priority"].double ?? 0, subject: subject, severity: severity, action: action,
                resultJSON: row["result_json"].string ?? "{}"))
    }

    static func binds(for r: StatusChangeRecord) -> [SQLValue] {
        let (kind, assignee, until, resolution, credited, note): (String, String?, Double?, String?, Double?, String?) =
            switch r.change {
            case .assign(let assignee): ("assign", assignee, nil, nil, nil, nil)
            case .snooze(let until): ("snooze", nil, until, nil, nil, nil)
            case .resolve(let code, let credited, let note): ("resolve", nil, nil, code.rawValue, credited, note)
            }
        return [
            .text(r.disputeID), .text(kind), .optional(assignee), .optional(until), .optional(resolution),
            .optional(credited), .optional(note), .text(r.actor), .real(r.at),
        ]
    }

    /// A recorded status change; nil for a kind this build does not know.
    static func statusChange(from row: SQLRow) -> StatusChangeRecord? {
        let change: StatusChange
        switch row["kind"].string {
        case "assign": change = .assign(assignee: row["assignee"].string)
        case "snooze": change = .snooze(until: row["snoozed_until"].double ?? 0)
        case "resolve":
            guard let code = row["resolution"].string.flatMap(ResolutionCode.init(rawValue:)) else { return nil }
            change = .resolve(code: code, creditedAmount: row["credited_amount"].double, note: row["note"].string)
        default: return nil
        }
        return StatusChangeRecord(
            disputeID: row["dispute_id"].string ?? "", change: change, actor: row["actor"].string ?? "",
            at: row["created_at"].double ?? 0)
    }

    static func feedbackEvent(from row: SQLRow) throws -> FeedbackEvent {
        FeedbackEvent(
            seq: row["seq"].int ?? 0,
            event: NewFeedbackEvent(
                idempotencyKey: row["idempotency_key"].string ?? "", disputeID: row["dispute_id"].string ?? "",
                predictionID: row["prediction_id"].string, kind: row["kind"].string ?? "",
                payload: row["payload"].string ?? "",
                actor: row["actor"].string ?? "", createdAt: row["created_at"].double ?? 0))
    }
}
