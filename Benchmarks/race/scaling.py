"""Whole-process `triage score` timings in interleaved rounds (A, B, A, B, ...), for thread scaling.

Each round runs every named configuration once, in order; the CPU that other processes used during
each run (from /proc/stat) is printed beside it, since this shared machine is rarely quiet. With
--quiet, a round starts only after 1 s in which the machine was idle, and only rounds in which no
run saw more than 0.05 CPU-seconds of other work count. Prints every round, then medians and, for
each --pair A/B, the median of the per-round ratios A/B (how much faster B is).

    python3 Benchmarks/race/scaling.py --rounds 9 --quiet --data /work/speed-data/short.jsonl \\
        --config main1=/tmp/main/triage:1 --config main2=/tmp/main/triage:2 \\
        --config new1=.build/release/triage:1 --config new2=.build/release/triage:2 \\
        --pair main1/main2 --pair new1/new2

Run from the repository root (the model is `Models/default`); OPENBLAS_NUM_THREADS=1 as in the race.
"""

import argparse
import os
import statistics
import subprocess
import time


def busy_seconds():
    """CPU-seconds the whole machine has been busy since boot."""
    with open("/proc/stat") as f:
        v = list(map(int, f.readline().split()[1:]))
    return (sum(v[:8]) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")


def wait_until_idle(deadline):
    """Waits for a second with (almost) no CPU use; False when the deadline passes first."""
    while time.time() < deadline:
        before = busy_seconds()
        time.sleep(1.0)
        if busy_seconds() - before < 0.05:
            return True
    return False


def run(command):
    """Wall seconds, CPU-seconds of the command, CPU-seconds of everything else meanwhile."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    before = busy_seconds()
    start = time.perf_counter()
    with open(os.devnull, "wb") as out:
        process = subprocess.Popen(command, stdout=out, env=env)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    if status != 0:
        raise SystemExit(f"failed ({status}): {' '.join(command)}")
    return wall, cpu, max(0.0, busy_seconds() - before - cpu)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--data", required=True)
    parser.add_argument("--config", action="append", required=True, help="NAME=BINARY:THREADS")
    parser.add_argument("--pair", action="append", default=[], help="A/B: report A's time / B's time")
    parser.add_argument("--quiet", action="store_true", help="count only rounds on an idle machine")
    parser.add_argument("--budget", type=float, default=600, help="seconds to spend at most (with --quiet)")
    parser.add_argument("extra", nargs="*", help="more `triage score` arguments (after --)")
    args = parser.parse_args()

    configs = {}
    for spec in args.config:
        name, rest = spec.split("=", 1)
        binary, threads = rest.rsplit(":", 1)
        configs[name] = [binary, "score", "--model", "Models/default", "--data", args.data, "--threads", threads]
        configs[name] += args.extra
    results = {name: [] for name in configs}
    deadline = time.time() + args.budget
    print("load before:", open("/proc/loadavg").read().strip())
    while len(results[next(iter(configs))]) < args.rounds:
        if args.quiet and not wait_until_idle(deadline):
            break
        round_ = {name: run(command) for name, command in configs.items()}
        clean = all(other < 0.05 for _, _, other in round_.values())
        counted = clean or not args.quiet
        label = "round" if counted else "skipped"
        print(label, "  ".join(f"{n} {w:.3f}s (cpu {c:.2f}, other {o:.2f})" for n, (w, c, o) in round_.items()), flush=True)
        if counted:
            for name, result in round_.items():
                results[name].append(result)
    print("load after:", open("/proc/loadavg").read().strip())
    for name, runs in results.items():
        if runs:
            walls = [w for w, _, _ in runs]
            cpus = [c for _, c, _ in runs]
            print(f"{name}: wall median {statistics.median(walls):.3f} s (min {min(walls):.3f}, max {max(walls):.3f}), "
                  f"CPU median {statistics.median(cpus):.3f} s, {len(runs)} rounds")
    for pair in args.pair:
        a, b = pair.split("/")
        if results[a]:
            ratios = [x[0] / y[0] for x, y in zip(results[a], results[b])]
            reached = sum(r >= 1.7 for r in ratios)
            print(f"{a}/{b}: median of per-round ratios {statistics.median(ratios):.2f} "
                  f"(min {min(ratios):.2f}, max {max(ratios):.2f}; {reached}/{len(ratios)} rounds >= 1.70): "
                  + " ".join(f"{r:.2f}" for r in ratios))


if __name__ == "__main__":
    main()
