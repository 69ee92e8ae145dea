#!/usr/bin/env python3
"""The client side of replica_proof.sh (standard library only; reuses kill_client.py's helpers).

  replica_client.py stream --bases URL,URL,URL --token COLLECTOR --scorer-token T --seed FILE --events 5000
                           --state FILE --progress FILE [--retry-share 0.1] [--concurrency 12]
      streams feedback events over the replicas (event i goes first to replica i mod n; a request that
      fails — no response, or a 5xx — is retried on the next replica with the same Idempotency-Key and
      body, with backoff, until it gets a 2xx or the deadline passes); a share of the acknowledged
      events is posted once more, on another replica, with the same key (it must come back 200,
      created=false, with the same seq). Meanwhile: scoring traffic (POST /v1/disputes batches of new
      disputes, round robin) and a sampler that reads GET /v1/model and GET /health/ready on every
      replica every ~200 ms. Writes the number of acknowledged events to --progress as it goes (the
      shell script schedules its faults on it) and everything to --state at the end.
  replica_client.py verify --bases … --admin-token A --state FILE --log-out FILE --model-out FILE
      waits until every replica shows applied_seq == log_head and the same weights_sha256 (the time
      from the last acknowledged event to that moment is the convergence time), then checks the log:
      exactly the acknowledged events, once each, with the seq each was acknowledged with, gapless;
      prints the lag p50/p99 from the samples; writes the log in `triage learn --feedback` JSONL form.
"""

import argparse
import faulthandler
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kill_client import call, feedback_log, make_events  # noqa: E402


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    k = min(len(values) - 1, max(0, int(round(p / 100 * len(values) + 0.5)) - 1))
    return values[k]


def post_feedback(base, token, event, timeout):
    path = f"/v1/disputes/{urllib.request.quote(event['dispute'], safe='')}/feedback"
    try:
        status, body = call(base, token, "POST", path, event["body"], {"Idempotency-Key": event["key"]}, timeout=timeout)
        return status, body, None
    except Exception as error:  # no response: refused, reset, timeout
        return None, None, f"{type(error).__name__}: {error}"


def write_atomic(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def log_head_from_database(command):
    """The log head read straight from PostgreSQL (`command` prints one integer), or None."""
    try:
        out = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=10)
        return int(out.stdout.strip()) if out.returncode == 0 else None
    except (subprocess.SubprocessError, ValueError):
        return None


def applied_from_metrics(base):
    """desk_model_applied_seq from GET /metrics (kept current by the learner; no model hash involved)."""
    request = urllib.request.Request(base + "/metrics")
    with urllib.request.urlopen(request, timeout=30) as response:
        for line in response.read().decode().splitlines():
            if line.startswith("desk_model_applied_seq "):
                return int(float(line.split()[1]))
    return None


class Sampler(threading.Thread):
    """Samples one replica's lag every `interval` seconds, and /health/ready every `ready_every`-th time.

    source "model": log_head and applied_seq from GET /v1/model (the issue's method).
    source "metrics": applied_seq from GET /metrics and log_head from the database (`head_command`),
    because /v1/model (and /health/ready) hash the whole model after every change (see
    REPLICA_FINDINGS.md): sampled every 200 ms during a stream that hashing takes the machine.
    One request in flight per replica (long timeouts, never a second request while the first is
    still being answered), so the sampler cannot pile up work on the replica it measures."""

    def __init__(self, index, base, token, interval, ready_every, source, head_command, stop):
        super().__init__(daemon=True)
        self.index, self.base, self.token, self.interval, self.ready_every = index, base, token, interval, ready_every
        self.source, self.head_command, self.stop = source, head_command, stop
        self.samples = []

    def run(self):
        n = 0
        while not self.stop.is_set():
            t = time.time()
            sample = {"t": round(t, 3), "replica": self.index}
            try:
                if self.source == "model":
                    status, body = call(self.base, self.token, "GET", "/v1/model", timeout=60)
                    if status == 200:
                        sample.update(applied=body["applied_seq"], head=body["log_head"])
                    else:
                        sample["model_status"] = status
                else:
                    applied = applied_from_metrics(self.base)
                    head = log_head_from_database(self.head_command)
                    if applied is not None and head is not None:
                        sample.update(applied=applied, head=head)
            except Exception as error:
                sample["model_error"] = type(error).__name__
            sample["ms"] = round((time.time() - t) * 1000, 1)
            if self.ready_every and n % self.ready_every == 0:
                try:
                    status, body = call(self.base, self.token, "GET", "/health/ready", timeout=60)
                    sample["ready"] = status == 200
                    if status != 200 and isinstance(body, dict):
                        sample["ready_reason"] = body.get("reason")
                except Exception as error:
                    sample["ready"] = None
                    sample["ready_error"] = type(error).__name__
            n += 1
            self.samples.append(sample)
            self.stop.wait(max(0.0, self.interval - (time.time() - t)))


