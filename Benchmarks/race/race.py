#!/usr/bin/env python3
"""Throughput race: DisputeTriage (`triage` CLI) against fastText, scikit-learn and
Vowpal Wabbit on the same documents, one thread each.

Normally started by race.sh (which sets up the venv, the fastText CLI, /usr/bin/time and
the triage binary); see README.md beside this file.

Subcommands:
  run        the whole race: data, training, load wait, measurements, report (default)
  report     re-render the Markdown report from the JSON of a run (RACE_JSON / --json)
  inproc     (internal) one in-process measurement of a Python peer; prints one JSON object
  wholeproc  (internal) one whole-process run of a Python peer: load model, predict a file,
             print one label per line
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The peers (and the CSV split reader) shared with the accuracy comparison; race.sh puts
# Benchmarks/peers on PYTHONPATH. Importing it also puts the numeric libraries on one thread.
from peers import SEED, SKLEARN_SETTINGS, eprint, make_sklearn, one_line, read_split, versions, vw_features

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

# (name, csv folder, label column, documents in the race)
SETS = {
    "short": ("banking77", "intent", 100_000),
    "long": ("cfpb", "product_group", 20_000),
}
PEERS = ["fasttext", "sk_lr", "sk_counts_mnb", "vw"]
SKLEARN = ["sk_lr", "sk_counts_mnb"]
# The default model also runs the other ways users run it: with explanations (what `triage score` does by
# default) and on two threads (`--threads 2`). Key -> (explanations, threads).
MODES = {
    "triage_explain": (True, 1),
    "triage_2t": (False, 2),
    "triage_explain_2t": (True, 2),
}
# the shipped default model (one thread, no explanations; then its other modes), then the race-trained
# word-only variant
TRIAGES = ["triage", *MODES, "triage_words"]
DISPLAY = {
    "triage": "DisputeTriage (default model)",
    "triage_explain": "DisputeTriage (default model), with explanations",
    "triage_2t": "DisputeTriage (default model), 2 threads",
    "triage_explain_2t": "DisputeTriage (default model), with explanations, 2 threads",
    "triage_words": "DisputeTriage (word n-grams only)",
    "fasttext": "fastText",
    "sk_lr": "sklearn tf-idf + LogisticRegression",
    "sk_counts_mnb": "sklearn counts + MultinomialNB",
    "vw": "Vowpal Wabbit oaa",
}
SETTINGS = {
    "triage": "shipped default model; in-process: `triage throughput --data F.jsonl --passes 3`; "
              "whole-process: `triage score --data F.jsonl --no-explanation --threads 1 --output /dev/null`; stage breakdown: "
              "`triage throughput --all-stages --data F.jsonl --passes 3`",
    "triage_explain": "as the default model, with explanations: in-process `triage throughput --stage explain`; "
                      "whole-process `triage score --threads 1` (explanations are on by default)",
    "triage_2t": "as the default model on two threads: in-process `triage throughput --threads 2`; whole-process "
                 "`triage score --threads 2 --no-explanation`",
    "triage_explain_2t": "with explanations on two threads: `triage throughput --stage explain --threads 2`; "
                         "`triage score --threads 2`",
    "triage_words": "a faster, less accurate configuration, NOT the shipped model: trained by the race with "
                    "`triage train --data TrainingData/disputes.jsonl --label subject --label severity --space vocab:2 "
                    "--char-ngrams none --seed 1` (the default model's settings without its character 3-4-grams); "
                    "measured like the default with `--model DIR`",
    "fasttext": "train_supervised(wordNgrams=2, epoch=25, lr=0.5, dim=100 (default), thread=1, seed=1) on the "
                "texts with only CR/LF replaced by spaces (not lower-cased, unlike compare.py); "
                "in-process `model.predict(list_of_texts)` (k=1); whole-process "
                "`fasttext predict model.bin F.txt > /dev/null` (Debian fasttext CLI)",
    "sk_lr": f"{SKLEARN_SETTINGS['tfidf']} + LogisticRegression(C=10, max_iter=2000); `predict_proba(texts)`",
    "sk_counts_mnb": f"{SKLEARN_SETTINGS['sk_counts_mnb']}; `predict_proba(texts)`",
    "vw": "--oaa K --ngram 2 --loss_function logistic -b 24 --passes 5 (cache, holdout default), seed 1; "
          "`Workspace.predict(line)` per document (lines pre-formatted ' |t text' before the timer)",
}
TARGETS = {"inproc_fasttext": 10.0, "inproc_sklearn": 20.0, "whole_fasttext": 10.0, "rss_mb": 100.0}
# `triage throughput --all-stages`: each stage stops the pipeline after it; what each one adds to the
# previous one:
STAGES = {
    "tokenize": "tokens only (texts already in memory)",
    "features": "+ word/char n-grams, vocabulary lookup, tf-idf",
    "classify": "+ subject and severity models",
    "score": "+ priority and result values (the whole job without explanations)",
    "explain": "+ factor contributions and words (what `triage score` gives by default)",
}
# Issue 15's targets: explanations nearly free, whole process with explanations >= 2x fastText, ahead of
# every peer in process, two threads >= 1.7x one.
TARGETS15 = {"explain_overhead": 1.3, "whole_explain_fasttext": 2.0, "inproc_every_peer": 1.0, "threads_2": 1.7}
TRAINING_DATA = REPO / "TrainingData" / "disputes.jsonl"
EVALUATION_DATA = REPO / "TrainingData" / "evaluation.jsonl"
DEFAULT_MODEL = REPO / "Models" / "default"
WORDS_TRAIN = ["--label", "subject", "--label", "severity", "--space", "vocab:2", "--char-ngrams", "none",
               "--seed", str(SEED), "--created-at", "2026-11-29T00:00:00Z"]


# ----------------------------------------------------------------------------- text formats

def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [l[:-1] if l.endswith("\n") else l for l in f]


# ----------------------------------------------------------------------------- training

def train_all(data_dir, work):
    """Train every peer on <set>/train.csv; returns {set: {peer: model path}}."""
    import warnings

    import fasttext
    import joblib
    from vowpalwabbit import Workspace

    models = {}
    for name, (folder, label, _) in SETS.items():
        Xtr, ytr = read_split(data_dir / folder / "train.csv", label)
        classes = sorted(set(ytr))
        m = models[name] = {"n_train": len(Xtr), "n_classes": len(classes), "label": label}
        eprint(f"[race] training on {folder}/train.csv: {len(Xtr)} docs, label {label}, {len(classes)} classes")

        t0 = time.perf_counter()
        ft_train = work / f"{name}.fasttext.train.txt"
        index = {c: i for i, c in enumerate(classes)}
        with open(ft_train, "w", encoding="utf-8") as f:
            for t, y in zip(Xtr, ytr):
                f.write(f"__label__{index[y]} {one_line(t)}\n")
        ft = fasttext.train_supervised(input=str(ft_train), wordNgrams=2, epoch=25, lr=0.5,
                                       thread=1, seed=SEED, verbose=0)
        m["fasttext"] = str(work / f"{name}.fasttext.bin")
        ft.save_model(m["fasttext"])
        eprint(f"  fastText      {time.perf_counter() - t0:6.1f} s  dim {ft.get_dimension()}")

        for peer in SKLEARN:
            t0 = time.perf_counter()
            model = make_sklearn(peer)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model.fit(Xtr, ytr)
            m[peer] = str(work / f"{name}.{peer}.joblib")
            joblib.dump(model, m[peer])
            eprint(f"  {peer:<13} {time.perf_counter() - t0:6.1f} s")

        t0 = time.perf_counter()
        vw_index = {c: i + 1 for i, c in enumerate(classes)}  # oaa labels are 1..K
        vw_train, cache = work / f"{name}.vw.train", work / f"{name}.vw.cache"
        with open(vw_train, "w", encoding="utf-8") as f:
            for t, y in zip(Xtr, ytr):
                f.write(f"{vw_index[y]}{vw_features(t)}\n")
        m["vw"] = str(work / f"{name}.vw.model")
        ws = Workspace(arg_list=["--oaa", str(len(classes)), "--ngram", "2", "--loss_function", "logistic",
                                 "-b", "24", "--passes", "5", "--cache_file", str(cache), "-k",
                                 "--random_seed", str(SEED), "-d", str(vw_train), "-f", m["vw"], "--quiet"])
        ws.finish()
        eprint(f"  vw            {time.perf_counter() - t0:6.1f} s")
    return models


def train_triage_words(triage, work):
    """Trains the word-only DisputeTriage variant into work/triage-words; returns its description."""
    out = work / "triage-words"
    cmd = [triage, "train", "--data", str(TRAINING_DATA)] + WORDS_TRAIN + ["--out", str(out)]
    eprint(f"[race] training DisputeTriage (word n-grams only): {' '.join(cmd)}")
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise RuntimeError(f"triage train: exit {p.returncode}: {p.stderr.decode(errors='replace')[-2000:]}")
    secs = time.perf_counter() - t0
    eprint(f"  triage_words  {secs:6.1f} s")
    return {"model": str(out), "train_seconds": secs,
            "train_args": ["--data", os.path.relpath(TRAINING_DATA, REPO)] + WORDS_TRAIN}


def evaluate_subject(triage, models):
    """Subject accuracy and macro-F1 of each {system: model dir} on TrainingData/evaluation.jsonl."""
    acc = {}
    for system, model in models.items():
        cmd = [triage, "evaluate", "--model", model, "--data", str(EVALUATION_DATA), "--label", "subject",
               "--format", "json"]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            eprint(f"[race] {' '.join(cmd)}: exit {p.returncode}: {p.stderr[-500:]}")
            continue
        j = last_json(p.stdout)
        acc[system] = {"accuracy": j["accuracy"], "macro_f1": j.get("macro_f1"), "n": j.get("n"),
                       "model": os.path.relpath(model, REPO) if model.startswith(str(REPO)) else model}
        eprint(f"[race] subject accuracy {DISPLAY[system]}: {j['accuracy']:.4f} "
               f"(macro-F1 {j.get('macro_f1', float('nan')):.4f}, n {j.get('n')})")
    return acc


def bundled_model_matches(triage):
    """Whether the binary's bundled default model has the same manifest as <repo>/Models/default (None: unknown)."""
    bundled = Path(triage).resolve().parent / "DisputeTriage_DefaultModel.resources" / "default" / "manifest.json"
    try:
        return bundled.read_bytes() == (DEFAULT_MODEL / "manifest.json").read_bytes()
    except OSError:
        return None


