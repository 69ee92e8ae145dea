#!/usr/bin/env python3
"""The client side of kill_test.sh (standard library only).

  kill_client.py send   --base URL --token T --events 500 --kill-pid PID --kill-after N [--signal KILL|TERM] --state FILE
      posts the events concurrently (distinct Idempotency-Keys) and `kill -9`s (or SIGTERMs) the desk once
      N responses have come back; records every event's outcome (status or the transport error).
  kill_client.py verify --base URL --token T --admin-token A --state FILE --log-out FILE
      re-posts every event whose response was lost or not 2xx (same key, same body), then checks
      the log: every acknowledged event exactly once, with the seq it was acknowledged with;
      seq gapless; applied_seq == log_head; writes the log in `triage learn --feedback` JSONL form.
"""

import argparse
import concurrent.futures
import json
import os
import signal
import sys
import threading
import time
import urllib.error
import urllib.request


def call(base, token, method, path, body=None, headers=None, timeout=15):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Authorization", "Bearer " + token)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw or b"null")
        except ValueError:
            return error.code, raw.decode(errors="replace")


def post_event(base, token, event):
    try:
        status, body = call(base, token, "POST", f"/v1/disputes/{urllib.request.quote(event['dispute'], safe='')}/feedback",
                            event["body"], {"Idempotency-Key": event["key"]})
        return {"status": status, "body": body}
    except Exception as error:  # the response was lost: reset, refused, timeout
        return {"status": None, "error": f"{type(error).__name__}: {error}"}