def scoring_traffic(bases, token, seed, batch, rate, run, stop, stats):
    """Batches of new disputes (ids unique to this run), round robin over the replicas, at most `rate` batches/s."""
    templates = []
    for line in open(seed):
        if line.strip():
            d = json.loads(line)
            templates.append({k: d[k] for k in ("text", "amount", "customer_value", "open_balance", "credit_score", "days_past_due") if k in d})
    n = 0
    while not stop.is_set():
        t = time.time()
        disputes = []
        for j in range(batch):
            d = dict(templates[(n * batch + j) % len(templates)])
            d["id"] = f"RS-{run}-{n}-{j}"
            d["amount"] = round(d["amount"] * (1 + ((n * batch + j) % 17) / 100), 2)
            disputes.append(d)
        base = bases[n % len(bases)]
        try:
            status, body = call(base, token, "POST", "/v1/disputes", disputes, timeout=15)
            results = body.get("results") if isinstance(body, dict) else body
            ok = status == 200 and isinstance(results, list) and len(results) == batch
            stats["ok" if ok else "bad"] += 1
            if not ok:
                stats.setdefault("bad_statuses", {}).setdefault(str(status), 0)
                stats["bad_statuses"][str(status)] += 1
            else:
                stats["latency_ms"].append(round((time.time() - t) * 1000, 1))
        except Exception as error:
            stats["failed"] += 1
            stats.setdefault("errors", {}).setdefault(type(error).__name__, 0)
            stats["errors"][type(error).__name__] += 1
        n += 1
        stop.wait(max(0.0, 1.0 / rate - (time.time() - t)))


