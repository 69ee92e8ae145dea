#!/usr/bin/env python3
"""Security and bad-input audit of a running desk, as an attacker or a careless client would do it.

Usage: security_audit.py --base http://127.0.0.1:18480 --admin TOKEN --collector TOKEN --scorer TOKEN
       [--desk-bin triage-desk --store-args '--data-dir DIR'] (adds the token revocation cases)

Every case sends one request (or a few) and checks the answer: a 4xx with a JSON body for bad input,
401/403 where a token or role is missing, never a 5xx, never an unescaped piece of user text in a
page. Prints a Markdown table (case, request, status, first bytes, verdict) and exits 1 when any
case is a bug. Standard library only; every connection goes to the --base address.
"""

import argparse
import http.client
import json
import re
import shlex
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

ROWS = []


class Desk:
    def __init__(self, base):
        url = urllib.parse.urlparse(base)
        self.host, self.port = url.hostname, url.port or 80

    def request(self, method, path, body=None, headers=None, token=None, timeout=30):
        headers = dict(headers or {})
        if token is not None:
            headers["Authorization"] = "Bearer " + token
        if isinstance(body, str):
            body = body.encode()
        if body is not None and not any(k.lower() == "content-type" for k in headers):
            headers["Content-Type"] = "application/json"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            return response.status, dict((k.lower(), v) for k, v in response.getheaders()), data
        except (ConnectionError, http.client.HTTPException, socket.timeout) as error:
            return 0, {}, f"<{type(error).__name__}: {error}>".encode()
        finally:
            conn.close()

    def raw(self, payload, timeout=10):
        """Sends raw bytes, returns the raw answer (status line and all)."""
        with socket.create_connection((self.host, self.port), timeout=timeout) as s:
            s.sendall(payload)
            chunks = []
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    chunks.append(chunk)
                    if b"\r\n\r\n" in b"".join(chunks) and len(b"".join(chunks)) > 0:
                        # Enough to see the status and the start of the body.
                        time.sleep(0.2)
                        s.settimeout(0.5)
            except (socket.timeout, ConnectionResetError):
                pass
            return b"".join(chunks)


def short(data, n=70):
    text = data[:n].decode("utf-8", "replace").replace("|", "\\|").replace("\n", "⏎").replace("\r", "")
    return text + ("…" if len(data) > n else "")


def is_json(headers, data):
    if not headers.get("content-type", "").startswith("application/json"):
        return False
    try:
        json.loads(data)
        return True
    except ValueError:
        return False


def record(group, case, request, status, data, ok, note=""):
    ROWS.append((group, case, request, status, short(data), "ok" if ok else "**bug**", note))


def expect(desk, group, case, method, path, expected, body=None, headers=None, token=None, check=None, note=""):
    """One request; ok when the status is in `expected`, a 4xx/5xx answer is JSON and `check` passes."""
    status, response_headers, data = desk.request(method, path, body=body, headers=headers, token=token)
    ok = status in expected
    if ok and status >= 400 and method != "HEAD":
        ok = is_json(response_headers, data)
    if ok and check is not None:
        ok = check(status, response_headers, data)
    shown_path = path if len(path) < 60 else path[:57] + "…"
    shown_body = ""
    if body is not None:
        b = body if isinstance(body, bytes) else body.encode()
        shown_body = " " + (short(b, 40) if len(b) < 200 else f"<{len(b)} bytes>")
    record(group, case, f"{method} {shown_path}{shown_body}", status, data, ok, note)
    return status, response_headers, data


def refused_form(desk, group, case, path, body, headers, code, token=None):
    """A page form post the desk refuses: a 303 back to a page of this site whose query carries
    `error=<code>` (a fixed sentence on the page, never the API's JSON)."""
    status, response_headers, data = desk.request("POST", path, body=body, headers=headers, token=token)
    location = response_headers.get("location", "")
    ok = (status == 303 and location.startswith("/") and not location.startswith("//")
          and f"error={code}" in location and not is_json(response_headers, data))
    record(group, case, f"POST {path if len(path) < 40 else path[:37] + '…'} {short(body.encode(), 30)}", status,
           f"Location: {location}".encode(), ok)


