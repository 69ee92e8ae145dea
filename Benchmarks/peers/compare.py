#!/usr/bin/env python3
"""Peer comparison for DisputeTriage.

Trains each peer (scikit-learn, fastText, Vowpal Wabbit) and the DisputeTriage CLI on
<data>/<task>/train.csv and evaluates on <data>/<task>/test.csv; prints Markdown tables
(one per task plus a summary) and, if RESULTS_JSON is set, writes every number as JSON.
Everything runs on one thread. Normally started by compare.sh (which sets up the venv);
see README.md beside this file.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import traceback
from pathlib import Path

from peers import (
    FASTTEXT_PARAMS,
    SEED,
    SKLEARN_SETTINGS,
    eprint,
    fasttext_normalized,
    make_sklearn,
    read_split,
    versions,
    vw_test_args,
    vw_text,
    vw_train_args,
)

TASKS = {
    # task: label column (text column is always `text`)
    "banking77": "intent",
    "cfpb": "product_group",
    "fincorp": "severity",
    "fr_insurance_reviews": "product",
}

# *_bal = the same model with class_weight="balanced" (the metric is macro-F1 and cfpb,
# fincorp and fr_insurance_reviews are skewed; without it the peers are weaker there).
PEERS = ["sk_mnb", "sk_cnb", "sk_lr", "sk_lr_bal", "sk_lr_tuned", "sk_sgd_hash", "sk_sgd_hash_bal", "fasttext", "vw"]
TRIAGE_ALGOS = [("triage_nb", "nb"), ("triage_cnb", "cnb"), ("triage_lr", "lr"), ("triage_default", None)]
TRIAGE_SYSTEMS = [name for name, _ in TRIAGE_ALGOS]

DISPLAY = {
    "sk_mnb": "sklearn MultinomialNB",
    "sk_cnb": "sklearn ComplementNB",
    "sk_lr": "sklearn LogisticRegression",
    "sk_lr_bal": "sklearn LogisticRegression balanced",
    "sk_lr_tuned": "sklearn LR tuned, DT-like features",
    "sk_sgd_hash": "sklearn SGD+hashing",
    "sk_sgd_hash_bal": "sklearn SGD+hashing balanced",
    "fasttext": "fastText",
    "vw": "Vowpal Wabbit",
    "triage_nb": "DisputeTriage nb",
    "triage_cnb": "DisputeTriage cnb",
    "triage_lr": "DisputeTriage lr",
    "triage_default": "DisputeTriage default",
}
SHORT = {
    "sk_mnb": "MNB", "sk_cnb": "CNB", "sk_lr": "LR", "sk_lr_bal": "LR bal", "sk_lr_tuned": "LR tuned",
    "sk_sgd_hash": "SGD+hash", "sk_sgd_hash_bal": "SGD+hash bal",
    "fasttext": "fastText", "vw": "VW",
    "triage_nb": "DT nb", "triage_cnb": "DT cnb", "triage_lr": "DT lr", "triage_default": "DT default",
}

# Fixed settings, the same for every task (no per-task tuning).
SETTINGS = {
    **SKLEARN_SETTINGS,
    "sk_lr_tuned": ("word TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, strip_accents='unicode') + char_wb"
                    " TfidfVectorizer(analyzer='char_wb', ngram_range=(3, 4), min_df=2, sublinear_tf=True,"
                    " strip_accents='unicode') (FeatureUnion) + LogisticRegression(max_iter=2000, lbfgs) with C in {1, 10}"
                    " x class_weight in {None, 'balanced'} chosen by macro-F1 on a stratified 10% validation split of"
                    " train (random_state=1), then refitted on all of train; the time includes the search"),
    "fasttext": ("train_supervised(wordNgrams=2, epoch=25, lr=0.5, dim=100, minCount=1, loss='softmax',"
                 " thread=1, seed=1); texts lower-cased, newlines -> spaces"),
    "vw": ("--oaa K --ngram 2 --loss_function logistic -b 24 --passes 5 --cache_file TMP -k"
           " --random_seed 1 (default holdout / early stop); texts lower-cased, '|' and ':' -> spaces"),
    "triage": "triage train --seed 1 --threads 1 [--algorithm nb|cnb|lr]; triage evaluate --format json",
}

TRIAGE_TIMEOUT_S = 3600



# ----------------------------------------------------------------------------- data

def scores(y_true, y_pred):
    from sklearn.metrics import accuracy_score, f1_score
    return {
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "macro_f1": float(f1_score(y_true, y_pred, average="macro", zero_division=0)),
    }


# ----------------------------------------------------------------------------- peers

def run_sklearn(name, Xtr, ytr, Xte, yte):
    if name == "sk_lr_tuned":
        return run_sklearn_tuned(Xtr, ytr, Xte, yte)
    model = make_sklearn(name)
    import warnings
    t0, c0 = time.perf_counter(), time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. ConvergenceWarning
        model.fit(Xtr, ytr)
    t1, c1 = time.perf_counter(), time.process_time()
    pred = model.predict(Xte)
    t2 = time.perf_counter()
    return dict(scores(yte, pred), train_s=t1 - t0, train_cpu_s=c1 - c0, predict_s=t2 - t1)


def dt_like_features():
    """Word 1-2-grams + character 3-4-grams inside word boundaries: the kind of features DisputeTriage uses."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion
    return FeatureUnion([
        ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode")),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), min_df=2, sublinear_tf=True,
                                 strip_accents="unicode")),
    ])


