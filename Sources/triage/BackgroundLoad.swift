import Dispatch
import Synchronization

/// A value made on a thread of its own (a model loading) while the caller goes on with work that
/// does not need it yet (reading input): ``value()`` waits for it.
///
/// ```swift
/// let model = BackgroundLoad { try TriageModel.load(from: url) }
/// let reader = try model.ifThrowing { try RecordReader(path: path) }   // the model's error first
/// let triage = try model.value()
/// ```
final class BackgroundLoad<Value: Sendable>: Sendable {
    private let result = Mutex<Result<Value, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ make: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async { [self] in
            let value = Result { try make() }
            result.withLock { $0 = value }
            done.signal()
        }
    }

    /// Whether the value (or its error) is there, without waiting.
    var isFinished: Bool { result.withLock { $0 != nil } }

    /// The value, once made.
    /// - Throws: the error of making it.
    func value() throws -> Value {
        if !isFinished {
            done.wait()
            done.signal()  // for the next caller
        }
        return try result.withLock { $0! }.get()
    }

    /// Runs `body`; if it throws, throws the error of making the value instead, when there is one:
    /// errors come in the order they would if the value had been made first.
    func ifThrowing<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            _ = try value()
            throw error
        }
    }
}
