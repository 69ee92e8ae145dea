import COpenBLAS
import SystemSupport

/// Control of OpenBLAS's worker threads.
///
/// The library runs OpenBLAS on **one thread** by default: DisputeTriage is meant to be embedded in
/// services that already run many threads, where OpenBLAS's own pool would oversubscribe the cores.
/// Loading a model applies that default (``useLibraryDefault()``); set `OPENBLAS_NUM_THREADS` to
/// choose another count, or call ``configure(threads:)`` (e.g. for a single large batch job).
///
/// ```swift
/// try BLASThreads.configure(threads: 2)
/// print(BLASThreads.current)   // 2
/// ```
public enum BLASThreads {
    /// Sets OpenBLAS's thread count.
    /// - Throws: ``LinearAlgebraError/invalidArgument(name:reason:)`` if `threads < 1`.
    public static func configure(threads: Int) throws {
        guard threads >= 1, threads <= 4096 else {
            throw LinearAlgebraError.invalidArgument(name: "threads", reason: "must be within 1…4096, got \(threads)")
        }
        openblas_set_num_threads(Int32(threads))
    }

    /// The thread count OpenBLAS currently uses.
    public static var current: Int { Int(openblas_get_num_threads()) }

    /// The CPU kernel OpenBLAS picked (e.g. `"Zen"`), for benchmark reports.
    package static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// Puts OpenBLAS on one thread unless the user already chose a count through
    /// `OPENBLAS_NUM_THREADS`. Loading a `TriageModel` calls it, and so does every `triage` command.
    public static func useLibraryDefault() {
        LibraryDefault.apply
    }

    /// ``useLibraryDefault()``, and when that chose one thread, ``stopIdleWorkers()``. For a
    /// process's start only: the `triage` tool calls it before any work.
    package static func useLibraryDefaultAtProcessStart() {
        useLibraryDefault()
        if ProcessEnvironment.value(of: "OPENBLAS_NUM_THREADS") == nil { stopIdleWorkers() }
    }

    /// Stops the worker threads the pthread build of OpenBLAS starts when it loads. On one BLAS
    /// thread they never get work, yet each spins on a core for ~0.1 s before it sleeps, which a
    /// short `triage` run pays in full. OpenBLAS starts them again by itself if a later call wants
    /// more than one thread. Not safe while another thread runs a multi-threaded BLAS call, so the
    /// library never calls it on its own; a process calls it at its start.
    /// - Returns: whether this OpenBLAS has such a pool (builds on OpenMP or serial have none).
    @discardableResult
    package static func stopIdleWorkers() -> Bool {
        dt_openblas_stop_idle_workers() == 0
    }
}

private enum LibraryDefault {
    // A `static let` runs its initialiser once, thread-safely.
    static let apply: Void = {
        if ProcessEnvironment.value(of: "OPENBLAS_NUM_THREADS") == nil { openblas_set_num_threads(1) }
    }()
}
