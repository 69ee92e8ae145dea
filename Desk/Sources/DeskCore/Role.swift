/// What a token may do. Each role includes the rights of the ones before it, except that a
/// `scorer` (a service posting disputes) cannot act on them.
public enum Role: String, Sendable, CaseIterable, Codable {
    /// Posts disputes to be scored, reads them back.
    case scorer
    /// Reads the worklist and acts on disputes: feedback, assign, snooze, resolve.
    case collector
    /// Everything, plus the feedback log export and policy and model reloads.
    case admin

    /// Whether this role may use a route that requires `required`.
    public func allows(_ required: Permission) -> Bool {
        switch (self, required) {
        case (.admin, _): true
        case (.collector, .read), (.collector, .lookup), (.collector, .work): true
        case (.scorer, .score), (.scorer, .lookup): true
        default: false
        }
    }
}

/// What a route needs.
public enum Permission: String, Sendable {
    /// Post disputes to be scored.
    case score
    /// Read one dispute by id: services that post disputes read their results back (any dispute
    /// whose id they know; ids are the callers' own).
    case lookup
    /// Read the worklist, disputes and the model state.
    case read
    /// Feedback, assign, snooze, resolve.
    case work
    /// Export the log, reload policy or model.
    case admin
}
