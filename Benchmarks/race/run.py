"""The whole race in order: documents, training, a quiet machine, measurements, report and JSON."""
import datetime
import os
import shutil
import sys
import tempfile
from pathlib import Path

import documents
import environment
import measure
import report
import targets
import train
from results import MachineLoad, Meta, PeerModels, RaceRun
from systems import DEFAULT_MODEL, EVALUATION_DATA, SETS, repo_relative

from peers import eprint


def run_race(args):
    data_dir = Path(args.data_dir).resolve()
    if not os.access(args.triage, os.X_OK):
        sys.exit(f"[race] triage binary not found: {args.triage}")
    keep = bool(args.workdir)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="disputetriage-race-"))
    work.mkdir(parents=True, exist_ok=True)
    eprint(f"[race] work dir {work}")
    try:
        sets = documents.write_sets(data_dir, work, {"short": args.short_n, "long": args.long_n})

        # the peers, the DisputeTriage variants (and their subject accuracy)
        models = train.train_all(data_dir, work) if not args.skip_peers else {
            k: PeerModels(n_train=0, n_classes=0) for k in SETS}
        variants = {} if args.skip_triage_variants else {"triage_words": train.train_triage_words(args.triage, work)}
        accuracy = train.evaluate_subject(args.triage, {"triage": str(DEFAULT_MODEL),
                                                        **{s: v.model for s, v in variants.items()}})

        # wait for a quiet machine, then measure (checking that the binary was not rebuilt meanwhile)
        wait = environment.wait_for_load(args.max_load, args.load_timeout, args.load_poll)
        eprint(f"[race] measuring (1-min load {wait.load_at_start:.2f})")
        sha0 = environment.sha256(args.triage)
        results = measure.measure(args, work, models, sets, variants)
        loads = [la for r in results.values() for la in r.loads()]
        load = MachineLoad(**vars(wait), max_load=args.max_load, min=min(loads), max=max(loads),
                           end=environment.loadavg())
        sha1 = environment.sha256(args.triage)

        nproc, cpu, mem = environment.machine()
        meta = Meta(date=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                    nproc=nproc, cpu=cpu, mem=mem, load=load, commit=environment.git_commit(),
                    triage=repo_relative(args.triage), triage_sha=sha0, triage_changed=sha0 != sha1,
                    versions=environment.versions_line(), runs=args.runs, models=models,
                    command=args.command or "bash Benchmarks/race/race.sh", variants=variants, accuracy=accuracy,
                    evaluation_data=repo_relative(EVALUATION_DATA),
                    bundled_model_matches=environment.bundled_model_matches(args.triage))
        run = RaceRun(meta=meta, sets=sets, results=results, ratios=targets.race_ratios(results))
        write_outputs(run, args.results, args.json)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def write_outputs(run, results_path, json_path=None):
    """Prints the report, and writes it to results_path and the whole run to json_path (if given)."""
    md = report.render(run)
    print(md)
    if results_path:
        Path(results_path).write_text(md, encoding="utf-8")
        eprint(f"[race] wrote {results_path}")
    if json_path:
        run.save(json_path)
        eprint(f"[race] wrote {json_path}")