def validation_split(y, fraction=0.1):
    """Stratified hold-out indices (random_state = SEED); plain random if a class is too small."""
    from sklearn.model_selection import train_test_split
    idx = list(range(len(y)))
    try:
        return train_test_split(idx, test_size=fraction, random_state=SEED, stratify=y)
    except ValueError:
        return train_test_split(idx, test_size=fraction, random_state=SEED)


def fit_sklearn_tuned(Xtr, ytr):
    """The tuned peer fitted on (Xtr, ytr): C and class weight chosen on a stratified 10% validation
    split, then refitted on all of it. Returns (model, chosen settings, candidates)."""
    import warnings

    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.pipeline import make_pipeline
    fit_idx, val_idx = validation_split(ytr)
    Xf, yf = [Xtr[i] for i in fit_idx], [ytr[i] for i in fit_idx]
    Xv, yv = [Xtr[i] for i in val_idx], [ytr[i] for i in val_idx]
    features = dt_like_features().fit(Xf)
    Ff, Fv = features.transform(Xf), features.transform(Xv)
    best, candidates = None, []
    for cw in (None, "balanced"):
        for c in (1, 10):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                lr = LogisticRegression(C=c, max_iter=2000, class_weight=cw).fit(Ff, yf)
            f1 = float(f1_score(yv, lr.predict(Fv), average="macro", zero_division=0))
            candidates.append({"C": c, "class_weight": cw or "none", "validation_macro_f1": f1})
            if best is None or f1 > best[0]:
                best = (f1, c, cw)
    _, c, cw = best
    model = make_pipeline(dt_like_features(), LogisticRegression(C=c, max_iter=2000, class_weight=cw))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(Xtr, ytr)
    return model, f"C={c} {'balanced' if cw else 'unweighted'}", candidates


def run_sklearn_tuned(Xtr, ytr, Xte, yte):
    t0, c0 = time.perf_counter(), time.process_time()
    model, chosen, candidates = fit_sklearn_tuned(Xtr, ytr)
    t1, c1 = time.perf_counter(), time.process_time()
    pred = model.predict(Xte)
    t2 = time.perf_counter()
    return dict(scores(yte, pred), train_s=t1 - t0, train_cpu_s=c1 - c0, predict_s=t2 - t1, chosen=chosen,
                candidates=candidates)


def run_fasttext(Xtr, ytr, Xte, yte, tmp):
    import fasttext
    classes = sorted(set(ytr))
    index = {c: i for i, c in enumerate(classes)}
    train_path = Path(tmp) / "fasttext.train.txt"
    t0, c0 = time.perf_counter(), time.process_time()
    with open(train_path, "w", encoding="utf-8") as f:
        for t, y in zip(Xtr, ytr):
            f.write(f"__label__{index[y]} {fasttext_normalized(t)}\n")
    model = fasttext.train_supervised(input=str(train_path), **FASTTEXT_PARAMS, verbose=0)
    t1, c1 = time.perf_counter(), time.process_time()
    labels, _ = model.predict([fasttext_normalized(t) for t in Xte], k=1)
    pred = [classes[int(l[0][len("__label__"):])] for l in labels]
    t2 = time.perf_counter()
    return dict(scores(yte, pred), train_s=t1 - t0, train_cpu_s=c1 - c0, predict_s=t2 - t1)