def make_events(ids, count, run):
    subjects = ["pricing", "quantity", "damaged_goods", "documentation"]
    severities = ["low", "medium", "high", "critical"]
    events = []
    for i in range(count):
        body = {"urgent": i % 3 != 0}
        if i % 5 == 0:
            body["subject"] = subjects[(i // 5) % len(subjects)]
        if i % 7 == 0:
            body["severity"] = severities[(i // 7) % len(severities)]
        events.append({"i": i, "key": f"kill-{run}-{i:04d}", "dispute": ids[(i * 7) % len(ids)], "body": body})
    return events


def send(args):
    status, page = call(args.base, args.token, "GET", "/v1/worklist?limit=1000&status=all")
    if status != 200:
        sys.exit(f"GET /v1/worklist -> {status} {page}")
    ids = sorted(d["id"] for d in page["disputes"])
    # Labels must be ones the model knows: read them from the OpenAPI document.
    events = make_events(ids, args.events, args.run)
    _, doc = call(args.base, args.token, "GET", "/openapi.json")
    schemas = json.dumps(doc)
    for e in events:
        for field in ("subject", "severity"):
            if field in e["body"] and f'"{e["body"][field]}"' not in schemas:
                del e["body"][field]
    results = [None] * len(events)
    done = 0
    killed_at = None
    lock = threading.Lock()
    started = time.monotonic()

    def work(event):
        nonlocal done, killed_at
        outcome = post_event(args.base, args.token, event)
        outcome["t"] = round(time.monotonic() - started, 3)
        with lock:
            results[event["i"]] = outcome
            done += 1
            if killed_at is None and done >= args.kill_after:
                os.kill(args.kill_pid, getattr(signal, "SIG" + args.signal))
                killed_at = {"after_responses": done, "t": round(time.monotonic() - started, 3), "signal": args.signal}
                print(f"kill -{args.signal} {args.kill_pid} after {done} responses ({killed_at['t']} s)", flush=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        list(pool.map(work, events))
    ok = sum(1 for r in results if r["status"] is not None and 200 <= r["status"] < 300)
    lost = sum(1 for r in results if r["status"] is None)
    other = len(results) - ok - lost
    print(f"sent {len(events)} events with {args.concurrency} concurrent clients: {ok} acknowledged (2xx), "
          f"{lost} without a response, {other} other statuses; killed: {killed_at}")
    statuses = {}
    for r in results:
        key = str(r["status"]) if r["status"] is not None else r["error"].split(":")[0]
        statuses[key] = statuses.get(key, 0) + 1
    print(f"outcomes: {json.dumps(statuses, sort_keys=True)}")
    with open(args.state, "w") as f:
        json.dump({"events": events, "first": results, "killed": killed_at}, f)


def feedback_log(base, admin, page):
    events, after = [], 0
    while True:
        status, body = call(base, admin, "GET", f"/v1/feedback?after={after}&limit={page}")
        if status != 200:
            raise RuntimeError(f"GET /v1/feedback?after={after} -> {status} {body}")
        if not body["events"]:
            return events, body["log_head"]
        events.extend(body["events"])
        after = body["events"][-1]["seq"]


def verify(args):
    with open(args.state) as f:
        state = json.load(f)
    events, first = state["events"], state["first"]
    failures = []

    def check(ok, what):
        print(("PASS  " if ok else "FAIL  ") + what, flush=True)
        if not ok:
            failures.append(what)

    # Re-post what was not acknowledged, with the same key and body.
    retry = [e for e, r in zip(events, first) if r["status"] is None or not 200 <= r["status"] < 300]
    second = {}
    for e in retry:
        for _attempt in range(5):
            outcome = post_event(args.base, args.token, e)
            if outcome["status"] is not None:
                break
            time.sleep(1)
        second[e["key"]] = outcome
    re_ok = [k for k, r in second.items() if r["status"] is not None and 200 <= r["status"] < 300]
    already = [k for k, r in second.items() if r["status"] == 200 and isinstance(r["body"], dict) and r["body"].get("created") is False]
    print(f"re-posted {len(retry)} unacknowledged events: {len(re_ok)} now 2xx; {len(already)} of them had been logged "
          f"before the kill (200, created=false), {len(re_ok) - len(already)} logged now (201)")
    check(len(re_ok) == len(retry), "every re-posted event is acknowledged")
    bad = {k: r for k, r in second.items() if k not in re_ok}
    for k, r in list(bad.items())[:5]:
        print(f"      {k}: {r}")

    log, head = feedback_log(args.base, args.admin_token, args.page)
    seqs = [e["seq"] for e in log]
    check(seqs == list(range(1, len(seqs) + 1)), f"seq gapless 1..{len(seqs)} (log_head {head})")
    check(head == len(seqs), "log_head equals the number of events")
    by_key = {}
    for e in log:
        by_key.setdefault(e["idempotency_key"], []).append(e)
    dupes = {k: len(v) for k, v in by_key.items() if len(v) > 1}
    check(not dupes, f"every idempotency key is in the log once (duplicates: {len(dupes)})")
    acked_first = [(e, r) for e, r in zip(events, first) if r["status"] is not None and 200 <= r["status"] < 300]
    missing = [e["key"] for e, _ in acked_first if e["key"] not in by_key]
    check(not missing, f"every event acknowledged before the kill is in the log ({len(acked_first)} events; missing {len(missing)})")
    moved = [e["key"] for e, r in acked_first if e["key"] in by_key and by_key[e["key"]][0]["seq"] != r["body"].get("seq")]
    check(not moved, f"each acknowledged event kept the seq it was acknowledged with (mismatches: {len(moved)})")
    all_keys = {e["key"] for e in events}
    check(set(by_key) == all_keys, f"the log holds exactly the {len(all_keys)} events sent (log has {len(by_key)} keys)")
    wrong = []
    for e in events:
        logged = by_key.get(e["key"], [None])[0]
        if logged is None:
            continue
        fb = logged["feedback"]
        if (logged["dispute_id"] != e["dispute"] or fb.get("urgent") != e["body"]["urgent"]
                or fb.get("subject") != e["body"].get("subject") or fb.get("severity") != e["body"].get("severity")):
            wrong.append(e["key"])
    check(not wrong, f"every logged event carries what was posted (wrong: {len(wrong)})")

    model = None
    for _ in range(60):
        status, model = call(args.base, args.admin_token, "GET", "/v1/model")
        if status == 200 and model["applied_seq"] == model["log_head"]:
            break
        time.sleep(1)
    check(model["applied_seq"] == model["log_head"] == len(seqs), f"applied_seq == log_head == {len(seqs)} ({json.dumps(model)})")
    with open(args.log_out, "w") as f:
        for e in log:
            f.write(json.dumps(e["feedback"], ensure_ascii=False) + "\n")
    with open(args.model_out, "w") as f:
        json.dump(model, f)
    print(f"exported {len(log)} events to {args.log_out}")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("send")
    s.add_argument("--base", required=True)
    s.add_argument("--token", required=True)
    s.add_argument("--events", type=int, default=500)
    s.add_argument("--concurrency", type=int, default=16)
    s.add_argument("--kill-pid", type=int, required=True)
    s.add_argument("--kill-after", type=int, default=250)
    s.add_argument("--signal", choices=["KILL", "TERM"], default="KILL")
    s.add_argument("--run", default=str(int(time.time())))
    s.add_argument("--state", required=True)
    v = sub.add_parser("verify")
    v.add_argument("--base", required=True)
    v.add_argument("--token", required=True)
    v.add_argument("--admin-token", required=True)
    v.add_argument("--state", required=True)
    v.add_argument("--page", type=int, default=137)
    v.add_argument("--log-out", required=True)
    v.add_argument("--model-out", required=True)
    args = parser.parse_args()
    if args.command == "send":
        send(args)
        return 0
    return verify(args)


if __name__ == "__main__":
    sys.exit(main())