# ----------------------------------------------------------------------------- peer predictors

def load_predictor(system, model_path):
    """Returns (predict(list_of_lines) -> labels/scores, prepare(list_of_lines) -> peer input)."""
    if system == "fasttext":
        import fasttext
        fasttext.FastText.eprint = lambda *a, **k: None  # silence the load_model deprecation note
        model = fasttext.load_model(model_path)
        return (lambda xs: model.predict(xs, k=1)[0]), (lambda lines: lines)
    if system in SKLEARN:
        import joblib
        model = joblib.load(model_path)
        return model.predict_proba, (lambda lines: lines)
    if system == "vw":
        from vowpalwabbit import Workspace
        ws = Workspace(arg_list=["-i", model_path, "-t", "--quiet"])
        return (lambda xs: [ws.predict(x) for x in xs]), (lambda lines: [vw_features(t) for t in lines])
    raise ValueError(system)


def blas_info():
    try:
        from threadpoolctl import threadpool_info
        return [{k: i.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
                for i in threadpool_info()]
    except Exception as e:  # pragma: no cover
        return str(e)


def cmd_inproc(args):
    lines = read_lines(args.data)
    nbytes = sum(len(t.encode("utf-8")) for t in lines)
    predict, prepare = load_predictor(args.system, args.model)
    xs = prepare(lines)
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        out = predict(xs)
        times.append(time.perf_counter() - t0)
        assert len(out) == len(lines)
        del out
    best = min(times)
    res = {"system": args.system, "documents": len(lines), "bytes": nbytes, "seconds": best, "runs": times,
           "docs_per_second": len(lines) / best, "mb_per_second": nbytes / 1e6 / best}
    if args.system in SKLEARN:
        res["blas"] = blas_info()
    print(json.dumps(res))


def cmd_wholeproc(args):
    """Whole process of a Python peer: load the model, read the file, predict, one label per line to stdout."""
    lines = read_lines(args.data)
    out = sys.stdout
    if args.system in SKLEARN:
        import joblib
        model = joblib.load(args.model)
        labels = model.predict(lines)
    elif args.system == "fasttext":
        predict, prepare = load_predictor(args.system, args.model)
        labels = [l[0] for l in predict(prepare(lines))]
    else:
        predict, prepare = load_predictor(args.system, args.model)
        labels = predict(prepare(lines))
    out.write("".join(f"{y}\n" for y in labels))
    out.flush()


# ----------------------------------------------------------------------------- measurement helpers

def numpy_env():
    """Environment for a Python peer's measurement: one thread; OPENBLAS_CORETYPE and
    OPENBLAS_L2_SIZE removed together (only if set) so numpy runs its own kernel."""
    env = dict(os.environ)
    if "OPENBLAS_CORETYPE" in env or "OPENBLAS_L2_SIZE" in env:
        env.pop("OPENBLAS_CORETYPE", None)
        env.pop("OPENBLAS_L2_SIZE", None)
    return env


def loadavg():
    try:
        return float(open("/proc/loadavg").read().split()[0])
    except Exception:
        return float("nan")


def timed(cmd, stdout=subprocess.PIPE, env=None, timeout=3600):
    """Runs cmd under /usr/bin/time -v; returns (stdout text or None, wall s, peak RSS bytes, user s, sys s)."""
    fd, tfile = tempfile.mkstemp(prefix="race-time-")
    os.close(fd)
    try:
        full = ["/usr/bin/time", "-v", "-o", tfile] + cmd
        eprint("  $ " + " ".join(cmd) + (" > /dev/null" if stdout == subprocess.DEVNULL else ""))
        t0 = time.perf_counter()
        p = subprocess.run(full, stdout=stdout, stderr=subprocess.PIPE, env=env, timeout=timeout)
        wall = time.perf_counter() - t0
        if p.returncode != 0:
            raise RuntimeError(f"exit {p.returncode}: {p.stderr.decode(errors='replace')[-2000:]}")
        tv = open(tfile).read()
    finally:
        os.unlink(tfile)

    def field(name):
        m = re.search(re.escape(name) + r":\s*([0-9.]+)", tv)
        return float(m.group(1)) if m else float("nan")

    rss = field("Maximum resident set size (kbytes)") * 1024
    out = p.stdout.decode("utf-8") if stdout == subprocess.PIPE else None
    return out, wall, rss, field("User time (seconds)"), field("System time (seconds)")


def last_json(text):
    """The last non-empty line of a command's stdout, parsed as JSON."""
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return json.loads(lines[-1])


# ----------------------------------------------------------------------------- the race

def wait_for_load(max_load, timeout, poll):
    t0 = time.time()
    first = loadavg()
    while True:
        la = loadavg()
        if la < max_load:
            return {"waited_s": round(time.time() - t0), "load_at_start": la, "load_before_wait": first,
                    "timed_out": False}
        if time.time() - t0 >= timeout:
            eprint(f"[race] load still {la:.2f} after {timeout:.0f} s: measuring anyway")
            return {"waited_s": round(time.time() - t0), "load_at_start": la, "load_before_wait": first,
                    "timed_out": True}
        eprint(f"[race] 1-min load {la:.2f} >= {max_load}: waiting {poll:.0f} s "
               f"({time.time() - t0:.0f}/{timeout:.0f} s)")
        time.sleep(poll)


def mode_flags(system, command):
    """The extra `triage throughput` / `triage score` flags of a default-model mode (MODES)."""
    explain, threads = MODES.get(system, (False, 1))
    if command == "throughput":
        return (["--stage", "explain"] if explain else []) + (["--threads", str(threads)] if threads != 1 else [])
    return ([] if explain else ["--no-explanation"]) + ["--threads", str(threads)]


def triage_inproc(args, jsonl, label, model=None, flags=()):
    """One `triage throughput` process (best of args.runs passes); returns its numbers."""
    cmd = [args.triage, "throughput", "--data", jsonl, "--passes", str(args.runs), *flags]
    cmd += ["--model", model] if model else []
    la = loadavg()
    out, wall, rss, _, _ = timed(cmd)
    j = last_json(out)
    keys = ("docs_per_second", "mb_per_second", "seconds", "documents", "bytes", "cpu_seconds", "cpu_docs_per_second")
    m = {k: j[k] for k in keys if k in j}
    m.update(stage=j.get("stage", "score"), rss=rss, process_wall=wall, load=la)
    say_inproc(label, m)
    return m


def triage_stages(args, jsonl):
    """Every stage timed in ONE `triage throughput --all-stages` process (stages interleaved within each
    pass, best of args.runs), so stage-to-stage differences are not blurred by process-to-process
    variation; returns {stage: numbers}, empty if it failed."""
    cmd = [args.triage, "throughput", "--data", jsonl, "--passes", str(args.runs), "--all-stages"]
    la = loadavg()
    try:
        out, wall, rss, _, _ = timed(cmd)
    except RuntimeError as e:
        eprint(f"    stages      failed ({e}): left out of the report")
        return {}
    keys = ("docs_per_second", "mb_per_second", "seconds", "documents", "bytes", "cpu_seconds", "cpu_docs_per_second")
    stages = {}
    for line in out.strip().splitlines():
        j = json.loads(line)
        m = {k: j[k] for k in keys if k in j}
        m.update(stage=j["stage"], rss=rss, process_wall=wall, load=la)
        say_inproc(f"  {j['stage']}", m)
        stages[j["stage"]] = m
    return stages


def say_inproc(label, m):
    eprint(f"    {label:<11} {m['docs_per_second']:12,.0f} docs/s {m['mb_per_second']:8.2f} MB/s  "
           f"RSS {m['rss'] / 1e6:7.1f} MB  load {m['load']:.2f}")


def measure(args, work, models, sets, variants):
    py = sys.executable
    me = str(Path(__file__).resolve())
    res = {}
    loads = []
    for name in SETS:
        jsonl, txt = sets[name]["jsonl"], sets[name]["txt"]
        r = res[name] = {"inproc": {}, "whole": {}, "stages": {}}
        eprint(f"[race] == {name}: {sets[name]['documents']} docs, {sets[name]['bytes'] / 1e6:.2f} MB")

        # --- in-process: the default model, where its time goes (stage by stage), the variants, the peers
        r["inproc"]["triage"] = triage_inproc(args, jsonl, "triage")
        r["stages"] = triage_stages(args, jsonl)
        for system in MODES:
            r["inproc"][system] = triage_inproc(args, jsonl, system, flags=mode_flags(system, "throughput"))
        for system, v in variants.items():
            r["inproc"][system] = triage_inproc(args, jsonl, system, model=v["model"])
        loads += [m["load"] for m in list(r["inproc"].values()) + list(r["stages"].values())]
        for peer in PEERS if not args.skip_peers else []:
            la = loadavg()
            out, wall, rss, _, _ = timed([py, me, "inproc", "--system", peer, "--model", models[name][peer],
                                          "--data", txt, "--runs", str(args.runs)], env=numpy_env())
            j = last_json(out)
            j.update(rss=rss, process_wall=wall, load=la)
            r["inproc"][peer] = j
            loads.append(la)
            say_inproc(peer, j)

        # --- whole process (load + read + predict + write), best wall of N runs
        cmds = {system: ([args.triage, "score", "--data", jsonl, *mode_flags(system, "score"), "--output", "/dev/null"],
                         None) for system in ["triage", *MODES]}
        for system, v in variants.items():
            cmds[system] = ([args.triage, "score", "--model", v["model"], "--data", jsonl, "--no-explanation",
                             "--threads", "1", "--output", "/dev/null"], None)
        if not args.skip_peers:
            cmds["fasttext"] = ([args.fasttext_cli, "predict", models[name]["fasttext"], txt], None)
            for peer in ("sk_lr", "sk_counts_mnb", "vw"):
                cmds[peer] = ([py, me, "wholeproc", "--system", peer, "--model", models[name][peer], "--data", txt],
                              numpy_env())
        for system, (cmd, env) in cmds.items():
            walls, rsss, cpus = [], [], []
            la = loadavg()
            for _ in range(args.runs):
                _, wall, rss, user, sys_ = timed(cmd, stdout=subprocess.DEVNULL, env=env)
                walls.append(wall)
                rsss.append(rss)
                cpus.append(user + sys_)
            loads.append(la)
            best = min(walls)
            r["whole"][system] = {"seconds": best, "runs": walls, "rss": max(rsss), "cpu_s": cpus[walls.index(best)],
                                  "docs_per_second": sets[name]["documents"] / best, "load": la}
            eprint(f"    {system:<11} whole {best:8.3f} s (cpu {cpus[walls.index(best)]:.3f} s)  "
                   f"RSS {max(rsss) / 1e6:7.1f} MB  load {la:.2f}")
        r["same_output"] = same_output_for_threads(args, work, jsonl, name)
    return res, loads


def same_output_for_threads(args, work, jsonl, name):
    """Whether `triage score` (explanations on) writes the same bytes on 1 and on 2 threads."""
    digests = []
    for threads in (1, 2):
        out = Path(work) / f"{name}.threads{threads}.out"
        subprocess.run([args.triage, "score", "--data", jsonl, "--threads", str(threads), "--output", str(out)],
                       check=True, stdout=subprocess.DEVNULL)
        digests.append(sha256(out))
        out.unlink()
    eprint(f"    output on 1 and 2 threads: {'identical' if digests[0] == digests[1] else 'DIFFERENT'}")
    return digests[0] == digests[1]


# ----------------------------------------------------------------------------- report

def verdict_ratio(ratio, target):
    if ratio is None:
        return "n/a"
    if ratio >= target:
        return f"pass ({ratio / target:.2f}x the target)"
    return f"miss ({ratio:.2f}x vs {target:.0f}x: {ratio / target * 100:.0f}% of target, needs {target / ratio:.1f}x faster)"


def verdict_mem(mb, target):
    if mb <= 0 or mb != mb:
        return "n/a"
    if mb < target:
        return f"pass ({mb:.1f} MB, {target - mb:.1f} MB under)"
    return f"miss ({mb:.1f} MB, {mb - target:.1f} MB over)"


def fmt_int(x):
    return f"{x:,.0f}"


def us_per_doc(m):
    return 1e6 / m["docs_per_second"]


def share(us, budget):
    return f"{us / budget:.0%} of that budget" if us < budget else f"{us / budget:.1f}× that budget"


def system_ratios(ip, wp, t):
    """Speed of DisputeTriage system t (in ip / wp: one set's in-process / whole-process results) ÷ the peers'."""
    rr = {}
    tin = ip[t]["docs_per_second"]
    if "fasttext" in ip:
        rr["inproc_fasttext"] = tin / ip["fasttext"]["docs_per_second"]
    sk = [p for p in SKLEARN if p in ip]
    if sk:
        best = max(sk, key=lambda p: ip[p]["docs_per_second"])
        rr["best_sklearn"] = best
        rr["inproc_sklearn"] = tin / ip[best]["docs_per_second"]
    if "vw" in ip:
        rr["inproc_vw"] = tin / ip["vw"]["docs_per_second"]
    if "fasttext" in wp and t in wp:
        rr["whole_fasttext"] = wp["fasttext"]["seconds"] / wp[t]["seconds"]
        rr["whole_fasttext_cpu"] = wp["fasttext"]["cpu_s"] / wp[t]["cpu_s"]
    skw = [p for p in SKLEARN if p in wp]
    if skw and t in wp:
        bw = min(skw, key=lambda p: wp[p]["seconds"])
        rr["best_sklearn_whole"] = bw
        rr["whole_sklearn"] = wp[bw]["seconds"] / wp[t]["seconds"]
    return rr


def variant_note(meta):
    """The line under a table that has the word-only row: what that row is."""
    if "triage_words" not in meta.get("variants", {}):
        return []
    acc = meta.get("accuracy", {})
    if "triage" in acc and "triage_words" in acc:
        how = (f"subject accuracy {acc['triage_words']['accuracy']:.1%} against {acc['triage']['accuracy']:.1%} for "
               "the default model, see the accuracy table below")
    else:
        how = "its accuracy was not measured in this run"
    return [f"{DISPLAY['triage_words']} is a faster, less accurate configuration, not the shipped model: the "
            f"default model's settings without character n-grams, trained by the race ({how}).", ""]


def issue15_section(res):
    """Issue 15's targets 2-5 on this run: explanations, whole process with explanations, every peer, threads."""
    ip = {n: res[n]["inproc"] for n in SETS}
    wp = {n: res[n]["whole"] for n in SETS}
    if not all(m in ip[n] and m in wp[n] for n in SETS for m in MODES):
        return []
    L = ["## Issue 15 targets (explanations, every peer, threads)", "",
         "| measure | short | long | target | verdict |", "|---|---:|---:|---:|---|"]

    def line(label, values, target, higher_is_better=True, unit="x"):
        cells = [f"{v:.2f}{unit}" if v is not None else "n/a" for v in values]
        ok = [v is not None and (v >= target if higher_is_better else v <= target) for v in values]
        verdict = "pass" if all(ok) else "miss (" + ", ".join(n for n, o in zip(SETS, ok) if not o) + ")"
        sign = "≥" if higher_is_better else "≤"
        L.append(f"| {label} | {cells[0]} | {cells[1]} | {sign} {target}{unit} | {verdict} |")

    line("explanations' cost, whole process: `triage score` ÷ `--no-explanation` (wall, 1 thread)",
         [wp[n]["triage_explain"]["seconds"] / wp[n]["triage"]["seconds"] for n in SETS],
         TARGETS15["explain_overhead"], higher_is_better=False)
    line("explanations' cost, whole process, CPU time", [wp[n]["triage_explain"]["cpu_s"] / wp[n]["triage"]["cpu_s"]
                                                         for n in SETS], TARGETS15["explain_overhead"], higher_is_better=False)
    line("explanations' cost, in process (docs/s without ÷ with)",
         [ip[n]["triage"]["docs_per_second"] / ip[n]["triage_explain"]["docs_per_second"] for n in SETS],
         TARGETS15["explain_overhead"], higher_is_better=False)
    if all("fasttext" in wp[n] for n in SETS):
        line("whole process with explanations, 1 thread: `fasttext predict` ÷ `triage score` (wall)",
             [wp[n]["fasttext"]["seconds"] / wp[n]["triage_explain"]["seconds"] for n in SETS],
             TARGETS15["whole_explain_fasttext"])
    peers = [p for p in PEERS if all(p in ip[n] for n in SETS)]
    if peers:
        def slowest_margin(n, system):
            return min(ip[n][system]["docs_per_second"] / ip[n][p]["docs_per_second"] for p in peers)
        line("in process, 1 thread: DisputeTriage ÷ the fastest peer (docs/s)", [slowest_margin(n, "triage") for n in SETS],
             TARGETS15["inproc_every_peer"])
        line("… with explanations", [slowest_margin(n, "triage_explain") for n in SETS], TARGETS15["inproc_every_peer"])
    line("2 threads ÷ 1, in process (docs/s)",
         [ip[n]["triage_2t"]["docs_per_second"] / ip[n]["triage"]["docs_per_second"] for n in SETS], TARGETS15["threads_2"])
    line("2 threads ÷ 1, whole process with explanations (wall)",
         [wp[n]["triage_explain"]["seconds"] / wp[n]["triage_explain_2t"]["seconds"] for n in SETS], TARGETS15["threads_2"])
    line("peak RSS MB, `triage score --threads 2` with explanations",
         [wp[n]["triage_explain_2t"]["rss"] / 1e6 for n in SETS], 100, higher_is_better=False, unit="")
    same = [res[n].get("same_output") for n in SETS]
    L.append(f"| output of `triage score` on 2 threads byte-identical to 1 thread | {same[0]} | {same[1]} | identical | "
             f"{'pass' if all(same) else 'miss'} |")
    L.append("")
    L.append("Two threads can only scale if the machine's other core is free: the load average above says how busy "
             "it was. Wall-time ratios on a shared machine move with the other jobs; CPU time does not.")
    L.append("")
    return L


def stage_section(meta, res):
    """Where DisputeTriage's time goes: `triage throughput --all-stages`, short and long."""
    if not any(res[n].get("stages") for n in SETS):
        return []
    L = ["## Where DisputeTriage's time goes (in-process, default model)", "",
         "| stage | what it adds | short docs/s | short µs/doc | short +µs/doc | long docs/s | long µs/doc "
         "| long +µs/doc |",
         "|---|---|---:|---:|---:|---:|---:|---:|"]
    prev = {n: 0.0 for n in SETS}
    for stage, what in STAGES.items():
        cells = []
        for n in SETS:
            m = res[n].get("stages", {}).get(stage)
            if m is None and stage == "score":  # reports from runs before --all-stages
                m = res[n]["inproc"]["triage"]
            if m is None:
                cells += ["n/a"] * 3
                prev[n] = None
                continue
            us = us_per_doc(m)
            cells += [fmt_int(m["docs_per_second"]), f"{us:.2f}", f"{us - prev[n]:+.2f}" if prev[n] is not None else "n/a"]
            prev[n] = us
        L.append(f"| {stage} | {what} | " + " | ".join(cells) + " |")
    L.append("")
    L.append(f"All stages are timed in one `triage throughput --all-stages` process on the same texts, interleaved "
             f"within each pass (best of {meta['runs']} passes, wall time); each stage stops the pipeline after it. "
             "+µs/doc is what a stage adds to the one above it: the difference of two measurements, so a small one "
             "can be off, even negative. The score row can differ a little from the in-process row above, which is "
             "a separate process.")
    L.append("")
    for n in SETS:
        ip, tok = res[n]["inproc"], res[n].get("stages", {}).get("tokenize")
        if "fasttext" not in ip or tok is None:
            L.append(f"- {n} texts: 10× fastText: n/a (fastText or the tokenize stage not measured in this run)")
            continue
        goal = TARGETS["inproc_fasttext"] * ip["fasttext"]["docs_per_second"]
        budget, tok_us, all_us = 1e6 / goal, us_per_doc(tok), us_per_doc(ip["triage"])
        L.append(f"- 10× fastText on {n} texts = {fmt_int(goal)} docs/s = {budget:.2f} µs/doc; tokenizing alone "
                 f"takes {tok_us:.2f} µs/doc ({share(tok_us, budget)}), the whole default pipeline "
                 f"{all_us:.2f} µs/doc ({share(all_us, budget)})")
    L.append("")
    return L


def accuracy_section(meta, res):
    """Subject accuracy of the default model and the variants, next to their in-process speed."""
    acc = meta.get("accuracy")
    if not acc:
        return []
    n = next(iter(acc.values())).get("n")
    L = ["## Accuracy of the DisputeTriage models (subject)", "",
         f"Measured apart from the speed sets: `triage evaluate --model M --data {meta.get('evaluation_data')} "
         f"--label subject --format json` ({n} labelled disputes; M = Models/default for the default model"
         + (", the race-trained directory for the word-only one" if "triage_words" in acc else "") + ").", "",
         "| model | subject accuracy | subject macro-F1 | in-process short docs/s | in-process long docs/s |",
         "|---|---:|---:|---:|---:|"]
    for s in TRIAGES:
        if s not in acc:
            continue
        a = acc[s]
        f1 = f"{a['macro_f1']:.3f}" if a.get("macro_f1") is not None else "n/a"
        speed = [fmt_int(res[k]["inproc"][s]["docs_per_second"]) if s in res[k]["inproc"] else "n/a" for k in SETS]
        L.append(f"| {DISPLAY[s]} | {a['accuracy']:.3f} | {f1} | {speed[0]} | {speed[1]} |")
    L.append("")
    if meta.get("bundled_model_matches") is False:
        L.append("Note: the measured binary's bundled default model is not the same as Models/default (manifests "
                 "differ), so the default model's accuracy above may not be that of the model whose speed was "
                 "measured.")
        L.append("")
    return L


def report(meta, sets, res):
    L = []
    L.append("# Throughput race: DisputeTriage vs fastText, scikit-learn, Vowpal Wabbit")
    L.append("")
    L.append(f"- date: {meta['date']}")
    L.append(f"- machine: {meta['nproc']} cores ({meta['cpu']}), {meta['mem']}; shared with other jobs")
    L.append(f"- 1-min load average: {meta['load']['load_before_wait']:.2f} before the wait, "
             f"{meta['load']['load_at_start']:.2f} when measuring started after {meta['load']['waited_s']} s"
             f"{' (gave up waiting: timed out)' if meta['load']['timed_out'] else ''}; during the measurements "
             f"{meta['load']['min']:.2f}–{meta['load']['max']:.2f} (sampled before each measurement; includes the race's own "
             f"previous measurement, about 1), "
             f"{meta['load']['end']:.2f} at the end (target before start: < {meta['load']['max_load']})")
    L.append(f"- DisputeTriage: commit {meta['commit']}, binary {meta['triage']} (sha256 {meta['triage_sha'][:12]}"
             f"{', CHANGED during the run' if meta['triage_changed'] else ''})")
    L.append(f"- peers: {meta['versions']}")
    L.append(f"- one thread: OMP/OPENBLAS/MKL_NUM_THREADS=1, fastText thread=1; best of {meta['runs']} runs; "
             f"MB = 10^6 bytes (UTF-8 text for MB/s, peak RSS from /usr/bin/time -v)")
    L.append(f"- data: short = {sets['short']['documents']:,} docs from banking77 test "
             f"({sets['short']['unique']} texts repeated, {sets['short']['bytes'] / 1e6:.2f} MB, "
             f"{sets['short']['bytes'] / sets['short']['documents']:.0f} B/doc); long = "
             f"{sets['long']['documents']:,} docs from cfpb test ({sets['long']['unique']} texts repeated, "
             f"{sets['long']['bytes'] / 1e6:.2f} MB, {sets['long']['bytes'] / sets['long']['documents']:.0f} B/doc)")
    L.append("")
    L.append("## In-process prediction throughput (model loaded, texts in memory)")
    L.append("")
    L.append("| system | short docs/s | short MB/s | short peak RSS MB | long docs/s | long MB/s | long peak RSS MB |")
    L.append("|---|---:|---:|---:|---:|---:|---:|")
    systems = [s for s in TRIAGES + PEERS if s in res["short"]["inproc"]]
    for s in systems:
        a, b = res["short"]["inproc"][s], res["long"]["inproc"][s]
        L.append(f"| {DISPLAY[s]} | {fmt_int(a['docs_per_second'])} | {a['mb_per_second']:.2f} | {a['rss'] / 1e6:.1f} "
                 f"| {fmt_int(b['docs_per_second'])} | {b['mb_per_second']:.2f} | {b['rss'] / 1e6:.1f} |")
    L.append("")
    L.append("Peak RSS of an in-process row is that of its whole measuring process (interpreter, model, "
             "all texts in memory, outputs).")
    L.append("")
    L += variant_note(meta)
    L.append("## Whole process (start, load model, read file, predict, write to /dev/null)")
    L.append("")
    L.append("| system | short s | short CPU s | short docs/s | short peak RSS MB "
             "| long s | long CPU s | long docs/s | long peak RSS MB |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    wsys = [s for s in TRIAGES + ["fasttext", "sk_lr", "sk_counts_mnb", "vw"] if s in res["short"]["whole"]]
    wname = {"triage": "DisputeTriage `triage score --no-explanation --threads 1`",
             "triage_explain": "DisputeTriage `triage score --threads 1` (with explanations)",
             "triage_2t": "DisputeTriage `triage score --no-explanation --threads 2`",
             "triage_explain_2t": "DisputeTriage `triage score --threads 2` (with explanations)",
             "triage_words": "DisputeTriage (word n-grams only) `triage score --model DIR --no-explanation`",
             "fasttext": "fastText CLI `fasttext predict`",
             "sk_lr": "sklearn LR (python: load pipeline, predict)", "sk_counts_mnb": "sklearn MNB (python)",
             "vw": "Vowpal Wabbit (python)"}
    for s in wsys:
        a, b = res["short"]["whole"][s], res["long"]["whole"][s]
        L.append(f"| {wname[s]} | {a['seconds']:.3f} | {a['cpu_s']:.2f} | {fmt_int(a['docs_per_second'])} "
                 f"| {a['rss'] / 1e6:.1f} | {b['seconds']:.3f} | {b['cpu_s']:.2f} | {fmt_int(b['docs_per_second'])} "
                 f"| {b['rss'] / 1e6:.1f} |")
    L.append("")
    L.append("s = best wall time; CPU s = user + system time of that run (less sensitive to other jobs on the "
             "machine than wall time).")
    L.append("")
    L += variant_note(meta)

    # ratios and targets
    L.append("## Ratios (DisputeTriage speed ÷ peer speed) and issue targets")
    L.append("")
    L.append("| comparison | short | long | target | short verdict | long verdict |")
    L.append("|---|---:|---:|---:|---|---|")
    ratios = {}
    for name in SETS:
        ip, wp = res[name]["inproc"], res[name]["whole"]
        ratios[name] = system_ratios(ip, wp, "triage")
        if "triage_words" in ip:
            ratios[name]["triage_words"] = system_ratios(ip, wp, "triage_words")

    def row(label, key, target, system="triage"):
        s, l = ((ratios[n] if system == "triage" else ratios[n].get(system, {})).get(key) for n in SETS)
        fs = f"{s:.2f}x" if s is not None else "n/a"
        fl = f"{l:.2f}x" if l is not None else "n/a"
        if target is None:
            L.append(f"| {label} | {fs} | {fl} | – | – | – |")
        else:
            L.append(f"| {label} | {fs} | {fl} | ≥ {target:.0f}x | {verdict_ratio(s, target)} | {verdict_ratio(l, target)} |")

    def which(key):
        """' (sk_lr short, sk_mnb long)': the sklearn pipeline a best-sklearn row compares with."""
        b = ratios["short"].get(key), ratios["long"].get(key)
        return f" ({b[0]} short, {b[1]} long)" if any(b) else ""

    row("in-process: DisputeTriage / fastText", "inproc_fasttext", TARGETS["inproc_fasttext"])
    row(f"in-process: DisputeTriage / best sklearn{which('best_sklearn')}", "inproc_sklearn",
        TARGETS["inproc_sklearn"])
    row("in-process: DisputeTriage / Vowpal Wabbit", "inproc_vw", None)
    row("whole-process: DisputeTriage / fastText CLI", "whole_fasttext", TARGETS["whole_fasttext"])
    row("whole-process CPU time: DisputeTriage / fastText CLI", "whole_fasttext_cpu", None)
    row(f"whole-process: DisputeTriage / best sklearn{which('best_sklearn_whole')}", "whole_sklearn", None)
    words = "triage_words" in ratios["short"]
    if words:
        w = DISPLAY["triage_words"]
        row(f"in-process: {w} / fastText", "inproc_fasttext", TARGETS["inproc_fasttext"], "triage_words")
        row(f"in-process: {w} / best sklearn", "inproc_sklearn", TARGETS["inproc_sklearn"], "triage_words")
        row(f"whole-process: {w} / fastText CLI", "whole_fasttext", TARGETS["whole_fasttext"], "triage_words")
    L.append("")
    L.append("A ratio above 1 means DisputeTriage is faster. In-process ratios compare docs/s (MB/s gives the same "
             "ratio: same texts); whole-process ratios compare wall time.")
    if words:
        L.append("")
        L.append("The word n-grams only rows show how far dropping the character n-grams goes toward the targets; "
                 "that configuration is less accurate (see the accuracy table below), so the issue's targets are "
                 "judged on the default-model rows.")
    L.append("")
    L += issue15_section(res)
    L += stage_section(meta, res)
    L += accuracy_section(meta, res)
    ns = f"{sets['short']['documents']:,}"
    L.append(f"## Peak memory scoring {ns} documents (target < 100 MB for 100,000)")
    L.append("")
    L.append("| measurement | peak RSS MB | verdict |")
    L.append("|---|---:|---|")
    ws_ = res["short"]["whole"]["triage"]["rss"] / 1e6
    is_ = res["short"]["inproc"]["triage"]["rss"] / 1e6
    L.append(f"| `triage score` (streaming), {ns} short docs | {ws_:.1f} | {verdict_mem(ws_, TARGETS['rss_mb'])} |")
    L.append(f"| `triage throughput` (all {ns} texts held in memory) | {is_:.1f} | {verdict_mem(is_, TARGETS['rss_mb'])} |")
    if "fasttext" in res["short"]["whole"]:
        f_ = res["short"]["whole"]["fasttext"]["rss"] / 1e6
        L.append(f"| fastText CLI `predict`, {ns} short docs (for reference) | {f_:.1f} | – |")
    L.append("")
    L.append("## Settings")
    L.append("")
    for s in TRIAGES + PEERS:
        if s not in MODES and (s != "triage_words" or s in meta.get("variants", {})):
            L.append(f"- {DISPLAY[s]}: {SETTINGS[s]}")
    L.append(f"- peers trained on banking77 train ({meta['models']['short']['n_train']} docs, "
             f"{meta['models']['short']['n_classes']} intents) and cfpb train ({meta['models']['long']['n_train']} "
             f"docs, {meta['models']['long']['n_classes']} product groups); DisputeTriage is not trained on them (its "
             "own subject/severity classes, from the repo's TrainingData), so this is a speed race, not an accuracy "
             "comparison")
    L.append("- peers get their input in their own format, prepared before the timer: one line per document "
             "(CR/LF → space) for fastText and sklearn, ' |t lower-cased text' for VW; DisputeTriage parses its "
             "JSONL before its timer too")
    L.append(f"- command: `{meta['command']}`")
    return "\n".join(L) + "\n", ratios


# ----------------------------------------------------------------------------- run

def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except Exception:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    except Exception:
        pass
    return os.cpu_count(), cpu, mem


def versions_line():
    """The peers' versions (peers.versions) on one line, plus the Debian fastText CLI."""
    v = [f"Python {platform.python_version()}"]
    v += [f"{dist} {ver}" for dist, ver in versions().items() if dist not in ("python", "platform")]
    try:
        deb = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "fasttext"], capture_output=True, text=True)
        if deb.returncode == 0:
            v.append(f"fasttext CLI (Debian) {deb.stdout.strip()}")
    except OSError:
        pass
    return ", ".join(v)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def cmd_run(args):
    data_dir = Path(args.data_dir).resolve()
    if not os.access(args.triage, os.X_OK):
        sys.exit(f"[race] triage binary not found: {args.triage}")
    keep = bool(args.workdir)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="disputetriage-race-"))
    work.mkdir(parents=True, exist_ok=True)
    eprint(f"[race] work dir {work}")
    try:
        # --- data
        sets = {}
        for name, (folder, label, n) in SETS.items():
            n = args.short_n if name == "short" else args.long_n
            texts, _ = read_split(data_dir / folder / "test.csv", label)
            docs = [texts[i % len(texts)] for i in range(n)]
            jsonl, txt = work / f"{name}.jsonl", work / f"{name}.txt"
            with open(jsonl, "w", encoding="utf-8") as fj, open(txt, "w", encoding="utf-8") as ft:
                for i, t in enumerate(docs):
                    fj.write(json.dumps({"id": f"{name}-{i}", "text": t}, ensure_ascii=False) + "\n")
                    ft.write(one_line(t) + "\n")
            nbytes = sum(len(t.encode("utf-8")) for t in docs)
            sets[name] = {"jsonl": str(jsonl), "txt": str(txt), "documents": n, "bytes": nbytes, "unique": len(texts)}
            eprint(f"[race] {name}: {n} docs ({len(texts)} unique from {folder}/test.csv), {nbytes / 1e6:.2f} MB")

        # --- models: the peers, the DisputeTriage variants (and their subject accuracy)
        models = train_all(data_dir, work) if not args.skip_peers else {
            k: {"n_train": 0, "n_classes": 0} for k in SETS}
        variants = {} if args.skip_triage_variants else {"triage_words": train_triage_words(args.triage, work)}
        accuracy = evaluate_subject(args.triage, {"triage": str(DEFAULT_MODEL),
                                                  **{s: v["model"] for s, v in variants.items()}})

        # --- wait for a quiet machine, then measure
        load = wait_for_load(args.max_load, args.load_timeout, args.load_poll)
        load["max_load"] = args.max_load
        eprint(f"[race] measuring (1-min load {load['load_at_start']:.2f})")
        sha0 = sha256(args.triage)
        res, loads = measure(args, work, models, sets, variants)
        load.update(min=min(loads), max=max(loads), end=loadavg())
        sha1 = sha256(args.triage)

        try:
            commit = subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"],
                                    capture_output=True, text=True).stdout.strip() or "?"
        except Exception:
            commit = "?"
        nproc, cpu, mem = machine()
        meta = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                "nproc": nproc, "cpu": cpu, "mem": mem, "load": load, "commit": commit,
                "triage": os.path.relpath(args.triage, REPO) if args.triage.startswith(str(REPO)) else args.triage,
                "triage_sha": sha0, "triage_changed": sha0 != sha1, "versions": versions_line(),
                "runs": args.runs, "models": models, "command": args.command or "bash Benchmarks/race/race.sh",
                "variants": variants, "accuracy": accuracy, "evaluation_data": os.path.relpath(EVALUATION_DATA, REPO),
                "bundled_model_matches": bundled_model_matches(args.triage)}
        md, ratios = report(meta, sets, res)
        print(md)
        if args.results:
            Path(args.results).write_text(md, encoding="utf-8")
            eprint(f"[race] wrote {args.results}")
        if args.json:
            Path(args.json).write_text(json.dumps({"meta": meta, "sets": sets, "results": res, "ratios": ratios},
                                                  indent=1, default=str), encoding="utf-8")
            eprint(f"[race] wrote {args.json}")
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def cmd_report(args):
    """Re-renders the Markdown report from a RACE_JSON file (no measuring)."""
    d = json.loads(Path(args.json_in).read_text(encoding="utf-8"))
    md, _ = report(d["meta"], d["sets"], d["results"])
    print(md)
    if args.results:
        Path(args.results).write_text(md, encoding="utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd")
    r = sub.add_parser("run", help="the whole race")
    r.add_argument("--data-dir", default=os.environ.get("DATA_DIR") or str(REPO.parent / "shared" / "data"))
    r.add_argument("--triage", default=os.environ.get("TRIAGE") or str(REPO / ".build" / "release" / "triage"))
    r.add_argument("--fasttext-cli", default=shutil.which("fasttext") or "/usr/bin/fasttext")
    r.add_argument("--workdir", help="keep data and models here (default: a temp dir, removed at the end)")
    r.add_argument("--short-n", type=int, default=SETS["short"][2])
    r.add_argument("--long-n", type=int, default=SETS["long"][2])
    r.add_argument("--runs", type=int, default=3, help="runs per measurement; the best is reported")
    r.add_argument("--max-load", type=float, default=1.0, help="wait until the 1-min load is below this")
    r.add_argument("--load-timeout", type=float, default=900.0, help="give up waiting after this many seconds")
    r.add_argument("--load-poll", type=float, default=30.0)
    r.add_argument("--skip-peers", action="store_true", help="measure DisputeTriage only")
    r.add_argument("--skip-triage-variants", action="store_true",
                   help="do not train and measure the word-only DisputeTriage model (default model only)")
    r.add_argument("--results", help="also write the Markdown report here")
    r.add_argument("--json", help="also write every number as JSON here")
    r.add_argument("--command", help="the command line to print in the report")
    rep = sub.add_parser("report", help="re-render the report from a --json file")
    rep.add_argument("json_in")
    rep.add_argument("--results")
    i = sub.add_parser("inproc")
    w = sub.add_parser("wholeproc")
    for p in (i, w):
        p.add_argument("--system", required=True, choices=PEERS)
        p.add_argument("--model", required=True)
        p.add_argument("--data", required=True, help="one document per line")
    i.add_argument("--runs", type=int, default=3)
    argv = sys.argv[1:]
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["run"] + argv
    args = ap.parse_args(argv)
    {"run": cmd_run, "report": cmd_report, "inproc": cmd_inproc, "wholeproc": cmd_wholeproc}[args.cmd](args)


if __name__ == "__main__":
    main()
