/// Read access to the process environment without Foundation (LinearAlgebra does not link it).
package enum ProcessEnvironment {
    /// The value of the environment variable `name`, or `nil` when it is not set.
    package static func value(of name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}
