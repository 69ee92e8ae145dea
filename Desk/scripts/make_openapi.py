#!/usr/bin/env python3
"""Writes Sources/DeskHTTP/openapi.json, the OpenAPI 3.1 description of the desk's API.

The document is hand-written here, as Python data, so it stays readable and diffable; the desk serves
the generated JSON at /openapi.json and its tests check the server against it."""
import json
import pathlib

SUBJECTS = ["pricing", "quantity", "damaged_goods", "wrong_item", "not_delivered", "duplicate_billing", "already_paid", "tax",
            "freight", "promotion", "returns_credit", "unauthorized", "terms_fees", "service_quality", "documentation"]
SEVERITIES = ["low", "medium", "high", "critical"]
ACTIONS = ["work", "escalate", "propose_write_off"]
STATUSES = ["open", "snoozed", "resolved"]
RESOLUTIONS = ["credit_issued", "invoice_corrected", "customer_paid", "rejected", "written_off", "duplicate"]


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def error(description):
    return {"description": description, "content": {"application/json": {"schema": ref("Error")}}}


def ok(schema, description="OK"):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "400": error("Invalid input: malformed JSON, wrong types, out-of-range numbers, unknown labels or fields."),
    "401": error("No, unknown or revoked bearer token."),
    "403": error("The token's role may not do this."),
    "503": {**error("The database is unreachable for a moment (a restart, a failover): retry, with the same "
                    "Idempotency-Key for feedback."),
            "headers": {"Retry-After": {"schema": {"type": "string"}, "description": "seconds"}}},
}
BODY_ERRORS = {**ERRORS, "413": error("The body is larger than the limit."), "415": error("The body is not application/json.")}
ID_PARAM = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}, "description": "Dispute id."}

number = {"type": "number"}
nullable_number = {"type": ["number", "null"]}
nullable_string = {"type": ["string", "null"]}

