#!/usr/bin/env python3
"""Throughput race: DisputeTriage (`triage` CLI) against fastText, scikit-learn and
Vowpal Wabbit on the same documents, one thread each.

Normally started by race.sh (which sets up the venv, the fastText CLI, /usr/bin/time and
the triage binary, and puts Benchmarks/peers on PYTHONPATH); see README.md beside this file.

Subcommands:
  run        the whole race: data, training, load wait, measurements, report (default)
  report     re-render the Markdown report from the JSON of a run (RACE_JSON / --json)
  inproc     (internal) one in-process measurement of a Python peer; prints one JSON object
  wholeproc  (internal) one whole-process run of a Python peer: load model, predict a file,
             print one label per line
"""
import argparse
import os
import shutil
import sys

# Benchmarks/peers/peers.py (on PYTHONPATH) defines the peers, shared with the accuracy comparison;
# systems imports it first, which puts the numeric libraries on one thread.
from systems import PEERS, REPO, SETS


def cmd_report(args):
    """Re-renders the Markdown report from a RACE_JSON file (no measuring); the ratios are computed
    again from the results, as when the run wrote it."""
    import dataclasses

    from results import RaceRun
    from run import write_outputs
    from targets import race_ratios

    run = RaceRun.load(args.json_in)
    write_outputs(dataclasses.replace(run, ratios=race_ratios(run.results)), args.results)


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
    # Imported per command: `inproc` and `wholeproc` are the Python peers' measured processes, whose
    # start-up time is part of the whole-process figures, so they load only the peer code.
    if args.cmd == "run":
        from run import run_race
        run_race(args)
    elif args.cmd == "report":
        cmd_report(args)
    else:
        import peer_process
        if args.cmd == "inproc":
            peer_process.inproc(args.system, args.model, args.data, args.runs)
        else:
            peer_process.wholeproc(args.system, args.model, args.data)

if __name__ == "__main__":
    main()
