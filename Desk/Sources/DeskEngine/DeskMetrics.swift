import Metrics

/// The desk's own metrics (requests and latencies by route come from Hummingbird's middleware).
struct DeskMetrics: Sendable {
    let disputesScored = Counter(label: "desk_disputes_scored_total")
    let feedbackApplied = Counter(label: "desk_feedback_applied_total")
    let feedbackAppended = Counter(label: "desk_feedback_appended_total")
    let appliedSeq = Gauge(label: "desk_model_applied_seq")
    let logHead = Gauge(label: "desk_log_head")
    let logLag = Gauge(label: "desk_log_lag")
    let snapshots = Counter(label: "desk_model_snapshots_total")
    let checkpointMismatches = Counter(label: "desk_checkpoint_mismatches_total")
    let storeErrors = Counter(label: "desk_store_errors_total")
}