schemas = {
    "Error": {
        "type": "object", "required": ["error", "reason"], "additionalProperties": False,
        "properties": {"error": {"type": "string", "description": "machine-readable code"},
                       "field": {"type": "string", "description": "where: a JSON path, header or parameter"},
                       "reason": {"type": "string"}},
    },
    "DisputeInput": {
        "type": "object", "required": ["id", "text"], "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[^\\n\\r]+$"},
            "text": {"type": "string", "minLength": 1, "description": "the message; not blank, at most 1 MiB"},
            "amount": {"type": ["number", "null"], "minimum": 0, "maximum": 1e12},
            "customer_value": {"type": ["number", "null"], "minimum": 0, "maximum": 1e12},
            "open_balance": {"type": ["number", "null"], "minimum": -1e12, "maximum": 1e12},
            "credit_score": {"type": ["number", "null"], "minimum": 0, "maximum": 100},
            "days_past_due": {"type": ["number", "null"], "minimum": 0, "maximum": 36500},
            "customer_id": {"type": ["string", "null"], "maxLength": 200},
            "invoices": {"type": ["array", "null"], "maxItems": 50,
                         "items": {"type": "string", "minLength": 1, "maxLength": 100}},
            "received_at": {"type": ["string", "null"], "format": "date-time"},
        },
    },
    "Label": {
        "type": "object", "required": ["label", "probability"],
        "properties": {"label": {"type": "string"}, "probability": number,
                       "x12_codes": {"type": "array", "items": {"type": "string"}}},
    },
    "Explanation": {
        "type": "object", "required": ["baseline", "factors", "subject_words", "severity_words"],
        "properties": {
            "baseline": number,
            "factors": {"type": "object", "additionalProperties": number,
                        "description": "priority points each factor adds: subject, severity, customer_value, open_balance, credit, amount, age"},
            "subject_words": {"type": "array", "items": {"type": "string"}},
            "severity_words": {"type": "array", "items": {"type": "string"}},
        },
    },
    "Result": {
        "type": "object",
        "required": ["id", "priority", "subject", "severity", "action", "action_rule", "prediction_id", "model_version"],
        "properties": {
            "id": {"type": "string"}, "priority": {"type": "number", "minimum": 0, "maximum": 100},
            "subject": ref("Label"), "severity": ref("Label"),
            "action": {"type": "string", "enum": ACTIONS}, "action_rule": {"type": "string"},
            "explanation": ref("Explanation"), "prediction_id": {"type": "string"}, "model_version": {"type": "string"},
        },
    },
    "Dispute": {
        "type": "object", "required": ["id", "text", "invoices", "received_at", "status"],
        "properties": {
            "id": {"type": "string"}, "customer_id": {"type": "string"},
            "invoices": {"type": "array", "items": {"type": "string"}}, "text": {"type": "string"},
            "amount": number, "customer_value": number, "open_balance": number, "credit_score": number, "days_past_due": number,
            "received_at": {"type": "string", "format": "date-time"},
            "status": {"type": "string", "enum": STATUSES}, "snoozed_until": {"type": "string", "format": "date-time"},
            "assignee": {"type": "string"}, "resolution": {"type": "string", "enum": RESOLUTIONS},
            "credited_amount": number, "result": ref("Result"),
        },
    },
    "Worklist": {
        "type": "object", "required": ["disputes", "summary"],
        "properties": {
            "disputes": {"type": "array", "items": ref("Dispute")},
            "next": {"type": "string", "description": "cursor of the next page"},
            "summary": {"type": "object", "required": ["count", "total_amount", "escalations", "proposed_write_offs"],
                        "properties": {"count": {"type": "integer"}, "total_amount": number,
                                       "escalations": {"type": "integer"}, "proposed_write_offs": {"type": "integer"}}},
        },
    },
    "FeedbackInput": {
        "type": "object", "required": ["urgent"], "additionalProperties": False,
        "properties": {"urgent": {"type": "boolean"},
                       "subject": {"type": ["string", "null"], "enum": SUBJECTS + [None]},
                       "severity": {"type": ["string", "null"], "enum": SEVERITIES + [None]}},
    },
    "FeedbackAccepted": {
        "type": "object", "required": ["seq", "idempotency_key", "dispute_id", "created", "applied", "model_version"],
        "properties": {"seq": {"type": "integer", "minimum": 1}, "idempotency_key": {"type": "string"},
                       "dispute_id": {"type": "string"}, "created": {"type": "boolean"}, "applied": {"type": "boolean"},
                       "model_version": {"type": "string"}},
    },
    "FeedbackLog": {
        "type": "object", "required": ["events", "log_head"],
        "properties": {
            "log_head": {"type": "integer"},
            "events": {"type": "array", "items": {
                "type": "object",
                "required": ["seq", "idempotency_key", "dispute_id", "kind", "actor", "created_at", "feedback"],
                "properties": {"seq": {"type": "integer"}, "idempotency_key": {"type": "string"}, "dispute_id": {"type": "string"},
                               "prediction_id": {"type": "string"}, "kind": {"type": "string"}, "actor": {"type": "string"},
                               "created_at": {"type": "string", "format": "date-time"},
                               "feedback": {"type": "object", "description": "the event in `triage learn --feedback` format"}}}},
        },
    },
    "Model": {
        "type": "object", "required": ["version", "applied_seq", "log_head", "weights_sha256", "updates"],
        "properties": {"version": {"type": "string"}, "applied_seq": {"type": "integer"}, "log_head": {"type": "integer"},
                       "weights_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                       "updates": {"type": "integer", "description": "feedback events this process applied since it started (replay included)"}},
    },
    "Assign": {"type": "object", "additionalProperties": False,
               "properties": {"assignee": {"type": ["string", "null"], "minLength": 1, "maxLength": 100, "pattern": "\\S"}}},
    # until or hours, not both (null counts as absent).
    "Snooze": {"type": "object", "additionalProperties": False,
               "not": {"required": ["until", "hours"],
                       "properties": {"until": {"type": "string"}, "hours": {"type": "number"}}},
               "properties": {"until": {"type": ["string", "null"], "format": "date-time"},
                              "hours": {"type": ["number", "null"], "minimum": 0.01, "maximum": 8760}}},
    "Resolve": {"type": "object", "required": ["resolution"], "additionalProperties": False,
                "properties": {"resolution": {"type": "string", "enum": RESOLUTIONS},
                               "credited_amount": {"type": ["number", "null"], "minimum": 0, "maximum": 1e12},
                               "note": {"type": ["string", "null"], "maxLength": 2000}}},
    "Policy": {"type": "object", "properties": {"handling_cost": number, "escalate_min_severity": {"type": "string"},
                                                "escalate_min_amount": number, "write_off_max_amount": number,
                                                "write_off_max_share_of_open_balance": number}},
    "Health": {"type": "object", "required": ["status"],
               "properties": {"status": {"type": "string"}, "reason": {"type": "string"}, "lag": {"type": "integer"}}},
}


def json_body(schema):
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def action(summary, schema_name, conflicts=None):
    return {"post": {
        "summary": summary, "security": [{"bearer": []}], "parameters": [ID_PARAM],
        "requestBody": json_body(ref(schema_name)),
        "responses": {"200": ok(ref("Dispute")), **BODY_ERRORS, "404": error("No such dispute."),
                      **({"409": error(conflicts)} if conflicts else {})},
    }}


worklist_params = [
    {"name": "status", "in": "query", "schema": {"type": "string", "enum": STATUSES + ["all", ""]}},
    {"name": "subject", "in": "query", "schema": {"type": "string", "enum": SUBJECTS + [""]}},
    {"name": "min_severity", "in": "query", "schema": {"type": "string", "enum": SEVERITIES + [""]}},
    {"name": "action", "in": "query", "schema": {"type": "string", "enum": ACTIONS + [""]}},
    {"name": "assignee", "in": "query", "schema": {"type": "string"}},
    {"name": "customer", "in": "query", "schema": {"type": "string"}},
    {"name": "amount_min", "in": "query", "schema": {"type": "number", "minimum": 0}},
    {"name": "amount_max", "in": "query", "schema": {"type": "number", "minimum": 0}},
    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
    {"name": "cursor", "in": "query", "schema": {"type": "string"}},
]

