/// A failed system call (or a file that is not what the caller can use): the step that failed and
/// the `errno` it set, described with the system's message.
///
/// ```swift
/// do { _ = try FileIO.open("/nope/x", O_RDONLY) }
/// catch { print(error) }   // "open: No such file or directory"
/// ```
package struct SystemError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What failed, e.g. `"open"`, `"write"`, `"fsync"`, or a reason such as `"is a directory"`.
    package var operation: String
    /// The `errno` value, or 0 when the failure is not a system call's (then ``operation`` says why).
    package var code: Int32

    package init(_ operation: String, code: Int32) {
        self.operation = operation
        self.code = code
    }

    /// `errno` as the system describes it (`strerror`).
    package static func message(for code: Int32) -> String { String(cString: strerror(code)) }

    package var description: String { code == 0 ? operation : "\(operation): \(Self.message(for: code))" }
}