def stream(args):
    bases = args.bases.split(",")
    status, page = call(bases[0], args.token, "GET", "/v1/worklist?limit=1000&status=all")
    if status != 200:
        sys.exit(f"GET /v1/worklist -> {status} {page}")
    ids = sorted(d["id"] for d in page["disputes"] if not d["id"].startswith("RS-"))
    events = make_events(ids, args.events, args.run)
    _, doc = call(bases[0], args.token, "GET", "/openapi.json")
    schemas = json.dumps(doc)
    for e in events:
        e["key"] = f"rep-{args.run}-{e['i']:05d}"
        for field in ("subject", "severity"):
            if field in e["body"] and f'"{e["body"][field]}"' not in schemas:
                del e["body"][field]
    # Every 10th event (for --retry-share 0.1) is posted again after its 2xx, on another replica.
    every = max(1, round(1 / args.retry_share)) if args.retry_share > 0 else 0
    stop = threading.Event()
    samplers = [Sampler(i, b, args.token, args.sample_interval, args.ready_every, args.lag_source, args.head_command, stop)
                for i, b in enumerate(bases)]
    for s in samplers:
        s.start()
    score_stats = {"ok": 0, "bad": 0, "failed": 0, "latency_ms": []}
    scorer = threading.Thread(target=scoring_traffic, daemon=True,
                              args=(bases, args.scorer_token, args.seed, args.score_batch, args.score_rate, args.run, stop, score_stats))
    scorer.start()

    outcomes = [None] * len(events)
    lock = threading.Lock()
    next_index = [0]
    acked = [0]
    started = time.time()

    def attempt_until_2xx(event, first_replica, record):
        """Posts `event`, moving to the next replica after each failure; appends every attempt to `record`."""
        deadline = time.time() + args.event_deadline
        replica, pause = first_replica, 0.1
        while True:
            t = time.time()
            status, body, error = post_feedback(bases[replica], args.token, event, args.timeout)
            record.append({"replica": replica, "status": status, "error": error, "t": round(t - started, 3),
                           "ms": round((time.time() - t) * 1000, 1),
                           "seq": body.get("seq") if isinstance(body, dict) else None,
                           "created": body.get("created") if isinstance(body, dict) else None,
                           "reason": None if status is None or 200 <= status < 300 else body})
            if status is not None and 200 <= status < 300:
                return replica, body
            if status is not None and 400 <= status < 500 and status not in (408, 429):
                return None, body  # a client error: retrying cannot help
            if time.time() > deadline:
                return None, None
            replica = (replica + 1) % len(bases)
            time.sleep(pause)
            pause = min(pause * 2, 2.0)

    def worker():
        while True:
            with lock:
                i = next_index[0]
                # The time bound: no new event after --max-seconds (those already started finish).
                if i >= len(events) or time.time() - started > args.max_seconds:
                    return
                next_index[0] += 1
            event = events[i]
            attempts = []
            replica, body = attempt_until_2xx(event, i % len(bases), attempts)
            outcome = {"attempts": attempts, "acked": replica is not None}
            if replica is not None:
                outcome.update(seq=body["seq"], ack_time=time.time())
                if every and i % every == every - 1:
                    # The duplicate post, on another replica, with the same key and body.
                    dup = []
                    attempt_until_2xx(event, (replica + 1) % len(bases), dup)
                    outcome["duplicate"] = dup
            outcomes[i] = outcome
            with lock:
                if replica is not None:
                    acked[0] += 1
                    if acked[0] % 50 == 0:
                        write_atomic(args.progress, str(acked[0]))

    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    write_atomic(args.progress, str(acked[0]))
    finished = time.time()
    converged_at, models = wait_converged(bases, args.token, args.converge_timeout)
    stop.set()
    scorer.join(20)
    for s in samplers:
        s.join(5)

    sent = next_index[0]
    events, outcomes = events[:sent], outcomes[:sent]
    if sent < args.events:
        print(f"WARN  the time bound ({args.max_seconds:.0f} s) stopped the stream after {sent} of {args.events} events")
    ok = sum(1 for o in outcomes if o["acked"])
    retried = sum(1 for o in outcomes if len(o["attempts"]) > 1)
    statuses = {}
    for o in outcomes:
        for a in o["attempts"]:
            k = str(a["status"]) if a["status"] is not None else a["error"].split(":")[0]
            statuses[k] = statuses.get(k, 0) + 1
    dups = sum(1 for o in outcomes if "duplicate" in o)
    elapsed = finished - started
    print(f"streamed {len(events)} feedback events over {len(bases)} replicas with {args.concurrency} clients in {elapsed:.1f} s "
          f"({ok / elapsed:.1f} acknowledged/s): {ok} acknowledged, {len(events) - ok} never; {retried} needed a retry on another "
          f"replica; {dups} posted twice (same key) after their 2xx")
    print(f"feedback attempts by outcome: {json.dumps(statuses, sort_keys=True)}")
    lat = score_stats["latency_ms"]
    print(f"scoring traffic during the stream: {score_stats['ok']} batches of {args.score_batch} scored "
          f"({score_stats['ok'] * args.score_batch} disputes, {score_stats['ok'] / elapsed:.2f} batches/s), {score_stats['bad']} non-2xx "
          f"{json.dumps(score_stats.get('bad_statuses', {}))}, {score_stats['failed']} without a response "
          f"{json.dumps(score_stats.get('errors', {}))}; latency p50 {percentile(lat, 50)} ms, p99 {percentile(lat, 99)} ms")
    score_stats["latency_ms"] = {"p50": percentile(lat, 50), "p99": percentile(lat, 99), "n": len(lat)}
    with open(args.state, "w") as f:
        json.dump({"events": events, "outcomes": outcomes, "started": started, "finished": finished,
                   "samples": [x for s in samplers for x in s.samples], "scoring": score_stats, "bases": bases,
                   "lag_source": args.lag_source, "convergence": {"at": converged_at, "models": models, "timeout": args.converge_timeout}}, f)
    return 0


def wait_converged(bases, token, timeout):
    """Polls GET /v1/model on every replica every 100 ms until all show applied_seq == log_head (one head)
    and one weights_sha256; returns (time or None, the last answers)."""
    models = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        models = []
        for b in bases:
            try:
                status, body = call(b, token, "GET", "/v1/model", timeout=60)
                models.append(body if status == 200 else {"status": status, "body": body})
            except Exception as error:
                models.append({"error": f"{type(error).__name__}: {error}"})
        if all("applied_seq" in m for m in models):
            if (len({m["log_head"] for m in models}) == 1 and all(m["applied_seq"] == m["log_head"] for m in models)
                    and len({m["weights_sha256"] for m in models}) == 1):
                return time.time(), models
        time.sleep(0.1)
    return None, models


