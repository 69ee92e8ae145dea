"""Training on several cores: `triage train` and `triage crossvalidate` at `--threads 1` and `--threads N`,
interleaved in each round so that the load of a shared machine hits both alike; prints one JSON line per job with
every run's wall and CPU seconds, their medians, the wall-time ratio (1 thread ÷ N) and whether both thread
counts wrote the same model files (train) or report (crossvalidate), which they must.

    python3 Benchmarks/peers/train_threads.py --rounds 5 --threads 2 .build/release/triage

Jobs: one label of each of the four text tasks, the dispute model (`make model`'s two labels at once) and 5-fold
cross-validation of fincorp. Needs only the Python standard library and the shared data.
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
from pathlib import Path

TASKS = {"banking77": "intent", "cfpb": "product_group", "fincorp": "severity", "fr_insurance_reviews": "product"}


def jobs(data, repo):
    """Name → (arguments before --threads, whether it writes a model directory)."""
    found = {
        task: (["train", "--data", str(data / task / "train.csv"), "--label", label], True)
        for task, label in TASKS.items()
    }
    found["dispute model"] = (
        ["train", "--data", str(repo / "TrainingData" / "disputes.jsonl"), "--label", "subject", "--label", "severity",
         "--space", "vocab:2", "--char-ngrams", "3-4"],
        True,
    )
    found["fincorp 5-fold cv"] = (
        ["crossvalidate", "--data", str(data / "fincorp" / "train.csv"), "--label", "severity", "--folds", "5",
         "--format", "json"],
        False,
    )
    return found


def run(binary, arguments, threads, out):
    """Wall and CPU seconds of one process, and the digest of what it wrote."""
    command = [binary, *arguments, "--threads", str(threads), "--seed", "1", "--quiet"]
    if out:
        command += ["--out", out, "--created-at", "2026-01-01T00:00:00Z"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    digest = hashlib.sha256()
    if out:
        for name in sorted(os.listdir(out)):
            digest.update(Path(out, name).read_bytes())
    else:
        digest.update(result.stdout)
    return wall, cpu, digest.hexdigest()[:16]


def main():
    repo = Path(__file__).resolve().parents[2]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--jobs", help="comma-separated job names (default: all)")
    parser.add_argument("--data-dir", default=os.environ.get("DATA_DIR") or str(repo.parent / "shared" / "data"))
    parser.add_argument("binary", nargs="?", default=str(repo / ".build" / "release" / "triage"))
    args = parser.parse_args()
    selected = jobs(Path(args.data_dir), repo)
    if args.jobs:
        selected = {name: selected[name] for name in args.jobs.split(",")}
    counts = [1, args.threads]
    for name, (arguments, writes_model) in selected.items():
        runs = {n: [] for n in counts}
        digests = {n: set() for n in counts}
        scratch = tempfile.mkdtemp(prefix="train-threads-")
        try:
            for round_index in range(args.rounds):
                for n in counts:
                    out = os.path.join(scratch, f"model-{n}-{round_index}") if writes_model else None
                    wall, cpu, digest = run(args.binary, arguments, n, out)
                    runs[n].append({"wall_s": round(wall, 3), "cpu_s": round(cpu, 3)})
                    digests[n].add(digest)
                print(name, round_index, {n: runs[n][-1] for n in counts}, os.getloadavg()[0], file=sys.stderr)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        medians = {
            n: {key: statistics.median(run[key] for run in runs[n]) for key in ("wall_s", "cpu_s")} for n in counts
        }
        print(json.dumps({
            "job": name, "runs": runs, "medians": medians,
            "wall_ratio": round(medians[1]["wall_s"] / medians[args.threads]["wall_s"], 3),
            "same_output": len(digests[1] | digests[args.threads]) == 1,
        }), flush=True)


if __name__ == "__main__":
    sys.exit(main())
