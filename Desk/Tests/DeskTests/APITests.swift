import DeskCore
import DeskEngine
import DeskHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("HTTP API")
struct APITests {
    static let sample = disputesJSON([
        ("D1", "We were billed twice for invoice 4471. Please cancel the duplicate.", 1_200),
        ("D2", "Our lawyer will file a claim if the overcharge is not credited this week.", 80_000),
        ("D3", "Small thing: the freight surcharge was not in the quote.", 35),
    ])

    @Test func scoringStoresAndReturnsResultsInOrder() async throws {
        try await withTestDesk { t, directory in
            try await t.application().test(.router) { client in
                let response = try await client.json(.post, "/v1/disputes", token: t.scorer, body: Self.sample)
                #expect(response.status == .ok)
                let results = response.object["results"] as? [[String: Any]] ?? []
                #expect(results.map { $0["id"] as? String } == ["D1", "D2", "D3"])
                for r in results {
                    #expect((r["priority"] as? Double).map { (0...100).contains($0) } == true)
                    #expect(r["prediction_id"] is String && r["model_version"] is String && r["action"] is String)
                    #expect((r["explanation"] as? [String: Any])?["factors"] is [String: Any])
                }
                // Posting the same id again returns the stored result (same prediction id).
                let again = try await client.json(.post, "/v1/disputes", token: t.scorer, body: Self.sample)
                let again0 = (again.object["results"] as? [[String: Any]])?.first
                #expect(again0?["prediction_id"] as? String == results.first?["prediction_id"] as? String)
                #expect(try await t.store.summary(WorklistFilter(), now: Date().timeIntervalSince1970).count == 3)

                let one = try await client.json(.get, "/v1/disputes/D2", token: t.collector)
                #expect(
                    one.status == .ok && one.object["id"] as? String == "D2"
                        && one.object["status"] as? String == "open")
                let worklist = try await client.json(.get, "/v1/worklist?limit=2", token: t.collector)
                let rows = worklist.object["disputes"] as? [[String: Any]] ?? []
                #expect(rows.count == 2 && worklist.object["next"] is String)
            }
        }
    }

    @Test func everyV1RouteNeedsTheRightRole() async throws {
        try await withTestDesk { t, directory in
            try await t.application().test(.router) { client in
                #expect(
                    try await client.json(.post, "/v1/disputes", token: nil, body: Self.sample).status == .unauthorized)
                #expect(
                    try await client.json(.post, "/v1/disputes", token: "dtk_wrong", body: Self.sample).status
                        == .unauthorized)
                #expect(
                    try await client.json(.post, "/v1/disputes", token: t.collector, body: Self.sample).status
                        == .forbidden)
                try await client.json(.post, "/v1/disputes", token: t.scorer, body: Self.sample)
                let feedback = #"{"urgent": true}"#
                #expect(
                    try await client.json(
                        .post, "/v1/disputes/D1/feedback", token: t.scorer, body: feedback,
                        headers: [HTTPField.Name("Idempotency-Key")!: "a"]
                    ).status == .forbidden)
                #expect(try await client.json(.get, "/v1/worklist", token: t.scorer).status == .forbidden)
                #expect(try await client.json(.get, "/v1/feedback", token: t.collector).status == .forbidden)
                #expect(try await client.json(.get, "/v1/feedback", token: t.admin).status == .ok)
                #expect(try await client.json(.get, "/v1/model", token: nil).status == .unauthorized)
                #expect(try await client.json(.get, "/health/live", token: nil).status == .ok)
                #expect(try await client.json(.get, "/health/ready", token: nil).status == .ok)
                #expect(try await client.json(.get, "/openapi.json", token: nil).status == .ok)
                let unauthorized = try await client.json(.get, "/v1/worklist", token: nil)
                #expect(unauthorized.object["error"] as? String == "unauthenticated")
                #expect(unauthorized.headers[.wwwAuthenticate] == "Bearer")
            }
        }
    }

    @Test(arguments: [
        ("not json", "$"),
        ("{}", "$"),
        ("[]", "$"),
        (#"[{"id": "X", "text": "t", "credit_score": 140}]"#, "[0].credit_score"),
        (#"[{"id": "X", "text": "t", "amount": -1}]"#, "[0].amount"),
        (#"[{"id": "X", "text": "t", "amount": "12"}]"#, "[0].amount"),
        (#"[{"id": "X", "text": "t", "amount": NaN}]"#, "$"),
        (#"[{"id": "X", "text": "   "}]"#, "[0].text"),
        (#"[{"id": "X"}]"#, "[0].text"),
        (#"[{"text": "t"}]"#, "[0].id"),
        (#"[{"id": "X", "text": "t", "colour": "red"}]"#, "[0].colour"),
        (#"[{"id": "X", "text": "t"}, {"id": "X", "text": "u"}]"#, "[1].id"),
        (#"[{"id": "X", "text": "t", "received_at": "yesterday"}]"#, "[0].received_at"),
        (#"[{"id": "X", "text": "t", "amount": 1e308}]"#, "[0].amount"),
        (#"[{"id": "X", "text": "t", "open_balance": -1e300}]"#, "[0].open_balance"),
        (#"[{"id": "X", "text": "t", "days_past_due": 1e9}]"#, "[0].days_past_due"),
        // Found by schemathesis: SQLite handed "\u0000" back as "", and the dispute's feedback became a 500.
        (#"[{"id": "X", "text": "\u0000"}]"#, "[0].text"),
        (#"[{"id": "X\u0000", "text": "t"}]"#, "[0].id"),
        (#"[{"id": "X", "text": "t", "customer_id": "C\u0000"}]"#, "[0].customer_id"),
        (#"[{"id": "X", "text": "t", "invoices": ["I-1", "I\u0000"]}]"#, "[0].invoices[1]"),
    ])
    func badDisputesGetA400NamingTheField(_ body: String, _ field: String) async throws {
        try await withTestDesk { t, directory in
            try await t.application().test(.router) { client in
                let response = try await client.json(.post, "/v1/disputes", token: t.scorer, body: body)
                #expect(response.status == .badRequest)
                let object = response.object
                #expect(object["reason"] is String)
                if field == "$" {
                    #expect(object["error"] as? String == "malformed_json" || object["field"] as? String == "$")
                } else {
                    #expect(object["field"] as? String == field)
                }
            }
        }
    }

    @Test func oversizeBodiesAndUnknownIdsAre4xx() async throws {
        try await withTestDesk { t, directory in
            try await t.application().test(.router) { client in
                let huge = "[" + String(repeating: " ", count: DeskContext.maxBodyBytes + 10) + "]"
                #expect(
                    try await client.json(.post, "/v1/disputes", token: t.scorer, body: huge).status == .contentTooLarge
                )
                let missing = try await client.json(.get, "/v1/disputes/nope", token: t.collector)
                #expect(missing.status == .notFound && missing.object["field"] as? String == "id")
                let feedback = try await client.json(
                    .post, "/v1/disputes/nope/feedback", token: t.collector, body: #"{"urgent": true}"#,
                    headers: [HTTPField.Name("Idempotency-Key")!: "k"])
                #expect(feedback.status == .notFound)
                #expect(try await client.json(.get, "/v1/nothing-here", token: t.collector).status == .notFound)
                let wrongMethod = try await client.json(.delete, "/v1/worklist", token: t.collector)
                #expect(wrongMethod.status == .methodNotAllowed && wrongMethod.headers[.allow] == "GET, HEAD")
                #expect(
                    try await client.json(.get, "/v1/worklist?min_severity=extreme", token: t.collector).status
                        == .badRequest)
                #expect(
                    try await client.json(.get, "/v1/worklist?limit=5000", token: t.collector).status == .badRequest)
                #expect(
                    try await client.json(.get, "/v1/worklist?cursor=zzz", token: t.collector).status == .badRequest)
                let plain = try await client.execute(
                    uri: "/v1/disputes", method: .post,
                    headers: [.authorization: "Bearer \(t.scorer)", .contentType: "text/plain"],
                    body: ByteBuffer(string: Self.sample))
                #expect(plain.status == .unsupportedMediaType)
            }
        }
    }

    @Test func feedbackIsLoggedOnceAndAppliedThenExportedInOrder() async throws {
        try await withTestDesk { t, directory in
            try await t.application().test(.router) { client in
                try await client.json(.post, "/v1/disputes", token: t.scorer, body: Self.sample)
                let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "evt-1"]
                let first = try await client.json(
                    .post, "/v1/disputes/D3/feedback", token: t.collector,
                    body: #"{"urgent": true, "subject": "freight"}"#, headers: key)
                #expect(first.status == .created)
                #expect(first.object["seq"] as? Int == 1 && first.object["applied"] as? Bool == true)
                let retry = try await client.json(
                    .post, "/v1/disputes/D3/feedback", token: t.collector,
                    body: #"{"urgent": true, "subject": "freight"}"#, headers: key)
                #expect(
                    retry.status == .ok && retry.object["seq"] as? Int == 1 && retry.object["created"] as? Bool == false
                )
                let reused = try await client.json(
                    .post, "/v1/disputes/D1/feedback", token: t.collector, body: #"{"urgent": false}"#, headers: key)
                #expect(reused.status == .conflict)
                let noKey = try await client.json(
                    .post, "/v1/disputes/D1/feedback", token: t.collector, body: #"{"urgent": false}"#)
                #expect(noKey.status == .badRequest && noKey.object["field"] as? String == "Idempotency-Key")
                let spaced = try await client.json(
                    .post, "/v1/disputes/D1/feedback", token: t.collector, body: #"{"urgent": false}"#,
                    headers: [HTTPField.Name("Idempotency-Key")!: "a key"])
                #expect(spaced.status == .badRequest)
                let badLabel = try await client.json(
                    .post, "/v1/disputes/D1/feedback", token: t.collector,
                    body: #"{"urgent": true, "subject": "vibes"}"#, headers: [HTTPField.Name("Idempotency-Key")!: "x"])
                #expect(badLabel.status == .badRequest && badLabel.object["field"] as? String == "subject")

                let log = try await client.json(.get, "/v1/feedback?after=0&limit=10", token: t.admin)
                let events = log.object["events"] as? [[String: Any]] ?? []
                #expect(events.count == 1 && events.first?["idempotency_key"] as? String == "evt-1")
                let payload = events.first?["feedback"] as? [String: Any]
                #expect(payload?["subject"] as? String == "freight" && payload?["urgent"] as? Bool == true)
                #expect(payload?["amount"] as? Double == 35)

                let model = try await client.json(.get, "/v1/model", token: t.collector)
                #expect(model.object["applied_seq"] as? Int == 1 && model.object["log_head"] as? Int == 1)
                #expect((model.object["weights_sha256"] as? String)?.count == 64)
            }
        }
    }

    @Test func statusRoutes() async throws {
        try await withTestDesk { t, directory in
            try await t.application().test(.router) { client in
                try await client.json(.post, "/v1/disputes", token: t.scorer, body: Self.sample)
                let assigned = try await client.json(
                    .post, "/v1/disputes/D1/assign", token: t.collector, body: #"{"assignee": "maria"}"#)
                #expect(assigned.status == .ok && assigned.object["assignee"] as? String == "maria")
                let snoozed = try await client.json(
                    .post, "/v1/disputes/D2/snooze", token: t.collector, body: #"{"hours": 2}"#)
                #expect(snoozed.status == .ok && snoozed.object["status"] as? String == "snoozed")
                let resolved = try await client.json(
                    .post, "/v1/disputes/D3/resolve", token: t.collector,
                    body: #"{"resolution": "written_off", "credited_amount": 35}"#)
                #expect(resolved.status == .ok && resolved.object["resolution"] as? String == "written_off")
                let bad = try await client.json(
                    .post, "/v1/disputes/D3/resolve", token: t.collector, body: #"{"resolution": "shrug"}"#)
                #expect(bad.status == .badRequest && bad.object["field"] as? String == "resolution")
                let open = try await client.json(.get, "/v1/worklist", token: t.collector)
                #expect((open.object["disputes"] as? [[String: Any]])?.map { $0["id"] as? String } == ["D1"])
                let mine = try await client.json(.get, "/v1/worklist?status=all&assignee=maria", token: t.collector)
                #expect((mine.object["disputes"] as? [[String: Any]])?.count == 1)
            }
        }
    }

    @Test func idsWithAnyCharacterCanBeReadAndWorked() async throws {
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                let body = #"[{"id": "a b/c-é?#", "text": "We were billed twice for invoice 77."}]"#
                #expect(try await client.json(.post, "/v1/disputes", token: t.scorer, body: body).status == .ok)
                let encoded = "a%20b%2Fc%2D%C3%A9%3F%23"
                let one = try await client.json(.get, "/v1/disputes/\(encoded)", token: t.collector)
                #expect(one.status == .ok && one.object["id"] as? String == "a b/c-é?#")
                let assigned = try await client.json(
                    .post, "/v1/disputes/\(encoded)/assign", token: t.collector, body: #"{"assignee": "li"}"#)
                #expect(assigned.status == .ok)
            }
        }
    }

    @Test func aNULCharacterInAURLNamesNothingAndInAFilterIsA400() async throws {
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                #expect(try await client.json(.post, "/v1/disputes", token: t.scorer, body: Self.sample).status == .ok)
                let one = try await client.json(.get, "/v1/disputes/D1%00", token: t.collector)
                #expect(one.status == .notFound && one.object["field"] as? String == "id")
                let feedback = try await client.json(
                    .post, "/v1/disputes/D1%00/feedback", token: t.collector, body: #"{"urgent": true}"#,
                    headers: [HTTPField.Name("Idempotency-Key")!: "k-nul"])
                #expect(feedback.status == .notFound)
                let resolved = try await client.json(
                    .post, "/v1/disputes/D1%00/resolve", token: t.collector, body: #"{"resolution": "rejected"}"#)
                #expect(resolved.status == .notFound)
                let filtered = try await client.json(.get, "/v1/worklist?customer=C%00", token: t.collector)
                #expect(filtered.status == .badRequest && filtered.object["field"] as? String == "customer")
            }
        }
    }

    @Test func aKeyReusedForAnotherVerdictIsAConflict() async throws {
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                try await client.json(.post, "/v1/disputes", token: t.scorer, body: Self.sample)
                let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "same"]
                #expect(
                    try await client.json(
                        .post, "/v1/disputes/D1/feedback", token: t.collector, body: #"{"urgent": true}"#, headers: key
                    ).status == .created)
                #expect(
                    try await client.json(
                        .post, "/v1/disputes/D1/feedback", token: t.collector, body: #"{"urgent": true}"#, headers: key
                    ).status == .ok)
                #expect(
                    try await client.json(
                        .post, "/v1/disputes/D1/feedback", token: t.collector, body: #"{"urgent": false}"#, headers: key
                    ).status == .conflict)
                #expect(try await t.store.logHead() == 1)
            }
        }
    }
}