def parallel(n, fn):
    """fn(0), …, fn(n-1) on n threads at once; their results in order."""
    results = [None] * n
    threads = [threading.Thread(target=lambda i=i: results.__setitem__(i, fn(i))) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def dispute(id_, text="We were billed twice for invoice 4471.", **extra):
    return dict({"id": id_, "text": text, "amount": 120.0}, **extra)


def flood(desk, wait=60):
    """Holds as many half-sent requests as this process may open (about the desk's file-descriptor limit
    when both run under the same ulimit) and checks that a new client is served again within `wait`
    seconds while the flood's sockets stay open: the server must close connections that never finish."""
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    sockets = []
    try:
        while len(sockets) < hard - 16:
            try:
                s = socket.create_connection((desk.host, desk.port), timeout=5)
                s.sendall(b"GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                sockets.append(s)
            except OSError:
                break
        held = len(sockets)
        started = time.monotonic()
        status, data = 0, b""
        while time.monotonic() - started < wait and status != 200:
            status, _, data = desk.request("GET", "/health/live", timeout=5)
            if status != 200:
                time.sleep(1)
        elapsed = time.monotonic() - started
        record("http", f"{held} half-sent requests held open (fd flood); another client", "GET /health/live",
               status, f"{'served' if status == 200 else 'not served'} after {elapsed:.0f} s".encode(),
               status == 200, "the idle timeout frees the flood's connections")
    finally:
        for s in sockets:
            s.close()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def v1_routes(did, run):
    """Every /v1 route: method, path, a valid body, extra headers, the roles allowed."""
    quoted = urllib.parse.quote(did, safe="")
    return [
        ("POST", "/v1/disputes", json.dumps([dispute(did + "-w")]), {}, {"scorer", "admin"}),
        ("POST", f"/v1/disputes/{quoted}/feedback", '{"urgent": true}', {"Idempotency-Key": "auth-" + run},
         {"collector", "admin"}),
        ("POST", f"/v1/disputes/{quoted}/assign", '{"assignee": "pat"}', {}, {"collector", "admin"}),
        ("POST", f"/v1/disputes/{quoted}/snooze", '{"hours": 1}', {}, {"collector", "admin"}),
        ("POST", f"/v1/disputes/{quoted}/resolve", '{"resolution": "credit_issued"}', {}, {"collector", "admin"}),
        ("POST", "/v1/admin/policy/reload", "{}", {}, {"admin"}),
        ("GET", f"/v1/disputes/{quoted}", None, {}, {"scorer", "collector", "admin"}),
        ("GET", "/v1/worklist", None, {}, {"collector", "admin"}),
        ("GET", "/v1/feedback", None, {}, {"admin"}),
        ("GET", "/v1/model", None, {}, {"collector", "admin"}),
    ]


def revocation(desk, tok, cli):
    """`triage-desk token revoke` against the running desk: a new admin token (`cli` is the command and
    its store options) is revoked while it holds a page session; from the next request on it opens no
    /v1 route and no page. Then the CLI's refusals: an unknown id, a second revocation, the last admin."""
    g = "revoke"
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    run = str(int(time.time()))
    did = "REV-" + run
    desk.request("POST", "/v1/disputes", json.dumps([dispute(did)]), token=tok["scorer"])

    def token_cli(*args):
        """Exit status (as the table's status column shows it) and output of `triage-desk token ARGS`."""
        done = subprocess.run([cli[0], "token", *args, *cli[1:]], capture_output=True, text=True, timeout=120)
        return f"exit {done.returncode}", (done.stdout + done.stderr).strip()

    code, out = token_cli("create", "--role", "admin", "--label", "audit victim " + run)
    victim = out.splitlines()[-1] if code == "exit 0" else ""
    # The secret stays out of the table.
    record(g, "token create --role admin", "token create", code, out.splitlines()[0].encode(), code == "exit 0")
    code, out = token_cli("list", "--json")
    listed = json.loads(out) if code == "exit 0" else []
    ids = [t["id"] for t in listed if t["label"] == "audit victim " + run]
    victim_id = ids[0] if ids else "?"
    record(g, "token list --json: the new token, no secret or hash", "token list --json", code, out[:70].encode(),
           code == "exit 0" and len(ids) == 1 and victim not in out and all("hash" not in t for t in listed))
    expect(desk, g, "before: GET /v1/feedback", "GET", "/v1/feedback", {200}, token=victim)
    status, headers, _ = desk.request("POST", "/login", body="token=" + victim, headers=form)
    session = {"Cookie": headers.get("set-cookie", "").split(";")[0]}
    status, _, page = desk.request("GET", "/", headers=session)
    csrf = re.search(rb'name="csrf" value="([^"]+)"', page)
    record(g, "before: the victim's session shows the worklist", "GET / (session)", status, page[:70],
           status == 200 and csrf is not None)

    code, out = token_cli("revoke", victim_id)
    record(g, "token revoke ID", "token revoke ID", code, out.encode(), code == "exit 0" and "revoked admin token" in out)

    def revoked_body(status, headers, data):
        body = json.loads(data)
        return body.get("error") == "unauthenticated" and body.get("reason") == "revoked token"

    for method, path, body, extra, _ in v1_routes(did, run):
        route = f"{method} {re.sub('REV-[0-9]+', '{id}', path)}"
        expect(desk, g, f"{route}: revoked token", method, path, {401}, body=body, headers=extra, token=victim,
               check=revoked_body)
    status, _, page = desk.request("GET", "/", headers=session)
    record(g, "the revoked token's session: GET / is the login page", "GET / (session)", status, page[:70],
           status == 200 and b'action="/login"' in page and b'name="csrf"' not in page)
    refused_form(desk, g, "the revoked token's session: form post (back to sign in)",
                 f"/disputes/{urllib.parse.quote(did)}/assign",
                 "assignee=x&csrf=" + (csrf.group(1).decode() if csrf else ""), {**session, **form}, "session")
    status, _, data = desk.request("POST", "/login", body="token=" + victim, headers=form)
    record(g, "POST /login with the revoked token", "POST /login token=<revoked>", status, data, status == 401)

    code, out = token_cli("revoke", victim_id)
    record(g, "token revoke ID again", "token revoke ID", code, out.encode(), code == "exit 0" and "already revoked" in out)
    code, out = token_cli("revoke", "no-such-id")
    record(g, "token revoke of an unknown id", "token revoke no-such-id", code, out.encode(),
           code == "exit 1" and "no token has the id" in out)
    admins = [t["id"] for t in listed if t["role"] == "admin" and t["revoked_at"] is None and t["id"] != victim_id]
    if len(admins) == 1:
        code, out = token_cli("revoke", admins[0])
        record(g, "token revoke of the last admin token, no --force", "token revoke ID", code, out[:70].encode(),
               code == "exit 1" and "last admin token" in out)
        expect(desk, g, "the last admin token still works", "GET", "/v1/feedback", {200}, token=tok["admin"])
    code, out = token_cli("list")
    line = next((l for l in out.splitlines() if l.startswith(victim_id)), "")
    record(g, "token list: the victim is revoked", "token list", code, line.encode(), code == "exit 0" and " revoked 20" in line)


def audit(desk, tok, fd_flood=False):
    admin, collector, scorer = tok["admin"], tok["collector"], tok["scorer"]
    key = {"Idempotency-Key": "audit-k1"}
    run = str(int(time.time()))
    did = "AUD-" + run
    status, _, data = desk.request("POST", "/v1/disputes", json.dumps([dispute(did)]), token=scorer)
    assert status == 200, (status, data)
    quoted = urllib.parse.quote(did, safe="")

    # --- Authentication and roles on every /v1 route.
    for method, path, body, extra, roles in v1_routes(did, run):
        route = f"{method} {re.sub('AUD-[0-9]+', '{id}', path)}"
        for label, auth in [
            ("no token", None),
            ("Basic scheme", "Basic YWRtaW46YWRtaW4="),
            ("'Bearer' with no token", "Bearer "),
            ("unknown token", "Bearer dtk_" + "0" * 64),
            ("admin token plus one character", "Bearer " + admin + "0"),
        ]:
            headers = dict(extra)
            if auth is not None:
                headers["Authorization"] = auth
            expect(desk, "auth", f"{route}: {label}", method, path, {401}, body=body, headers=headers)
        for role in ("scorer", "collector"):
            if role not in roles:
                expect(desk, "auth", f"{route}: {role} token", method, path, {403}, body=body, headers=extra,
                       token=tok[role])
    # RFC 7235: the scheme is case-insensitive, so a careless client's "bearer" still works.
    expect(desk, "auth", "GET /v1/model: scheme spelled 'bearer'", "GET", "/v1/model", {200},
           headers={"Authorization": "bearer " + collector})
    # A browser session cookie must not open the JSON API.
    status, headers, _ = desk.request("POST", "/login", body="token=" + collector,
                                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    cookie = headers.get("set-cookie", "")
    session = cookie.split(";")[0]
    record("auth", "POST /login with a collector token: cookie flags", "POST /login token=…", status,
           re.sub(r"desk_session=[^;]*", "desk_session=…", cookie).encode(),
           status == 302 and "HttpOnly" in cookie and "SameSite=Strict" in cookie)
    expect(desk, "auth", "session cookie alone on /v1/worklist", "GET", "/v1/worklist", {401},
           headers={"Cookie": session})
    expect(desk, "auth", "session cookie alone on POST /v1/disputes/{id}/assign", "POST",
           f"/v1/disputes/{quoted}/assign", {401}, body='{"assignee": "x"}', headers={"Cookie": session})
    status, _, data = desk.request("POST", "/login", body="token=" + scorer,
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})
    record("auth", "POST /login with a scorer token", "POST /login token=<scorer>", status, data, status == 403)
    status, _, data = desk.request("POST", "/login", body="token=dtk_nope",
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})
    record("auth", "POST /login with an unknown token", "POST /login token=dtk_nope", status, data, status == 401)
    # Refused page form posts come back to the page with a notice code (a 303), not the API's JSON.
    page_form = {"Cookie": session, "Content-Type": "application/x-www-form-urlencoded"}
    refused_form(desk, "auth", "page form post without CSRF token", f"/disputes/{quoted}/assign", "assignee=x",
                 page_form, "csrf")
    refused_form(desk, "auth", "page form post with a wrong CSRF token", f"/disputes/{quoted}/assign",
                 "assignee=x&csrf=abc", page_form, "csrf")
    refused_form(desk, "auth", "page form post with bearer token, no session", f"/disputes/{quoted}/assign",
                 "assignee=x", {"Content-Type": "application/x-www-form-urlencoded"}, "csrf", token=collector)
    refused_form(desk, "auth", "page form post with an expired/unknown session", f"/disputes/{quoted}/assign",
                 "assignee=x&csrf=abc",
                 {"Cookie": "desk_session=" + "0" * 64, "Content-Type": "application/x-www-form-urlencoded"}, "session")

    # --- Bodies of POST /v1/disputes.
    g = "body"
    P = "/v1/disputes"
    expect(desk, g, "malformed JSON", "POST", P, {400}, body="[{", token=scorer)
    expect(desk, g, "empty body", "POST", P, {400}, body="", token=scorer)
    expect(desk, g, "no body, no content type", "POST", P, {400}, token=scorer)
    expect(desk, g, "text/plain content type", "POST", P, {415}, body=json.dumps([dispute("ct")]),
           headers={"Content-Type": "text/plain"}, token=scorer)
    expect(desk, g, "form content type", "POST", P, {415}, body="id=1",
           headers={"Content-Type": "application/x-www-form-urlencoded"}, token=scorer)
    expect(desk, g, "body over 8 MiB", "POST", P, {413}, body="[" + " " * (8 << 20) + "]", token=scorer)
    expect(desk, g, "JSON nested 600 deep", "POST", P, {400}, body="[" * 600 + "]" * 600, token=scorer)
    expect(desk, g, "JSON nested 100,000 deep", "POST", P, {400}, body="[" * 100000 + "]" * 100000, token=scorer)
    expect(desk, g, "objects nested 100,000 deep", "POST", P, {400}, body='{"a":' * 100000 + "1" + "}" * 100000,
           token=scorer)
    expect(desk, g, "object instead of array", "POST", P, {400}, body=json.dumps(dispute("o")), token=scorer)
    expect(desk, g, "empty batch", "POST", P, {400}, body="[]", token=scorer)
    expect(desk, g, "batch of 1,001", "POST", P, {400},
           body=json.dumps([dispute(f"b{i}") for i in range(1001)]), token=scorer)
    expect(desk, g, "amount as a string", "POST", P, {400}, body=json.dumps([dispute("x", amount="12")]),
           token=scorer)
    expect(desk, g, "id as a number", "POST", P, {400}, body='[{"id": 7, "text": "t"}]', token=scorer)
    expect(desk, g, "text as an array", "POST", P, {400}, body='[{"id": "x", "text": ["t"]}]', token=scorer)
    expect(desk, g, "missing text", "POST", P, {400}, body='[{"id": "x"}]', token=scorer)
    expect(desk, g, "missing id", "POST", P, {400}, body='[{"text": "x"}]', token=scorer)
    expect(desk, g, "empty id", "POST", P, {400}, body='[{"id": "", "text": "x"}]', token=scorer)
    expect(desk, g, "unknown field", "POST", P, {400}, body=json.dumps([dispute("x", colour="red")]), token=scorer)
    expect(desk, g, "text over the limit (1.2 MB > 1 MiB)", "POST", P, {400}, body=json.dumps([dispute("x", "a " * 600000)]),
           token=scorer)
    expect(desk, g, "id of 10,000 bytes", "POST", P, {400}, body=json.dumps([dispute("i" * 10000)]), token=scorer)
    expect(desk, g, "NUL in text", "POST", P, {400}, body=json.dumps([dispute("x", "a\u0000b")]), token=scorer)
    expect(desk, g, "NUL in an invoice", "POST", P, {400},
           body=json.dumps([dispute("nul-inv-" + run, invoices=["INV\u00001"])]), token=scorer)
    expect(desk, g, "NUL in customer_id", "POST", P, {400}, body=json.dumps([dispute("x", customer_id="C\u0000")]),
           token=scorer)
    expect(desk, g, "invalid UTF-8 in a string", "POST", P, {400},
           body=b'[{"id": "u", "text": "bad \xff\xfe bytes"}]', token=scorer)
    expect(desk, g, "lone surrogate escape", "POST", P, {200, 400},
           body='[{"id": "sur-' + run + '", "text": "bad \\ud800 here"}]', token=scorer,
           note="400, or 200 with U+FFFD stored")
    expect(desk, g, "negative amount", "POST", P, {400}, body=json.dumps([dispute("x", amount=-5)]), token=scorer)
    expect(desk, g, "amount NaN", "POST", P, {400}, body='[{"id": "x", "text": "t", "amount": NaN}]', token=scorer)
    expect(desk, g, "amount 1e309", "POST", P, {400}, body='[{"id": "x", "text": "t", "amount": 1e309}]',
           token=scorer)
    expect(desk, g, "amount -1e309", "POST", P, {400}, body='[{"id": "x", "text": "t", "amount": -1e309}]',
           token=scorer)
    expect(desk, g, "amount 1e13", "POST", P, {400}, body='[{"id": "x", "text": "t", "amount": 1e13}]',
           token=scorer)
    expect(desk, g, "credit_score 101", "POST", P, {400}, body=json.dumps([dispute("x", credit_score=101)]),
           token=scorer)
    expect(desk, g, "days_past_due -1", "POST", P, {400}, body=json.dumps([dispute("x", days_past_due=-1)]),
           token=scorer)
    expect(desk, g, "amount true", "POST", P, {400}, body='[{"id": "x", "text": "t", "amount": true}]', token=scorer)
    expect(desk, g, "received_at 2026-02-30", "POST", P, {400},
           body=json.dumps([dispute("x", received_at="2026-02-30T00:00:00Z")]), token=scorer)
    expect(desk, g, "51 invoices", "POST", P, {400}, body=json.dumps([dispute("x", invoices=["i"] * 51)]),
           token=scorer)
    expect(desk, g, "duplicate ids in one batch", "POST", P, {400},
           body=json.dumps([dispute("dup"), dispute("dup")]), token=scorer)
    expect(desk, g, "id with a newline", "POST", P, {400}, body=json.dumps([dispute("a\nb")]), token=scorer)
    # Idempotency: the same id again returns the stored dispute.
    first = desk.request("POST", P, json.dumps([dispute("idem-" + run)]), token=scorer)
    second = desk.request("POST", P, json.dumps([dispute("idem-" + run)]), token=scorer)
    same = first[0] == second[0] == 200 and (json.loads(first[2])["results"][0]["prediction_id"]
                                             == json.loads(second[2])["results"][0]["prediction_id"])
    record(g, "same dispute posted twice", "POST /v1/disputes ×2 (same id, same body)", second[0], second[2], same)
    race = "race-" + run
    results = parallel(16, lambda i: desk.request("POST", P, json.dumps([dispute(race)]), token=scorer))
    ids = {json.loads(r[2])["results"][0]["prediction_id"] for r in results if r[0] == 200}
    stored = json.loads(desk.request("GET", "/v1/disputes/" + race, token=scorer)[2])["result"]["prediction_id"]
    record(g, "16 concurrent posts of one new id", "POST /v1/disputes ×16 (same new id)", results[0][0],
           f"prediction ids answered: {len(ids)}".encode(),
           all(r[0] == 200 for r in results) and ids == {stored}, "every answer is what was stored")
    expect(desk, g, "same id, different text", "POST", P, {409},
           body=json.dumps([dispute("idem-" + run, "A completely different complaint about freight.")]),
           token=scorer, note="a retry must match what was stored")

    # --- Ids in paths.
    g = "ids"
    for label, raw in [
        ("unknown id", "NOPE-" + run),
        ("path traversal ../", "..%2F..%2Fetc%2Fpasswd"),
        ("literal ../ segments", "../../etc/passwd"),
        ("SQL quote", "%27%20OR%20%271%27%3D%271"),
        ("NUL %00", "X%00"),
        ("invalid percent escape", "%ZZ"),
        ("invalid UTF-8 %FF", "%FF%FE"),
        ("id of 20,000 bytes", "i" * 20000),
    ]:
        expect(desk, g, f"GET {label}", "GET", f"/v1/disputes/{raw}", {404}, token=collector)
        expect(desk, g, f"feedback on {label}", "POST", f"/v1/disputes/{raw}/feedback", {404},
               body='{"urgent": true}', headers={"Idempotency-Key": "id-" + str(len(ROWS))}, token=collector)
        expect(desk, g, f"assign on {label}", "POST", f"/v1/disputes/{raw}/assign", {404}, body='{"assignee": "a"}',
               token=collector)
    # Percent-encoding round trip: an id that holds '%' and '/'.
    odd = f"odd/%41-{run}"
    desk.request("POST", P, json.dumps([dispute(odd)]), token=scorer)
    status, _, data = desk.request("GET", "/v1/disputes/" + urllib.parse.quote(odd, safe=""), token=collector)
    record(g, "id holding '/' and '%41' round-trips", "GET /v1/disputes/odd%2F%2541-…", status, data,
           status == 200 and json.loads(data).get("id") == odd)
    other = f"odd/A-{run}"
    status, _, data = desk.request("GET", "/v1/disputes/" + urllib.parse.quote(other, safe=""), token=collector)
    record(g, "no double decoding (odd/A- is another id)", "GET /v1/disputes/odd%2FA-…", status, data, status == 404)

    # --- Feedback.
    g = "feedback"
    F = f"/v1/disputes/{quoted}/feedback"
    expect(desk, g, "no Idempotency-Key", "POST", F, {400}, body='{"urgent": true}', token=collector)
    expect(desk, g, "empty Idempotency-Key", "POST", F, {400}, body='{"urgent": true}',
           headers={"Idempotency-Key": ""}, token=collector)
    expect(desk, g, "Idempotency-Key of 201 bytes", "POST", F, {400}, body='{"urgent": true}',
           headers={"Idempotency-Key": "k" * 201}, token=collector)
    expect(desk, g, "Idempotency-Key with a space", "POST", F, {400}, body='{"urgent": true}',
           headers={"Idempotency-Key": "a b"}, token=collector)
    expect(desk, g, "urgent as a string", "POST", F, {400}, body='{"urgent": "yes"}', headers=key, token=collector)
    expect(desk, g, "urgent missing", "POST", F, {400}, body="{}", headers=key, token=collector)
    expect(desk, g, "unknown subject", "POST", F, {400}, body='{"urgent": true, "subject": "<b>x</b>"}',
           headers=key, token=collector)
    expect(desk, g, "unknown field", "POST", F, {400}, body='{"urgent": true, "weight": 9}', headers=key,
           token=collector)
    expect(desk, g, "array body", "POST", F, {400}, body="[true]", headers=key, token=collector)
    k = {"Idempotency-Key": "fb-" + run}
    expect(desk, g, "first post", "POST", F, {201}, body='{"urgent": true}', headers=k, token=collector)
    expect(desk, g, "same key, same verdict (retry)", "POST", F, {200}, body='{"urgent": true}', headers=k,
           token=collector, check=lambda s, h, d: json.loads(d)["created"] is False)
    expect(desk, g, "same key, other verdict", "POST", F, {409}, body='{"urgent": false}', headers=k,
           token=collector)
    expect(desk, g, "same key, other dispute", "POST", "/v1/disputes/" + urllib.parse.quote("idem-" + run) +
           "/feedback", {409}, body='{"urgent": true}', headers=k, token=collector)

    # Concurrency: 16 posts with one key make one event; 16 with distinct keys make 16 consecutive seqs.
    same_key = {"Idempotency-Key": "race-" + run}
    results = parallel(16, lambda i: desk.request("POST", F, '{"urgent": false}', headers=same_key, token=collector))
    statuses = sorted(r[0] for r in results)
    seqs = {json.loads(r[2]).get("seq") for r in results if r[0] in (200, 201)}
    record(g, "16 concurrent posts, one key", "POST …/feedback ×16 same key", statuses[-1],
           f"statuses {statuses}".encode(), statuses.count(201) == 1 and statuses.count(200) == 15 and len(seqs) == 1)
    results = parallel(16, lambda i: desk.request("POST", F, '{"urgent": true}',
                                                  headers={"Idempotency-Key": f"par-{run}-{i}"}, token=collector))
    seqs = sorted(json.loads(r[2])["seq"] for r in results if r[0] == 201)
    record(g, "16 concurrent posts, 16 keys", "POST …/feedback ×16 keys", results[0][0],
           f"seqs {seqs[0] if seqs else '-'}..{seqs[-1] if seqs else '-'}".encode(),
           len(seqs) == 16 and seqs == list(range(seqs[0], seqs[0] + 16)))
    status, _, data = desk.request("GET", f"/v1/feedback?after={seqs[0] - 1}&limit=16", token=admin)
    logged = [e["seq"] for e in json.loads(data)["events"]] if status == 200 else []
    record(g, "every acknowledged event is in the log", "GET /v1/feedback?after=…", status, data, logged == seqs)

    # --- Status changes.
    g = "status"
    A, S, R = (f"/v1/disputes/{quoted}/{x}" for x in ("assign", "snooze", "resolve"))
    expect(desk, g, "assign blank", "POST", A, {400}, body='{"assignee": "   "}', token=collector)
    expect(desk, g, "assign 101 bytes", "POST", A, {400}, body=json.dumps({"assignee": "a" * 101}), token=collector)
    expect(desk, g, "assign a number", "POST", A, {400}, body='{"assignee": 5}', token=collector)
    expect(desk, g, "assign NUL", "POST", A, {400}, body='{"assignee": "a\\u0000"}', token=collector)
    expect(desk, g, "assign null (unassign)", "POST", A, {200}, body='{"assignee": null}', token=collector)
    expect(desk, g, "snooze until the past", "POST", S, {400}, body='{"until": "2001-01-01T00:00:00Z"}',
           token=collector)
    expect(desk, g, "snooze until not a date", "POST", S, {400}, body='{"until": "tomorrow"}', token=collector)
    expect(desk, g, "snooze hours 0", "POST", S, {400}, body='{"hours": 0}', token=collector)
    expect(desk, g, "snooze hours -5", "POST", S, {400}, body='{"hours": -5}', token=collector)
    expect(desk, g, "snooze hours 1e309", "POST", S, {400}, body='{"hours": 1e309}', token=collector)
    expect(desk, g, "snooze with both until and hours", "POST", S, {400},
           body='{"until": "2099-01-01T00:00:00Z", "hours": 2}', token=collector, note="which one wins is a guess")
    expect(desk, g, "resolve without resolution", "POST", R, {400}, body="{}", token=collector)
    expect(desk, g, "resolve unknown code", "POST", R, {400}, body='{"resolution": "burn_it"}', token=collector)
    expect(desk, g, "resolve credited -1", "POST", R, {400}, body='{"resolution": "credit_issued", '
           '"credited_amount": -1}', token=collector)
    expect(desk, g, "resolve credited 1e300", "POST", R, {400}, body='{"resolution": "credit_issued", '
           '"credited_amount": 1e300}', token=collector, note="amounts are bounded at 1e12 elsewhere")
    expect(desk, g, "resolve note 2,001 bytes", "POST", R, {400},
           body=json.dumps({"resolution": "credit_issued", "note": "n" * 2001}), token=collector)
    expect(desk, g, "resolve", "POST", R, {200}, body='{"resolution": "credit_issued", "credited_amount": 10}',
           token=collector)
    expect(desk, g, "snooze a resolved dispute", "POST", S, {409}, body='{"hours": 1}', token=collector,
           note="200 would claim a snooze that did not happen")
    # Concurrent assigns: every answer is a state that existed; the final state is one of them.
    results = parallel(8, lambda i: desk.request("POST", A, json.dumps({"assignee": f"c{i}"}), token=collector))
    final = json.loads(desk.request("GET", f"/v1/disputes/{quoted}", token=collector)[2]).get("assignee")
    record(g, "8 concurrent assigns", "POST …/assign ×8", results[0][0], f"final {final}".encode(),
           all(r[0] == 200 for r in results) and final in {f"c{i}" for i in range(8)})

    # --- Query parameters.
    g = "query"
    for q in ["limit=0", "limit=1001", "limit=abc", "amount_min=-1", "amount_min=NaN", "amount_min=1e309",
              "amount_min=5&amount_max=1", "status=bogus", "colour=red", "cursor=!!!",
              "cursor=" + urllib.parse.quote("AAAA"), "min_severity=%3Cscript%3E", "customer=C%00"]:
        expect(desk, g, f"worklist ?{q}", "GET", "/v1/worklist?" + q, {400}, token=collector)
    import base64
    nul_cursor = base64.urlsafe_b64encode(b"4059000000000000:a\x00b").decode().rstrip("=")
    expect(desk, g, "worklist cursor whose id holds NUL", "GET", "/v1/worklist?cursor=" + nul_cursor, {400},
           token=collector, note="PostgreSQL refuses U+0000")
    expect(desk, g, "worklist customer with SQL quote", "GET", "/v1/worklist?customer=%27%20OR%201%3D1%20--", {200},
           token=collector, check=lambda s, h, d: json.loads(d)["summary"]["count"] == 0)
    for q in ["after=-1", "after=abc", "after=9223372036854775808", "limit=0", "limit=1001", "x=1"]:
        expect(desk, g, f"feedback log ?{q}", "GET", "/v1/feedback?" + q, {400}, token=admin)

    # --- XSS: user text in every place the page shows it.
    g = "xss"
    payloads = {
        "script": "<script>alert(1)</script>",
        "img": '"><img src=x onerror=alert(1)>',
        "textarea": "</textarea><svg onload=alert(1)>",
        "quote": "' onmouseover='alert(1)",
        "js": "javascript:alert(1)",
    }
    xid = "X<script>alert(1)</script>-" + run
    body = [
        {"id": xid, "text": "Complaint " + " ".join(payloads.values()), "amount": 1,
         "customer_id": payloads["img"], "invoices": [payloads["textarea"], payloads["js"]]},
    ]
    status, _, data = desk.request("POST", P, json.dumps(body), token=scorer)
    record(g, "post a dispute full of markup", "POST /v1/disputes <payloads>", status, data, status == 200)
    desk.request("POST", "/v1/disputes/" + urllib.parse.quote(xid, safe="") + "/assign",
                 json.dumps({"assignee": payloads["quote"]}), token=collector)
    page_headers = {"Cookie": session}
    status, headers, html = desk.request(
        "GET", "/?status=all&limit=1000&customer=" + urllib.parse.quote(payloads["img"]), headers=page_headers)
    text = html.decode("utf-8", "replace")
    raw_hits = [name for name, p in payloads.items() if p in text and name != "js"]
    record(g, "worklist page escapes id, text, customer, invoices, assignee", "GET /?customer=<payload>", status,
           (", ".join(raw_hits) or "no raw payload").encode(), status == 200 and not raw_hits and xid[:8] not in text)
    record(g, "no javascript: URL in an href/src", "GET /", status, html,
           not re.search(r"(href|src|action)\s*=\s*[\"']?\s*javascript:", text, re.I))
    for name, value in [("flash", payloads["script"]), ("assignee", payloads["img"]), ("status", payloads["script"])]:
        status, _, html = desk.request("GET", f"/?{name}=" + urllib.parse.quote(value), headers=page_headers)
        record(g, f"page reflects ?{name}= escaped", f"GET /?{name}=<payload>", status, html,
               status == 200 and value not in html.decode("utf-8", "replace"))
    status, headers, html = desk.request("GET", "/", headers=page_headers)
    csp = headers.get("content-security-policy", "")
    record(g, "page headers: CSP default-src 'none', frame-ancestors, nosniff", "GET /", status,
           f"CSP: {csp}".encode(),
           "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
           and headers.get("x-content-type-options") == "nosniff")
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', text).group(1)
    form = {"Cookie": session, "Content-Type": "application/x-www-form-urlencoded"}
    for label, ret in [("CR LF", "a=1\r\nSet-Cookie: evil=1"), ("//host", "//evil.example/x"),
                       ("absolute URL", "https://evil.example/")]:
        status, headers, data = desk.request(
            "POST", f"/disputes/{quoted}/snooze", headers=form,
            body=urllib.parse.urlencode({"csrf": csrf, "return": ret}))
        location = headers.get("location", "")
        record(g, f"form 'return' with {label} stays on this site", "POST /disputes/{id}/snooze return=…", status,
               f"Location: {location}".encode(),
               status in (303, 409) and (status == 409 or location.startswith("/?")) and "evil=1" not in
               headers.get("set-cookie", ""))
    # The dispute page: the same text in full, its forms coming back to it, its own way back.
    xpath = "/disputes/" + urllib.parse.quote(xid, safe="")
    status, headers, html = desk.request("GET", xpath, headers=page_headers)
    text = html.decode("utf-8", "replace")
    raw_hits = [name for name, p in payloads.items() if p in text and name != "js"]
    csp = headers.get("content-security-policy", "")
    record(g, "dispute page escapes id, text, customer, invoices, assignee", "GET /disputes/{markup id}", status,
           (", ".join(raw_hits) or "no raw payload").encode(),
           status == 200 and not raw_hits and xid[:8] not in text and "default-src 'none'" in csp
           and headers.get("x-content-type-options") == "nosniff")
    for name, value in [("flash", payloads["script"]), ("return", "//evil.example/x"),
                        ("return", "status=" + payloads["img"])]:
        status, _, html = desk.request("GET", f"{xpath}?{name}=" + urllib.parse.quote(value, safe=""),
                                       headers=page_headers)
        text = html.decode("utf-8", "replace")
        back = re.search(r'<a href="([^"]*)" id="back"', text)
        record(g, f"dispute page reflects ?{name}= escaped, its way back stays on this site",
               f"GET /disputes/{{id}}?{name}=<payload>", status, (back.group(1) if back else "no back link").encode(),
               status == 200 and value not in text and back is not None and back.group(1).startswith("/")
               and not back.group(1).startswith("//"))
    for label, ret in [("CR LF", "a=1\r\nSet-Cookie: evil=1"), ("//host", "//evil.example/x")]:
        status, headers, data = desk.request(
            "POST", f"/disputes/{quoted}/assign", headers=form,
            body=urllib.parse.urlencode({"csrf": csrf, "return": ret, "back": "dispute", "assignee": "a"}))
        location = headers.get("location", "")
        record(g, f"form 'return' with {label} and back=dispute stays on this site",
               "POST /disputes/{id}/assign back=dispute return=…", status, f"Location: {location}".encode(),
               status == 303 and location.startswith("/disputes/") and "evil" not in location
               and "evil=1" not in headers.get("set-cookie", ""))
    status, headers, html = desk.request("GET", "/disputes/" + urllib.parse.quote(payloads["script"], safe=""),
                                         headers=page_headers)
    record(g, "dispute page of an unknown markup id: 404 page, escaped", "GET /disputes/<script>", status, html[:70],
           status == 404 and headers.get("content-type", "").startswith("text/html")
           and payloads["script"].encode() not in html)
    # Sign-in's `next`: only this site's own pages; everything else lands on the worklist.
    login_form = {"Content-Type": "application/x-www-form-urlencoded"}
    for label, nxt in [("absolute URL", "https://evil.example/"), ("//host", "//evil.example/x"),
                       ("/\\host", "/\\evil.example"), ("encoded //", "/%2F%2Fevil.example"),
                       ("CR LF", "/disputes/x\r\nSet-Cookie: evil=1"), ("dot segments", "/disputes/x/../../v1/worklist"),
                       ("javascript:", "javascript:alert(1)"), ("/v1 route", "/v1/feedback")]:
        status, headers, data = desk.request(
            "POST", "/login", headers=login_form, body=urllib.parse.urlencode({"token": collector, "next": nxt}))
        location = headers.get("location", "")
        record(g, f"sign-in 'next' with {label} lands on the worklist", "POST /login next=…", status,
               f"Location: {location}".encode(), status == 302 and location == "/")
    status, headers, data = desk.request(
        "POST", "/login", headers=login_form,
        body=urllib.parse.urlencode({"token": collector, "next": xpath + "?return=status%3Dopen"}))
    location = headers.get("location", "")
    record(g, "sign-in 'next' of a dispute page returns there", "POST /login next=/disputes/{markup id}", status,
           f"Location: {location}".encode(), status == 302 and location == xpath + "?return=status%3Dopen")
    status, _, html = desk.request("GET", xpath + "?return=" + urllib.parse.quote("status=" + payloads["img"]),
                                   headers={})
    text = html.decode("utf-8", "replace")
    nxt = re.search(r'name="next" value="([^"]*)"', text)
    record(g, "signed-out dispute page: sign-in carries 'next', escaped", "GET /disputes/{markup id} (signed out)",
           status, (nxt.group(1) if nxt else "no next").encode(),
           status == 200 and nxt is not None and nxt.group(1).startswith("/disputes/") and payloads["img"] not in text)
    for name, value in [("error", payloads["script"]), ("error", "Your account is locked")]:
        status, _, html = desk.request("GET", f"/?{name}=" + urllib.parse.quote(value), headers=page_headers)
        record(g, "page ignores ?error= that is not a notice code", "GET /?error=<text>", status, html[:70],
               status == 200 and value.encode() not in html and b'class="error"' not in html)
    status, headers, _ = desk.request("GET", "/", headers={})
    record(g, "login page headers", "GET / (signed out)", status, headers.get("content-security-policy", "").encode(),
           "default-src 'none'" in headers.get("content-security-policy", ""))
    for path, tkn in [("/v1/worklist", collector), ("/v1/nope<script>", None), ("/health/live", None)]:
        status, headers, data = desk.request("GET", path, token=tkn)
        record(g, f"JSON answer of {path} has nosniff", f"GET {path}", status,
               ("nosniff" if headers.get("x-content-type-options") == "nosniff" else "no X-Content-Type-Options")
               .encode(), headers.get("x-content-type-options") == "nosniff"
               and headers.get("content-type", "").startswith("application/json"))

    # --- HTTP level.
    g = "http"
    expect(desk, g, "unknown route", "GET", "/nope", {404})
    expect(desk, g, "unknown /v1 route", "GET", "/v1/nope", {404, 401})
    expect(desk, g, "DELETE /v1/disputes/{id}", "DELETE", f"/v1/disputes/{quoted}", {405}, token=admin,
           check=lambda s, h, d: "allow" in h)
    expect(desk, g, "PUT /v1/worklist", "PUT", "/v1/worklist", {405}, body="{}", token=admin)
    expect(desk, g, "GET /v1/disputes (POST only)", "GET", "/v1/disputes", {405}, token=admin)
    expect(desk, g, "PATCH /login", "PATCH", "/login", {405})
    expect(desk, g, "OPTIONS /v1/disputes", "OPTIONS", "/v1/disputes", {204, 405}, token=admin)
    expect(desk, g, "HEAD /health/live", "HEAD", "/health/live", {200})
    expect(desk, g, "HEAD /v1/worklist", "HEAD", "/v1/worklist", {200}, token=collector)
    expect(desk, g, "trailing slash /v1/worklist/", "GET", "/v1/worklist/", {200, 404}, token=collector)
    expect(desk, g, "URL of 100,000 bytes", "GET", "/v1/worklist?assignee=" + "a" * 100000, {431},
           token=collector, note="the HTTP parser's 80 KiB limit: JSON 431, then close")
    expect(desk, g, "header of 100,000 bytes", "GET", "/health/live", {431},
           headers={"X-Big": "b" * 100000}, note="the same limit")

    def raw_case(case, shown, payload, statuses):
        """A raw request the parser rejects: ok when the (last) answer has one of `statuses` and a JSON body."""
        answer = desk.raw(payload)
        # The last status line (an answer may follow another on the connection, right after its body).
        last = ([m.start() for m in re.finditer(rb"HTTP/1\.1 [0-9]{3} ", answer)] or [0])[-1]
        head, _, body = answer[last:].partition(b"\r\n\r\n")
        status = int(head[9:12]) if head[9:12].isdigit() else 0
        headers = dict(line.decode("latin-1").lower().split(": ", 1) for line in head.split(b"\r\n")[1:]
                       if b": " in line)
        record(g, case, shown, status, answer[last:], status in statuses and is_json(headers, body))

    raw_case("bad Content-Length", "raw: Content-Length: abc",
             b"GET /health/live HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", {400})
    raw_case("unknown method BREW", "raw: BREW /health/live", b"BREW /health/live HTTP/1.1\r\nHost: x\r\n\r\n", {501})
    raw_case("both Transfer-Encoding and Content-Length", "raw: TE + CL",
             b"GET /health/live HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
             {400})
    raw_case("HTTP/9.9", "raw: GET / HTTP/9.9", b"GET /health/live HTTP/9.9\r\nHost: x\r\n\r\n", {400})
    raw_case("a malformed chunk in a body the route reads", "raw: POST /v1/disputes, chunk size zz",
             b"POST /v1/disputes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + scorer.encode()
             + b"\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n[{\"id\r\nzz\r\n", {400})
    # A chunked body over the limit.
    chunk = b"[" + b" " * (1 << 20)
    payload = (b"POST /v1/disputes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + scorer.encode()
               + b"\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
    for _ in range(9):
        payload += f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
        chunk = b" " * (1 << 20)
    payload += b"0\r\n\r\n"
    answer = desk.raw(payload, timeout=30)
    record(g, "chunked body over 8 MiB", "raw: chunked 9 MiB", 0, answer, answer.startswith(b"HTTP/1.1 413"))

    # Slow clients: 200 connections that send half a request and stay; others must still be served.
    sockets = []
    for _ in range(200):
        s = socket.create_connection((desk.host, desk.port), timeout=5)
        s.sendall(b"POST /v1/disputes HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n[")
        sockets.append(s)
    started = time.monotonic()
    status, _, data = desk.request("GET", "/health/live", timeout=5)
    elapsed = time.monotonic() - started
    record(g, "200 half-sent requests held open; another client", "GET /health/live", status,
           f"{elapsed * 1000:.0f} ms".encode(), status == 200 and elapsed < 2)
    for s in sockets:
        s.close()
    sockets = []
    for _ in range(50):
        s = socket.create_connection((desk.host, desk.port), timeout=5)
        s.sendall(b"GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        sockets.append(s)
    for _ in range(3):
        time.sleep(1)
        for s in sockets:
            try:
                s.sendall(b"a")
            except OSError:
                pass
    status, _, data = desk.request("GET", "/health/live", timeout=5)
    record(g, "50 slowloris header dribblers; another client", "GET /health/live", status, data, status == 200)
    for s in sockets:
        s.close()
    if fd_flood:
        flood(desk)
    status, _, data = desk.request("GET", "/health/ready")
    record(g, "still ready after the audit", "GET /health/ready", status, data, status == 200)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:18480")
    parser.add_argument("--admin", required=True)
    parser.add_argument("--collector", required=True)
    parser.add_argument("--scorer", required=True)
    parser.add_argument("--fd-flood", action="store_true",
                        help="also hold ~ulimit -n half-sent requests open (takes up to a minute)")
    parser.add_argument("--desk-bin", help="triage-desk, to revoke a token while the desk runs")
    parser.add_argument("--store-args", default="",
                        help="the store options of that desk for `token` commands, e.g. '--data-dir DIR'")
    args = parser.parse_args()
    desk = Desk(args.base)
    tok = {"admin": args.admin, "collector": args.collector, "scorer": args.scorer}
    audit(desk, tok, args.fd_flood)
    if args.desk_bin:
        revocation(desk, tok, [args.desk_bin, *shlex.split(args.store_args)])
    print("| group | case | request | status | first bytes | verdict | note |")
    print("|---|---|---|---|---|---|---|")
    for row in ROWS:
        group, case, request, status, first, verdict, note = row
        print(f"| {group} | {case} | `{request.replace('|', '%7C')}` | {status or '—'} | `{first}` | {verdict} | {note} |")
    bugs = sum(1 for r in ROWS if r[5] != "ok")
    print(f"\n{len(ROWS)} cases, {bugs} bugs")
    return 1 if bugs else 0


if __name__ == "__main__":
    sys.exit(main())
