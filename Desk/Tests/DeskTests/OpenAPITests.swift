import DeskCore
import DeskHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Checks the server against the OpenAPI document it serves: every documented operation answers
/// with a documented status, and each JSON body validates against the documented schema.
@Suite("OpenAPI conformance")
struct OpenAPITests {
    var document: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes))) as? [String: Any] ?? [:]
    }

    var schemas: [String: Any] { ((document["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:] }

    /// Validates `value` against the subset of JSON Schema the document uses; returns the problems.
    func problems(_ value: JSONValue, _ schema: [String: Any], at path: String = "$") -> [String] {
        if let ref = schema["$ref"] as? String {
            return problems(value, schemas[String(ref.split(separator: "/").last!)] as? [String: Any] ?? [:], at: path)
        }
        var types: [String] = []
        if let t = schema["type"] as? String { types = [t] } else if let t = schema["type"] as? [String] { types = t }
        let actual: String =
            switch value {
            case .null: "null"
            case .bool: "boolean"
            case .number(let n): n == n.rounded() ? "integer" : "number"
            case .string: "string"
            case .array: "array"
            case .object: "object"
            }
        if !types.isEmpty, !types.contains(actual), !(actual == "integer" && types.contains("number")) {
            return ["\(path): expected \(types), got \(actual)"]
        }
        var found: [String] = []
        if let allowed = schema["enum"] as? [Any], case .string(let s) = value,
            !allowed.contains(where: { ($0 as? String) == s })
        {
            found.append("\(path): \(s) not in enum")
        }
        if case .object(let object) = value {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                found.append("\(path).\(key): missing")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, v) in object {
                if let p = properties[key] as? [String: Any] {
                    found += problems(v, p, at: "\(path).\(key)")
                } else if let extra = schema["additionalProperties"] as? [String: Any] {
                    found += problems(v, extra, at: "\(path).\(key)")
                } else if schema["additionalProperties"] as? Bool == false {
                    found.append("\(path).\(key): not in the schema")
                }
            }
        }
        if case .array(let array) = value, let items = schema["items"] as? [String: Any] {
            for (i, item) in array.enumerated() { found += problems(item, items, at: "\(path)[\(i)]") }
        }
        return found
    }

    func check(_ response: TestResponse, _ method: String, _ path: String) {
        let operation = ((document["paths"] as? [String: Any])?[path] as? [String: Any])?[method] as? [String: Any]
        let responses = operation?["responses"] as? [String: Any] ?? [:]
        let status = String(response.status.code)
        guard let documented = responses[status] as? [String: Any] else {
            Issue.record("\(method.uppercased()) \(path) answered \(status), which the document does not list")
            return
        }
        guard
            let schema = ((documented["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"]
                as? [String: Any]
        else { return }
        guard let body = try? JSONValue.parse(Array(String(buffer: response.body).utf8)) else {
            Issue.record("\(method.uppercased()) \(path) \(status): the body is not JSON")
            return
        }
        let found = problems(body, schema)
        #expect(found.isEmpty, "\(method.uppercased()) \(path) \(status): \(found)")
    }

    @Test func responsesMatchTheDocument() async throws {
        #expect(document["openapi"] as? String == "3.1.0")
        try await withTestDesk { t, directory in
            try await t.application().test(.router) { client in
                let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "k1"]
                check(
                    try await client.json(.post, "/v1/disputes", token: t.scorer, body: APITests.sample), "post",
                    "/v1/disputes")
                check(
                    try await client.json(.post, "/v1/disputes", token: t.scorer, body: "[{\"id\": 3}]"), "post",
                    "/v1/disputes")
                check(try await client.json(.post, "/v1/disputes", token: nil, body: "[]"), "post", "/v1/disputes")
                check(try await client.json(.get, "/v1/disputes/D1", token: t.collector), "get", "/v1/disputes/{id}")
                check(try await client.json(.get, "/v1/disputes/none", token: t.collector), "get", "/v1/disputes/{id}")
                check(
                    try await client.json(
                        .post, "/v1/disputes/D1/feedback", token: t.collector, body: #"{"urgent": true}"#, headers: key),
                    "post", "/v1/disputes/{id}/feedback")
                check(
                    try await client.json(
                        .post, "/v1/disputes/D1/feedback", token: t.collector, body: #"{"urgent": true}"#, headers: key),
                    "post", "/v1/disputes/{id}/feedback")
                check(
                    try await client.json(
                        .post, "/v1/disputes/D1/assign", token: t.collector, body: #"{"assignee": "sam"}"#),
                    "post", "/v1/disputes/{id}/assign")
                check(
                    try await client.json(.post, "/v1/disputes/D2/snooze", token: t.collector, body: "{}"), "post",
                    "/v1/disputes/{id}/snooze")
                check(
                    try await client.json(
                        .post, "/v1/disputes/D3/resolve", token: t.collector, body: #"{"resolution": "rejected"}"#),
                    "post", "/v1/disputes/{id}/resolve")
                check(
                    try await client.json(.get, "/v1/worklist?status=all&limit=2", token: t.collector), "get",
                    "/v1/worklist")
                check(try await client.json(.get, "/v1/feedback?after=0", token: t.admin), "get", "/v1/feedback")
                check(try await client.json(.get, "/v1/model", token: t.collector), "get", "/v1/model")
                check(
                    try await client.json(.post, "/v1/admin/policy/reload", token: t.admin), "post",
                    "/v1/admin/policy/reload")
                check(try await client.json(.get, "/health/live", token: nil), "get", "/health/live")
                check(try await client.json(.get, "/health/ready", token: nil), "get", "/health/ready")
            }
        }
    }
}