paths = {
    "/v1/disputes": {"post": {
        "summary": "Score and store disputes (idempotent on the dispute id); results in input order.",
        "description": "Ids must be distinct within a batch (400 otherwise). A dispute whose id is already stored is returned as stored, not rescored, when it is the same dispute (a retry: the same text, and any fact, customer_id or invoices it gives equal to the stored ones; received_at may differ); another dispute under a stored id is a 409.",
        "security": [{"bearer": []}],
        "requestBody": json_body({"type": "array", "minItems": 1, "maxItems": 1000, "items": ref("DisputeInput")}),
        "responses": {"200": ok({"type": "object", "required": ["results"],
                                 "properties": {"results": {"type": "array", "items": ref("Result")}}}), **BODY_ERRORS,
                      "409": error("An id is already stored with another text, facts, customer or invoices.")},
    }},
    "/v1/disputes/{id}": {"get": {
        "summary": "One dispute with its current triage.", "security": [{"bearer": []}], "parameters": [ID_PARAM],
        "responses": {"200": ok(ref("Dispute")), **ERRORS, "404": error("No such dispute.")},
    }},
    "/v1/disputes/{id}/feedback": {"post": {
        "summary": "A collector's verdict: logged durably before the response, then applied to the model once.",
        "security": [{"bearer": []}],
        "parameters": [ID_PARAM, {"name": "Idempotency-Key", "in": "header", "required": True,
                                  "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[!-~]+$"}}],
        "requestBody": json_body(ref("FeedbackInput")),
        "responses": {"201": ok(ref("FeedbackAccepted"), "Logged"), "200": ok(ref("FeedbackAccepted"), "Already logged under this key"),
                      **BODY_ERRORS, "404": error("No such dispute."), "409": error("The key was used for another dispute or another verdict.")},
    }},
    "/v1/disputes/{id}/assign": action("Assign (or unassign with null).", "Assign"),
    "/v1/disputes/{id}/snooze": action(
        "Snooze until a future time or for some hours (default one day; a past time, or both, is a 400).", "Snooze",
        "The dispute is resolved."),
    "/v1/disputes/{id}/resolve": action("Resolve with a resolution code.", "Resolve"),
    "/v1/worklist": {"get": {
        "summary": "Open disputes by current priority, filtered, with cursor pagination.", "security": [{"bearer": []}],
        "description": "amount_min must not exceed amount_max (400 otherwise); cursor is the `next` of a previous page.",
        "parameters": worklist_params, "responses": {"200": ok(ref("Worklist")), **ERRORS},
    }},
    "/v1/feedback": {"get": {
        "summary": "The feedback log in order (admin).", "security": [{"bearer": []}],
        "parameters": [{"name": "after", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 9223372036854775807}},
                       {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}],
        "responses": {"200": ok(ref("FeedbackLog")), **ERRORS},
    }},
    "/v1/model": {"get": {
        "summary": "The live model: version, log position and weights fingerprint.", "security": [{"bearer": []}],
        "responses": {"200": ok(ref("Model")), **ERRORS},
    }},
    "/v1/admin/policy/reload": {"post": {
        "summary": "Reloads the action policy file (admin).", "security": [{"bearer": []}],
        "responses": {"200": ok(ref("Policy")), **ERRORS, "409": error("The desk has no policy file."),
                      "422": error("The policy file is invalid.")},
    }},
    "/health/live": {"get": {"summary": "The process is up.", "responses": {"200": ok(ref("Health"))}}},
    "/health/ready": {"get": {"summary": "The database answers and the model keeps up with the log.",
                              "responses": {"200": ok(ref("Health")), "503": ok(ref("Health"), "Not ready")}}},
    "/openapi.json": {"get": {"summary": "This document.", "responses": {"200": ok({"type": "object"})}}},
    "/metrics": {"get": {"summary": "Prometheus metrics.",
                         "responses": {"200": {"description": "Prometheus text format",
                                               "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
}

document = {
    "openapi": "3.1.0",
    "info": {"title": "DisputeTriage desk API", "version": "1.0.0",
             "description": "Scores invoice disputes, keeps the collectors' worklist and learns from their feedback."},
    "servers": [{"url": "http://127.0.0.1:8080"}],
    "paths": paths,
    "components": {"schemas": schemas,
                   "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                                  "description": "A token from DATA_DIR/admin.token or `triage-desk token create`."}}},
}

out = pathlib.Path(__file__).resolve().parent.parent / "Sources" / "DeskHTTP" / "openapi.json"
out.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")
print(f"wrote {out}")