def run_vw(Xtr, ytr, Xte, yte, tmp):
    from vowpalwabbit import Workspace
    classes = sorted(set(ytr))
    index = {c: i + 1 for i, c in enumerate(classes)}  # VW oaa labels are 1..K
    tmp = Path(tmp)
    train_path, cache, model_path = tmp / "vw.train", tmp / "vw.cache", tmp / "vw.model"
    t0 = time.perf_counter()
    with open(train_path, "w", encoding="utf-8") as f:
        for t, y in zip(Xtr, ytr):
            f.write(f"{index[y]} |t {vw_text(t)}\n")
    ws = Workspace(arg_list=vw_train_args(len(classes), train_path, cache, model_path))  # learns over -d
    ws.finish()
    t1 = time.perf_counter()
    ws = Workspace(arg_list=vw_test_args(model_path))
    pred = [classes[int(ws.predict(f" |t {vw_text(t)}")) - 1] for t in Xte]
    ws.finish()
    t2 = time.perf_counter()
    return dict(scores(yte, pred), train_s=t1 - t0, predict_s=t2 - t1)


def run_peer(name, Xtr, ytr, Xte, yte):
    tmp = tempfile.mkdtemp(prefix=f"peers-{name}-")
    try:
        if name.startswith("sk_"):
            return run_sklearn(name, Xtr, ytr, Xte, yte)
        if name == "fasttext":
            return run_fasttext(Xtr, ytr, Xte, yte, tmp)
        if name == "vw":
            return run_vw(Xtr, ytr, Xte, yte, tmp)
        raise ValueError(name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ----------------------------------------------------------------------------- DisputeTriage CLI

def parse_eval_json(stdout):
    s = stdout.strip()
    try:
        obj = json.loads(s)
    except json.JSONDecodeError as error:
        # tolerate stray lines around the object: take the outermost {...}
        a, b = s.find("{"), s.rfind("}")
        if a < 0 or b <= a:
            raise ValueError(f"no JSON object on stdout: {s[:200]!r}") from error
        obj = json.loads(s[a:b + 1])
    if not isinstance(obj, dict):
        raise ValueError("evaluate output is not a JSON object")
    return {"accuracy": float(obj["accuracy"]), "macro_f1": float(obj["macro_f1"])}


def run_cmd(cmd):
    """Runs cmd; returns its stdout, wall seconds and CPU seconds (user + system of the child)."""
    import resource
    eprint("  $ " + " ".join(cmd))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=TRIAGE_TIMEOUT_S)
    dt = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if p.returncode != 0:
        raise RuntimeError(f"exit {p.returncode}: {p.stderr.strip()[-2000:]}")
    return p.stdout, dt, cpu


def triage_default_algorithm(triage_bin):
    """The --algorithm default printed by `triage train --help`, e.g. "lr" (None if unknown)."""
    try:
        text = subprocess.run([str(triage_bin), "train", "--help"], capture_output=True, text=True, timeout=60).stdout
    except Exception:
        return None
    m = re.search(r"--algorithm <algorithm>.*?default: (\w+)", text, re.S)
    return m.group(1) if m else None


def triage_chosen(manifest_path, label):
    """'C=10 balanced' from the settings search recorded in a model's manifest (None if fixed settings)."""
    try:
        info = json.loads(Path(manifest_path).read_text(encoding="utf-8"))["info"]["classifiers"][label]
        selection = info["selection"]
        chosen = selection["candidates"][selection["chosenIndex"]]
        c = chosen["inverseRegularization"]
        weighting = "balanced" if chosen["classWeighting"] == "balanced" else "unweighted"
        return f"C={int(c) if c == int(c) else c} {weighting}"
    except (OSError, KeyError, ValueError, TypeError):
        return None


def run_triage(binary, algo, task_dir, label):
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        raise FileNotFoundError(f"triage binary not found or not executable: {binary}")
    tmp = tempfile.mkdtemp(prefix="peers-triage-")
    try:
        model = os.path.join(tmp, "model")
        cmd = [binary, "train", "--data", str(task_dir / "train.csv"), "--label", label,
               "--text-field", "text", "--out", model, "--seed", str(SEED), "--threads", "1"]
        if algo:
            cmd += ["--algorithm", algo]
        _, train_s, train_cpu_s = run_cmd(cmd)
        chosen = triage_chosen(Path(model) / "manifest.json", label)
        out, predict_s, _ = run_cmd([binary, "evaluate", "--model", model, "--data", str(task_dir / "test.csv"),
                                  "--label", label, "--format", "json"])
        result = dict(parse_eval_json(out), train_s=train_s, train_cpu_s=train_cpu_s, predict_s=predict_s)
        if chosen:
            result["chosen"] = chosen
        return result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ----------------------------------------------------------------------------- report

