/// The methods each path of the desk answers, so a known path asked with another method gets a 405
/// with an `Allow` header instead of the router's 404.
enum AllowedMethods {
    /// Path templates (`*` is one segment) and their methods.
    static let routes: [(segments: [String], methods: [String])] = [
        (["v1", "disputes"], ["POST"]),
        (["v1", "disputes", "*"], ["GET"]),
        (["v1", "disputes", "*", "feedback"], ["POST"]),
        (["v1", "disputes", "*", "assign"], ["POST"]),
        (["v1", "disputes", "*", "snooze"], ["POST"]),
        (["v1", "disputes", "*", "resolve"], ["POST"]),
        (["v1", "worklist"], ["GET"]),
        (["v1", "feedback"], ["GET"]),
        (["v1", "model"], ["GET"]),
        (["v1", "admin", "policy", "reload"], ["POST"]),
        (["health", "live"], ["GET"]),
        (["health", "ready"], ["GET"]),
        (["metrics"], ["GET"]),
        (["openapi.json"], ["GET"]),
        ([], ["GET"]),
        (["login"], ["POST"]),
        (["logout"], ["POST"]),
        (["disputes", "*"], ["GET"]),
        (["disputes", "*", "feedback"], ["POST"]),
        (["disputes", "*", "assign"], ["POST"]),
        (["disputes", "*", "snooze"], ["POST"]),
        (["disputes", "*", "resolve"], ["POST"]),
        (["favicon.ico"], ["GET"]),
    ]

    /// The methods `path` answers, or nil for an unknown path.
    static func methods(for path: String) -> [String]? {
        let segments = path.split(separator: "/").map(String.init)
        let matching = routes.filter { route in
            route.segments.count == segments.count
                && zip(route.segments, segments).allSatisfy { $0 == "*" || $0 == $1 }
        }
        guard !matching.isEmpty else { return nil }
        // HEAD is answered wherever GET is.
        let methods = matching.flatMap(\.methods)
        return methods.contains("GET") ? methods + ["HEAD"] : methods
    }
}