def verify(args):
    with open(args.state) as f:
        state = json.load(f)
    bases = args.bases.split(",")
    events, outcomes = state["events"], state["outcomes"]
    failures = []

    def check(ok, what):
        print(("PASS  " if ok else "FAIL  ") + what, flush=True)
        if not ok:
            failures.append(what)

    # Convergence (measured by `stream` right after the last event), then the state now.
    last_ack = max(o["ack_time"] for o in outcomes if o["acked"])
    conv = state["convergence"]
    if conv["at"] is not None:
        print(f"convergence: all {len(bases)} replicas at applied_seq {conv['models'][0]['applied_seq']} with the same weights "
              f"{max(0.0, conv['at'] - last_ack):.2f} s after the last acknowledged event (polled every 100 ms)")
    check(conv["at"] is not None, f"all replicas converged after the stream (same applied_seq == log_head, same weights_sha256) "
          f"within {conv['timeout']} s")
    converged_at, models = wait_converged(bases, args.admin_token, args.converge_timeout)
    for i, m in enumerate(models):
        print(f"      replica {i + 1} ({bases[i]}): {json.dumps(m)}")
    check(converged_at is not None, "all replicas still show the same applied_seq == log_head and weights_sha256 at the check")

    # The log against what was acknowledged.
    never = [e["key"] for e, o in zip(events, outcomes) if not o["acked"]]
    check(not never, f"every event got a 2xx in the end ({len(never)} did not)")
    for k in never[:5]:
        o = outcomes[[e["key"] for e in events].index(k)]
        print(f"      {k}: {o['attempts'][-3:]}")
    log, head = feedback_log(bases[0], args.admin_token, args.page)
    seqs = [e["seq"] for e in log]
    check(seqs == list(range(1, len(seqs) + 1)), f"seq gapless 1..{len(seqs)}")
    check(head == len(seqs), f"log_head ({head}) equals the number of events")
    by_key = {}
    for e in log:
        by_key.setdefault(e["idempotency_key"], []).append(e)
    dupes = {k: len(v) for k, v in by_key.items() if len(v) > 1}
    check(not dupes, f"every idempotency key is in the log once (duplicated keys: {len(dupes)})")
    acked_keys = {e["key"] for e, o in zip(events, outcomes) if o["acked"]}
    check(set(by_key) == acked_keys, f"the log holds exactly the {len(acked_keys)} acknowledged events "
          f"(log keys: {len(by_key)}; logged but not acknowledged: {len(set(by_key) - acked_keys)}; acknowledged but missing: {len(acked_keys - set(by_key))})")
    moved, dup_wrong, wrong = [], [], []
    for e, o in zip(events, outcomes):
        logged = by_key.get(e["key"], [None])[0]
        if logged is None:
            continue
        # Every 2xx for this key (retries after lost responses, the duplicate post) names the logged seq.
        answers = [a for a in o["attempts"] + o.get("duplicate", []) if a["status"] is not None and 200 <= a["status"] < 300]
        if any(a["seq"] != logged["seq"] for a in answers):
            moved.append(e["key"])
        dup_answers = [a for a in o.get("duplicate", []) if a["status"] is not None and 200 <= a["status"] < 300]
        if "duplicate" in o and (not dup_answers or any(a["status"] != 200 or a["created"] is not False for a in dup_answers)):
            dup_wrong.append((e["key"], o["duplicate"]))
        fb = logged["feedback"]
        if (logged["dispute_id"] != e["dispute"] or fb.get("urgent") != e["body"]["urgent"]
                or fb.get("subject") != e["body"].get("subject") or fb.get("severity") != e["body"].get("severity")):
            wrong.append(e["key"])
    check(not moved, f"every 2xx for a key named the seq it has in the log (mismatches: {len(moved)})")
    n_dup = sum(1 for o in outcomes if "duplicate" in o)
    check(not dup_wrong, f"the {n_dup} duplicate posts (same key, another replica) came back 200, created=false (wrong: {len(dup_wrong)})")
    for k, d in dup_wrong[:3]:
        print(f"      {k}: {d}")
    check(not wrong, f"every logged event carries what was posted (wrong: {len(wrong)})")
    created_after_failure = sum(1 for o in outcomes if len(o["attempts"]) > 1 and o["acked"]
                                and o["attempts"][-1]["created"] is False)
    print(f"events whose first response was lost but which had been logged (a retry elsewhere answered 200, created=false): "
          f"{created_after_failure}")

    # Lag during the stream, from the samples.
    samples = [s for s in state["samples"] if "applied" in s and state["started"] <= s["t"] <= state["finished"]]
    lags = [s["head"] - s["applied"] for s in samples]
    span = state["finished"] - state["started"]
    per_replica = len(samples) / len(bases) if bases else 0
    answer_ms = [s["ms"] for s in samples]
    print(f"lag sampled ({state['lag_source']}) on each replica every {args.sample_interval * 1000:.0f} ms or when the previous answer came: "
          f"{len(samples)} answers over {span:.0f} s (one per {1000 * span / max(1, per_replica):.0f} ms per replica); "
          f"answer time p50 {percentile(answer_ms, 50)} ms, p99 {percentile(answer_ms, 99)} ms")
    print(f"lag (log_head - applied_seq) during the stream, {len(lags)} samples: "
          f"p50 {percentile(lags, 50)}, p99 {percentile(lags, 99)}, max {max(lags) if lags else None} events")
    for i in range(len(bases)):
        mine = [s["head"] - s["applied"] for s in samples if s["replica"] == i]
        print(f"      replica {i + 1}: p50 {percentile(mine, 50)}, p99 {percentile(mine, 99)}, max {max(mine) if mine else None} ({len(mine)} samples)")
    failed_samples = [s for s in state["samples"] if "applied" not in s and state["started"] <= s["t"] <= state["finished"]]
    not_ready = [s for s in state["samples"] if s.get("ready") is False]
    print(f"samples without a /v1/model answer (replica down or database unreachable): {len(failed_samples)}; "
          f"/health/ready false: {len(not_ready)} ({json.dumps(sorted({str(s.get('ready_reason')) for s in not_ready}))})")

    with open(args.log_out, "w") as f:
        for e in log:
            f.write(json.dumps(e["feedback"], ensure_ascii=False) + "\n")
    with open(args.model_out, "w") as f:
        json.dump({"models": models, "log_events": len(log)}, f)
    print(f"exported {len(log)} events to {args.log_out}")
    return 1 if failures else 0