def cell(r):
    if not r or r.get("macro_f1") is None:
        return "n/a"
    return f"{r['macro_f1']:.3f} ({r['accuracy']:.3f})"


def best_peer(res):
    ok = [(res[p]["macro_f1"], p) for p in PEERS if res.get(p) and res[p].get("macro_f1") is not None]
    return max(ok)[1] if ok else None


def task_table(task, info):
    res = info["results"]
    bp = best_peer(res)
    lines = [f"### {task} — label `{info['label']}`, {info['n_classes']} classes, "
             f"{info['n_train']} train / {info['n_test']} test", "",
             "| system | macro-F1 | accuracy | train s (CPU s) | predict s |", "|---|---:|---:|---:|---:|"]
    for s in PEERS + TRIAGE_SYSTEMS:
        r = res.get(s)
        if r is None or (s in PEERS and r.get("skipped")):
            continue
        name = DISPLAY[s] + (f" ({r['chosen']})" if r.get("chosen") else "") + (" (best peer)" if s == bp else "")
        if r.get("macro_f1") is None:
            lines.append(f"| {name} | n/a | n/a | n/a | n/a |")
        else:
            mf, acc = f"{r['macro_f1']:.3f}", f"{r['accuracy']:.3f}"
            if s == bp:
                mf, acc = f"**{mf}**", f"**{acc}**"
            cpu = f" ({r['train_cpu_s']:.1f})" if r.get("train_cpu_s") is not None else ""
            lines.append(f"| {name} | {mf} | {acc} | {r['train_s']:.1f}{cpu} | {r['predict_s']:.2f} |")
    return "\n".join(lines)


def summary_table(all_res, systems):
    head = ["task"] + [SHORT[s] for s in systems] + ["best peer", "DT default beats best peer?"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for task, info in all_res.items():
        res = info["results"]
        bp = best_peer(res)
        cells = []
        for s in systems:
            c = cell(res.get(s))
            if s == bp:
                c = f"**{c}**"
            cells.append(c)
        if bp:
            bpc = f"{SHORT[bp]} {res[bp]['macro_f1']:.3f}"
        else:
            bpc = "n/a"
        d = res.get("triage_default")
        if bp and d and d.get("macro_f1") is not None:
            delta = d["macro_f1"] - res[bp]["macro_f1"]
            verdict = f"{'yes' if delta > 0 else 'no'} ({delta:+.3f})"
        else:
            verdict = "n/a"
        lines.append("| " + " | ".join([task] + cells + [bpc, verdict]) + " |")
    return "\n".join(lines)


def training_time_table(all_res, systems):
    head = ["task"] + [SHORT[s] for s in systems]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * len(systems)]
    for task, info in all_res.items():
        cells = []
        for s in systems:
            r = info["results"].get(s) or {}
            if r.get("train_s") is None:
                cells.append("n/a")
            else:
                cpu = f" ({r['train_cpu_s']:.1f})" if r.get("train_cpu_s") is not None else ""
                cells.append(f"{r['train_s']:.1f}{cpu}")
        lines.append("| " + " | ".join([task] + cells) + " |")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- main

