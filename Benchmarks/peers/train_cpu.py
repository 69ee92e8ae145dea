"""Training CPU side by side: scikit-learn's `sk_lr` fit against `triage train` (default configuration,
one or more binaries), interleaved in each round so that the load of a shared machine hits all of them
alike; prints one JSON line per task with every run, the medians, test macro-F1 and accuracy of each
system (from the first round) and the SHA-256 of each binary's weights (equal = the same model).

    PEERS_VENV/bin/python Benchmarks/peers/train_cpu.py --tasks fincorp,banking77 --rounds 3 \\
        before=/tmp/triage-main after=.build/release/triage

scikit-learn's CPU seconds are `time.process_time()` around `fit` (vectorizer and solver, as in
compare.py); DisputeTriage's are the user + system seconds of the whole `triage train` process
(reading, features, settings search, final fit, saving), on one thread (`--threads 1`, as issue 15's target
1 asks; `--triage-threads all` leaves the flag out, for binaries from before it existed). That is the
strict comparison. With `--sklearn-job`, `sklearn_job` is also measured the way DisputeTriage is: the
user + system seconds of a whole Python process that imports scikit-learn, reads the CSV and fits
(what a user running the peer as a script pays; no model is saved).
"""
import argparse
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

from peers import SEED, eprint, make_sklearn, read_split

TASKS = {"banking77": "intent", "cfpb": "product_group", "fincorp": "severity", "fr_insurance_reviews": "product"}


def sklearn_round(data, task):
    """CPU seconds of one sk_lr fit, and the fitted pipeline."""
    texts, labels = read_split(data / task / "train.csv", TASKS[task])
    model = make_sklearn("sk_lr")
    start = time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. ConvergenceWarning
        model.fit(texts, labels)
    return time.process_time() - start, model


def sklearn_scores(data, task, model):
    from sklearn.metrics import accuracy_score, f1_score

    texts, labels = read_split(data / task / "test.csv", TASKS[task])
    predicted = model.predict(texts)
    return f1_score(labels, predicted, average="macro", zero_division=0), accuracy_score(labels, predicted)


def sklearn_job_round(data, task):
    """User + system seconds of one Python process that reads the training CSV and fits sk_lr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, __file__, "--job", task, "--data-dir", str(data)], check=True,
                   env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def triage_round(binary, data, task, out, threads):
    """User + system seconds of one `triage train` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    flags = [] if threads == "all" else ["--threads", threads]
    subprocess.run([binary, "train", "--data", str(data / task / "train.csv"), "--label", TASKS[task], "--out", out,
                    "--seed", str(SEED), "--quiet", "--created-at", "2026-01-01T00:00:00Z", *flags],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def triage_scores(binary, data, task, model):
    out = subprocess.run([binary, "evaluate", "--model", model, "--data", str(data / task / "test.csv"), "--label",
                          TASKS[task], "--format", "json"], check=True, capture_output=True, text=True).stdout
    report = json.loads(out)
    return report["macro_f1"], report["accuracy"]


def main():
    repo = Path(__file__).resolve().parents[2]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", default=",".join(TASKS))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--triage-threads", default="1", help="triage train --threads (all: leave the flag out)")
    parser.add_argument("--data-dir", default=os.environ.get("DATA_DIR") or str(repo.parent / "shared" / "data"))
    parser.add_argument("--sklearn-job", action="store_true",
                        help="also measure scikit-learn as a whole process (import, read, fit)")
    parser.add_argument("--job", help=argparse.SUPPRESS)  # the child process of --sklearn-job
    parser.add_argument("binaries", nargs="*", help="NAME=PATH of a triage binary (none: scikit-learn alone)")
    args = parser.parse_args()
    data = Path(args.data_dir)
    if args.job:
        sklearn_round(data, args.job)
        return 0
    binaries = dict(b.split("=", 1) for b in args.binaries)
    for task in args.tasks.split(","):
        cpu = {"sklearn": []} | ({"sklearn_job": []} if args.sklearn_job else {}) | {name: [] for name in binaries}
        scores, weights = {}, {}
        scratch = tempfile.mkdtemp(prefix="train-cpu-")
        try:
            for round_index in range(args.rounds):
                seconds, model = sklearn_round(data, task)
                cpu["sklearn"].append(seconds)
                if round_index == 0:
                    scores["sklearn"] = sklearn_scores(data, task, model)
                if args.sklearn_job:
                    cpu["sklearn_job"].append(sklearn_job_round(data, task))
                for name, binary in binaries.items():
                    out = os.path.join(scratch, name)
                    cpu[name].append(triage_round(binary, data, task, out, args.triage_threads))
                    if round_index == 0:
                        scores[name] = triage_scores(binary, data, task, out)
                        digest = hashlib.sha256(Path(out, "weights.safetensors").read_bytes()).hexdigest()
                        weights[name] = digest[:16]
                eprint(task, round_index, {name: round(runs[-1], 2) for name, runs in cpu.items()})
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        medians = {name: statistics.median(runs) for name, runs in cpu.items()}
        print(json.dumps({"task": task, "cpu_s": cpu, "median_cpu_s": medians, "macro_f1_accuracy": scores,
                          "weights_sha256": weights}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