def main():
    # `kill -USR1 PID` prints every thread's stack (to see where a stalled run waits).
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("stream")
    s.add_argument("--bases", required=True)
    s.add_argument("--token", required=True)
    s.add_argument("--scorer-token", required=True)
    s.add_argument("--seed", required=True)
    s.add_argument("--events", type=int, default=5000)
    s.add_argument("--retry-share", type=float, default=0.1)
    s.add_argument("--concurrency", type=int, default=12)
    s.add_argument("--timeout", type=float, default=30)
    s.add_argument("--event-deadline", type=float, default=180)
    s.add_argument("--max-seconds", type=float, default=1e9, help="start no new event after this many seconds")
    s.add_argument("--score-batch", type=int, default=10)
    s.add_argument("--score-rate", type=float, default=2)
    s.add_argument("--sample-interval", type=float, default=0.2)
    s.add_argument("--ready-every", type=int, default=10, help="sample /health/ready every N-th lag sample (0: never)")
    s.add_argument("--lag-source", choices=["model", "metrics"], default="model")
    s.add_argument("--head-command", help="with --lag-source metrics: a shell command printing the log head")
    s.add_argument("--converge-timeout", type=float, default=120)
    s.add_argument("--run", default=str(int(time.time())))
    s.add_argument("--state", required=True)
    s.add_argument("--progress", required=True)
    v = sub.add_parser("verify")
    v.add_argument("--bases", required=True)
    v.add_argument("--admin-token", required=True)
    v.add_argument("--state", required=True)
    v.add_argument("--page", type=int, default=1000)
    v.add_argument("--converge-timeout", type=float, default=30)
    v.add_argument("--sample-interval", type=float, default=0.2)
    v.add_argument("--log-out", required=True)
    v.add_argument("--model-out", required=True)
    args = parser.parse_args()
    return stream(args) if args.command == "stream" else verify(args)


if __name__ == "__main__":
    sys.exit(main())