def main():
    repo = Path(__file__).resolve().parents[2]
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", default=",".join(TASKS), help="comma-separated subset of: " + ", ".join(TASKS))
    ap.add_argument("--data-dir", default=os.environ.get("DATA_DIR") or str(repo.parent / "shared" / "data"))
    ap.add_argument("--skip-peers", action="store_true", help="do not run the Python peers")
    ap.add_argument("--skip-triage", action="store_true", help="do not run the DisputeTriage CLI (n/a columns)")
    ap.add_argument("--peers", default=",".join(PEERS), help="comma-separated subset of: " + ", ".join(PEERS))
    ap.add_argument("--triage-systems", default=",".join(TRIAGE_SYSTEMS),
                    help="comma-separated subset of: " + ", ".join(TRIAGE_SYSTEMS))
    args = ap.parse_args()

    tasks = [t.strip() for t in args.tasks.split(",") if t.strip()]
    unknown = [t for t in tasks if t not in TASKS]
    if unknown:
        ap.error(f"unknown task(s): {', '.join(unknown)}; known: {', '.join(TASKS)}")
    peers = [p.strip() for p in args.peers.split(",") if p.strip()]
    triage_systems = [t.strip() for t in args.triage_systems.split(",") if t.strip()]
    for name, known in ((peers, PEERS), (triage_systems, TRIAGE_SYSTEMS)):
        if any(n not in known for n in name):
            ap.error(f"unknown system in {name}; known: {', '.join(known)}")
    data_dir = Path(args.data_dir).resolve()
    triage_bin = os.environ.get("TRIAGE") or str(repo / ".build" / "release" / "triage")

    all_res = {}
    for task in tasks:
        label = TASKS[task]
        tdir = data_dir / task
        Xtr, ytr = read_split(tdir / "train.csv", label)
        Xte, yte = read_split(tdir / "test.csv", label)
        info = {"label": label, "n_train": len(Xtr), "n_test": len(Xte),
                "n_classes": len(set(ytr) | set(yte)), "results": {}}
        all_res[task] = info
        eprint(f"== {task}: {len(Xtr)} train / {len(Xte)} test, label {label}")

        for p in peers:
            if args.skip_peers:
                info["results"][p] = {"macro_f1": None, "accuracy": None, "skipped": True}
                continue
            try:
                r = run_peer(p, Xtr, ytr, Xte, yte)
                chosen = f" ({r['chosen']})" if "chosen" in r else ""
                eprint(f"  {DISPLAY[p]:<36} macro-F1 {r['macro_f1']:.4f} acc {r['accuracy']:.4f} "
                       f"train {r['train_s']:.1f}s predict {r['predict_s']:.2f}s" + chosen)
            except Exception as e:  # keep going: a failed peer is an n/a cell
                traceback.print_exc()
                eprint(f"  {DISPLAY[p]} failed: {e}")
                r = {"macro_f1": None, "accuracy": None, "error": str(e)}
            info["results"][p] = r

        for s, algo in TRIAGE_ALGOS:
            if s not in triage_systems:
                continue
            if args.skip_triage:
                info["results"][s] = {"macro_f1": None, "accuracy": None, "skipped": True}
                continue
            # The default configuration is one of the explicit ones: reuse that run instead of training twice.
            default_algo = triage_default_algorithm(triage_bin) if algo is None else None
            if default_algo and info["results"].get(f"triage_{default_algo}", {}).get("macro_f1") is not None:
                r = dict(info["results"][f"triage_{default_algo}"], same_as=f"triage_{default_algo}")
                eprint(f"  {DISPLAY[s]:<36} = DisputeTriage {default_algo} (the default configuration)")
                info["results"][s] = r
                continue
            try:
                r = run_triage(triage_bin, algo, tdir, label)
                eprint(f"  {DISPLAY[s]:<36} macro-F1 {r['macro_f1']:.4f} acc {r['accuracy']:.4f} "
                       f"train {r['train_s']:.1f}s predict {r['predict_s']:.2f}s")
            except Exception as e:
                eprint(f"  {DISPLAY[s]} failed: {e}")
                r = {"macro_f1": None, "accuracy": None, "error": str(e)}
            info["results"][s] = r

    systems = ([] if args.skip_peers else peers) + [t for t in TRIAGE_SYSTEMS if t in triage_systems]
    out = ["# DisputeTriage vs peers", "",
           "Cells: macro-F1 (accuracy) on test.csv after training on train.csv; one thread; "
           "**bold** = best peer by macro-F1. DT = DisputeTriage CLI.", ""]
    for task, info in all_res.items():
        out += [task_table(task, info), ""]
    out += ["## Summary", "", summary_table(all_res, systems), ""]
    out += ["## Training time", "", "Seconds wall (CPU) for training, one thread; the load of the shared machine "
            "changes wall times, CPU times less.", "", training_time_table(all_res, systems), ""]
    print("\n".join(out), flush=True)

    rj = os.environ.get("RESULTS_JSON")
    if rj:
        payload = {
            "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "data_dir": str(data_dir), "triage_binary": None if args.skip_triage else triage_bin,
            "seed": SEED, "threads": 1, "versions": versions(), "settings": SETTINGS,
            "tasks": all_res,
        }
        Path(rj).parent.mkdir(parents=True, exist_ok=True)
        with open(rj, "w", encoding="utf-8") as f:
            json.dump(payload, f, indent=2)
        eprint(f"results written to {rj}")


if __name__ == "__main__":
    main()
