/// Where the desk keeps its state: disputes, predictions, the append-only feedback log, model
/// versions, tokens and sessions. SQLite (embedded, one process) and PostgreSQL (several replicas)
/// implement it; one test suite runs against both.
///
/// Every method is one transaction. `appendFeedback` serialises appenders so sequence numbers follow
/// commit order with no gaps, and returns only after the event is durable.
public protocol DeskStore: Sendable {
    /// Creates or upgrades the schema (versioned migrations, run under a lock).
    func migrate() async throws
    /// Checks the database answers.
    func ping() async throws
    /// Releases connections.
    func close() async

    // MARK: Disputes

    /// Stores new disputes with their first prediction. A dispute whose id is already stored is left
    /// as it is and returned as stored (posting is idempotent on the dispute id).
    func insertDisputes(_ disputes: [StoredDispute]) async throws -> [StoredDispute]
    func dispute(id: String) async throws -> StoredDispute?
    /// The stored disputes among `ids`, by id.
    func disputes(ids: [String]) async throws -> [String: StoredDispute]
    /// Disputes in worklist order (priority descending, id ascending) after `cursor`.
    func worklist(_ filter: WorklistFilter, after cursor: WorklistCursor?, limit: Int, now: Double) async throws
        -> WorklistPage
    func summary(_ filter: WorklistFilter, now: Double) async throws -> WorklistSummary
    /// Applies a status change made by `actor` and records it in the dispute's history (in the same
    /// transaction); `nil` when the dispute does not exist.
    func updateStatus(id: String, change: StatusChange, actor: String, at time: Double) async throws
        -> StoredDispute?
    /// The status changes recorded for one dispute, newest first, at most `limit` (changes made before
    /// schema migration 3 were not recorded).
    func statusChanges(disputeID: String, limit: Int) async throws -> [StatusChangeRecord]
    /// Ids of unresolved disputes after `id` in id order (for rescoring with a new model).
    func unresolvedDisputes(after id: String?, limit: Int) async throws -> [StoredDispute]
    /// Replaces the current scoring of disputes (rescoring after the model learned).
    func updateScores(_ scores: [(id: String, score: ScoreRecord)]) async throws

    // MARK: Feedback log

    /// Appends an event, or returns the stored one when its idempotency key is known (`created` false).
    func appendFeedback(_ event: NewFeedbackEvent) async throws -> (event: FeedbackEvent, created: Bool)
    /// Events with `seq > after`, in order.
    func feedback(after seq: Int64, limit: Int) async throws -> [FeedbackEvent]
    /// The events recorded for one dispute, newest (highest `seq`) first, at most `limit`.
    func feedback(disputeID: String, limit: Int) async throws -> [FeedbackEvent]
    /// The highest sequence number (0 when empty).
    func logHead() async throws -> Int64

    // MARK: Model versions

    func saveModelVersion(_ version: ModelVersionRecord) async throws
    /// The newest saved version (highest applied sequence).
    func latestModelVersion() async throws -> ModelVersionRecord?
    /// Published checkpoints past `seq` (without their files): position and weights fingerprint.
    func checkpoints(after seq: Int64) async throws -> [Checkpoint]
    /// One saved version with its files.
    func modelVersion(_ version: String) async throws -> ModelVersionRecord?

    // MARK: Tokens and sessions

    func insertToken(_ token: TokenRecord) async throws
    /// The token with this hash, revoked or not.
    func token(hash: String) async throws -> TokenRecord?
    /// Every token, revoked ones too, oldest first.
    func tokens() async throws -> [TokenRecord]
    /// Inserts `token` only when no token exists yet (atomically); returns whether it did.
    func insertFirstToken(_ token: TokenRecord) async throws -> Bool
    /// Revokes a token at `time` and ends its browser sessions, in one transaction. Unless `force`,
    /// the last admin token that is not revoked is left as it is (``TokenRevocation/lastAdmin(_:)``),
    /// so nobody locks the desk's admins out by mistake. Revocations run one at a time, so two
    /// revocations of the last two admin tokens cannot both pass that check.
    func revokeToken(id: String, at time: Double, force: Bool) async throws -> TokenRevocation
    func insertSession(_ session: SessionRecord) async throws
    /// The session with this hash, nil when there is none or its token is revoked.
    func session(hash: String) async throws -> SessionRecord?
    func deleteSession(hash: String) async throws
}

extension DeskStore {
    /// The valid token a presented secret stands for: nil when it is unknown or revoked. It is looked
    /// up by its SHA-256 and the stored hash is compared again in constant time.
    public func authenticate(token: String) async throws -> TokenRecord? {
        guard case .valid(let record) = try await check(token: token) else { return nil }
        return record
    }

    /// Whether a presented secret is a valid token, a revoked one or unknown (it is looked up as
    /// ``authenticate(token:)`` does).
    public func check(token: String) async throws -> TokenCheck {
        let hash = APIToken.hash(token)
        guard let record = try await self.token(hash: hash), APIToken.constantTimeEquals(record.hash, hash) else {
            return .unknown
        }
        return record.isRevoked ? .revoked(record) : .valid(record)
    }

    /// The live session a browser cookie stands for (nil when unknown or expired).
    public func authenticate(session secret: String, now: Double) async throws -> SessionRecord? {
        let hash = APIToken.hash(secret)
        guard let session = try await self.session(hash: hash), APIToken.constantTimeEquals(session.hash, hash),
            session.expiresAt > now
        else { return nil }
        return session
    }
}
