"""The race's Markdown report (Benchmarks/race/results.md), rendered from a results.RaceRun."""
from markdown import Markdown
from results import Ratios
from systems import DISPLAY, MODES, PEERS, SETS, SETTINGS, TRIAGES
from targets import TARGETS, TARGETS15, verdict_mem, verdict_ratio

# `triage throughput --all-stages`: each stage stops the pipeline after it; what each one adds to the
# previous one:
STAGES = {
    "tokenize": "tokens only (texts already in memory)",
    "features": "+ word/char n-grams, vocabulary lookup, tf-idf",
    "classify": "+ subject and severity models",
    "score": "+ priority and result values (the whole job without explanations)",
    "explain": "+ factor contributions and words (what `triage score` gives by default)",
}
# the rows of the whole-process table
WHOLE_PROCESS = {
    "triage": "DisputeTriage `triage score --no-explanation --threads 1`",
    "triage_explain": "DisputeTriage `triage score --threads 1` (with explanations)",
    "triage_2t": "DisputeTriage `triage score --no-explanation --threads 2`",
    "triage_explain_2t": "DisputeTriage `triage score --threads 2` (with explanations)",
    "triage_words": "DisputeTriage (word n-grams only) `triage score --model DIR --no-explanation`",
    "fasttext": "fastText CLI `fasttext predict`",
    "sk_lr": "sklearn LR (python: load pipeline, predict)",
    "sk_counts_mnb": "sklearn MNB (python)",
    "vw": "Vowpal Wabbit (python)",
}


def fmt_int(x):
    return f"{x:,.0f}"


def us_per_doc(m):
    return 1e6 / m.docs_per_second


def share(us, budget):
    return f"{us / budget:.0%} of that budget" if us < budget else f"{us / budget:.1f}× that budget"


def render(run):
    md = Markdown()
    md.title("Throughput race: DisputeTriage vs fastText, scikit-learn, Vowpal Wabbit")
    md.bullets(header(run.meta, run.sets))
    inproc_section(md, run)
    whole_section(md, run)
    ratio_section(md, run)
    issue15_section(md, run.results)
    stage_section(md, run.meta, run.results)
    accuracy_section(md, run.meta, run.results)
    memory_section(md, run.sets, run.results)
    md.heading("Settings")
    md.bullets(settings(run.meta))
    return md.text()


def header(meta, sets):
    load, short, long = meta.load, sets["short"], sets["long"]
    return [
        f"date: {meta.date}",
        f"machine: {meta.nproc} cores ({meta.cpu}), {meta.mem}; shared with other jobs",
        f"1-min load average: {load.load_before_wait:.2f} before the wait, {load.load_at_start:.2f} when measuring "
        f"started after {load.waited_s} s{' (gave up waiting: timed out)' if load.timed_out else ''}; during the "
        f"measurements {load.min:.2f}–{load.max:.2f} (sampled before each measurement; includes the race's own "
        f"previous measurement, about 1), {load.end:.2f} at the end (target before start: < {load.max_load})",
        f"DisputeTriage: commit {meta.commit}, binary {meta.triage} (sha256 {meta.triage_sha[:12]}"
        f"{', CHANGED during the run' if meta.triage_changed else ''})",
        f"peers: {meta.versions}",
        f"one thread: OMP/OPENBLAS/MKL_NUM_THREADS=1, fastText thread=1; best of {meta.runs} runs; "
        "MB = 10^6 bytes (UTF-8 text for MB/s, peak RSS from /usr/bin/time -v)",
        f"data: short = {short.documents:,} docs from banking77 test ({short.unique} texts repeated, "
        f"{short.bytes / 1e6:.2f} MB, {short.bytes / short.documents:.0f} B/doc); long = {long.documents:,} docs "
        f"from cfpb test ({long.unique} texts repeated, {long.bytes / 1e6:.2f} MB, "
        f"{long.bytes / long.documents:.0f} B/doc)",
    ]


def inproc_section(md, run):
    short, long = run.results["short"].inproc, run.results["long"].inproc
    rows = []
    for s in [s for s in TRIAGES + PEERS if s in short]:
        a, b = short[s], long[s]
        rows.append([DISPLAY[s], fmt_int(a.docs_per_second), f"{a.mb_per_second:.2f}", f"{a.rss / 1e6:.1f}",
                     fmt_int(b.docs_per_second), f"{b.mb_per_second:.2f}", f"{b.rss / 1e6:.1f}"])
    md.heading("In-process prediction throughput (model loaded, texts in memory)")
    md.table(["system", "short docs/s", "short MB/s", "short peak RSS MB", "long docs/s", "long MB/s",
              "long peak RSS MB"], "lrrrrrr", rows)
    md.paragraph("Peak RSS of an in-process row is that of its whole measuring process (interpreter, model, "
                 "all texts in memory, outputs).")
    variant_note(md, run.meta)


def whole_section(md, run):
    short, long = run.results["short"].whole, run.results["long"].whole
    rows = []
    for s in [s for s in WHOLE_PROCESS if s in short]:
        rows.append([WHOLE_PROCESS[s]] + [cell for m in (short[s], long[s]) for cell in (
            f"{m.seconds:.3f}", f"{m.cpu_s:.2f}", fmt_int(m.docs_per_second), f"{m.rss / 1e6:.1f}")])
    md.heading("Whole process (start, load model, read file, predict, write to /dev/null)")
    md.table(["system", "short s", "short CPU s", "short docs/s", "short peak RSS MB",
              "long s", "long CPU s", "long docs/s", "long peak RSS MB"], "lrrrrrrrr", rows)
    md.paragraph("s = best wall time; CPU s = user + system time of that run (less sensitive to other jobs on the "
                 "machine than wall time).")
    variant_note(md, run.meta)


def variant_note(md, meta):
    """The line under a table that has the word-only row: what that row is."""
    if "triage_words" not in meta.variants:
        return
    acc = meta.accuracy
    if "triage" in acc and "triage_words" in acc:
        how = (f"subject accuracy {acc['triage_words'].accuracy:.1%} against {acc['triage'].accuracy:.1%} for "
               "the default model, see the accuracy table below")
    else:
        how = "its accuracy was not measured in this run"
    md.paragraph(f"{DISPLAY['triage_words']} is a faster, less accurate configuration, not the shipped model: the "
                 f"default model's settings without character n-grams, trained by the race ({how}).")


def ratio_section(md, run):
    """DisputeTriage ÷ each peer, short and long, against issue 9's targets."""
    rows = []

    def row(label, key, target, system="triage"):
        of = (run.ratios[n] if system == "triage" else run.ratios[n].triage_words or Ratios() for n in SETS)
        s, l = (getattr(r, key) for r in of)
        fs = f"{s:.2f}x" if s is not None else "n/a"
        fl = f"{l:.2f}x" if l is not None else "n/a"
        if target is None:
            rows.append([label, fs, fl, "–", "–", "–"])
        else:
            rows.append([label, fs, fl, f"≥ {target:.0f}x", verdict_ratio(s, target), verdict_ratio(l, target)])

    def which(key):
        """' (sk_lr short, sk_counts_mnb long)': the sklearn pipeline a best-sklearn row compares with."""
        b = getattr(run.ratios["short"], key), getattr(run.ratios["long"], key)
        return f" ({b[0]} short, {b[1]} long)" if any(b) else ""

    row("in-process: DisputeTriage / fastText", "inproc_fasttext", TARGETS["inproc_fasttext"])
    row(f"in-process: DisputeTriage / best sklearn{which('best_sklearn')}", "inproc_sklearn",
        TARGETS["inproc_sklearn"])
    row("in-process: DisputeTriage / Vowpal Wabbit", "inproc_vw", None)
    row("whole-process: DisputeTriage / fastText CLI", "whole_fasttext", TARGETS["whole_fasttext"])
    row("whole-process CPU time: DisputeTriage / fastText CLI", "whole_fasttext_cpu", None)
    row(f"whole-process: DisputeTriage / best sklearn{which('best_sklearn_whole')}", "whole_sklearn", None)
    words = run.ratios["short"].triage_words is not None
    if words:
        w = DISPLAY["triage_words"]
        row(f"in-process: {w} / fastText", "inproc_fasttext", TARGETS["inproc_fasttext"], "triage_words")
        row(f"in-process: {w} / best sklearn", "inproc_sklearn", TARGETS["inproc_sklearn"], "triage_words")
        row(f"whole-process: {w} / fastText CLI", "whole_fasttext", TARGETS["whole_fasttext"], "triage_words")
    md.heading("Ratios (DisputeTriage speed ÷ peer speed) and issue targets")
    md.table(["comparison", "short", "long", "target", "short verdict", "long verdict"], "lrrrll", rows)
    md.paragraph("A ratio above 1 means DisputeTriage is faster. In-process ratios compare docs/s (MB/s gives the "
                 "same ratio: same texts); whole-process ratios compare wall time.")
    if words:
        md.paragraph("The word n-grams only rows show how far dropping the character n-grams goes toward the "
                     "targets; that configuration is less accurate (see the accuracy table below), so the issue's "
                     "targets are judged on the default-model rows.")


def issue15_section(md, res):
    """Issue 15's targets 2-5 on this run: explanations, whole process with explanations, every peer, threads."""
    ip = {n: res[n].inproc for n in SETS}
    wp = {n: res[n].whole for n in SETS}
    if not all(m in ip[n] and m in wp[n] for n in SETS for m in MODES):
        return
    rows = []

    def line(label, values, target, higher_is_better=True, unit="x"):
        cells = [f"{v:.2f}{unit}" if v is not None else "n/a" for v in values]
        ok = [v is not None and (v >= target if higher_is_better else v <= target) for v in values]
        verdict = "pass" if all(ok) else "miss (" + ", ".join(n for n, o in zip(SETS, ok) if not o) + ")"
        sign = "≥" if higher_is_better else "≤"
        rows.append([label, cells[0], cells[1], f"{sign} {target}{unit}", verdict])

    def ratio(num, den, field):
        """num's `field` ÷ den's on each set: docs/s in process, seconds / cpu_s of the whole process."""
        pick = ip if field == "docs_per_second" else wp
        return [getattr(pick[n][num], field) / getattr(pick[n][den], field) for n in SETS]

    overhead = TARGETS15["explain_overhead"]
    line("explanations' cost, whole process: `triage score` ÷ `--no-explanation` (wall, 1 thread)",
         ratio("triage_explain", "triage", "seconds"), overhead, higher_is_better=False)
    line("explanations' cost, whole process, CPU time", ratio("triage_explain", "triage", "cpu_s"), overhead,
         higher_is_better=False)
    line("explanations' cost, in process (docs/s without ÷ with)", ratio("triage", "triage_explain", "docs_per_second"),
         overhead, higher_is_better=False)
    if all("fasttext" in wp[n] for n in SETS):
        line("whole process with explanations, 1 thread: `fasttext predict` ÷ `triage score` (wall)",
             ratio("fasttext", "triage_explain", "seconds"), TARGETS15["whole_explain_fasttext"])
    peers = [p for p in PEERS if all(p in ip[n] for n in SETS)]
    if peers:
        def slowest_margin(n, system):
            return min(ip[n][system].docs_per_second / ip[n][p].docs_per_second for p in peers)
        line("in process, 1 thread: DisputeTriage ÷ the fastest peer (docs/s)", [slowest_margin(n, "triage") for n in SETS],
             TARGETS15["inproc_every_peer"])
        line("… with explanations", [slowest_margin(n, "triage_explain") for n in SETS], TARGETS15["inproc_every_peer"])
    line("2 threads ÷ 1, in process (docs/s)", ratio("triage_2t", "triage", "docs_per_second"), TARGETS15["threads_2"])
    line("2 threads ÷ 1, whole process with explanations (wall)", ratio("triage_explain", "triage_explain_2t", "seconds"),
         TARGETS15["threads_2"])
    line("peak RSS MB, `triage score --threads 2` with explanations",
         [wp[n]["triage_explain_2t"].rss / 1e6 for n in SETS], 100, higher_is_better=False, unit="")
    same = [res[n].same_output for n in SETS]
    rows.append(["output of `triage score` on 2 threads byte-identical to 1 thread", str(same[0]), str(same[1]),
                 "identical", "pass" if all(same) else "miss"])
    md.heading("Issue 15 targets (explanations, every peer, threads)")
    md.table(["measure", "short", "long", "target", "verdict"], "lrrrl", rows)
    md.paragraph("Two threads can only scale if the machine's other core is free: the load average above says how "
                 "busy it was. Wall-time ratios on a shared machine move with the other jobs; CPU time does not.")


def stage_section(md, meta, res):
    """Where DisputeTriage's time goes: `triage throughput --all-stages`, short and long."""
    if not any(res[n].stages for n in SETS):
        return
    rows = []
    prev = {n: 0.0 for n in SETS}
    for stage, what in STAGES.items():
        cells = []
        for n in SETS:
            m = res[n].stages.get(stage)
            if m is None and stage == "score":  # reports from runs before --all-stages
                m = res[n].inproc["triage"]
            if m is None:
                cells += ["n/a"] * 3
                prev[n] = None
                continue
            us = us_per_doc(m)
            cells += [fmt_int(m.docs_per_second), f"{us:.2f}", f"{us - prev[n]:+.2f}" if prev[n] is not None else "n/a"]
            prev[n] = us
        rows.append([stage, what, *cells])
    md.heading("Where DisputeTriage's time goes (in-process, default model)")
    md.table(["stage", "what it adds", "short docs/s", "short µs/doc", "short +µs/doc", "long docs/s", "long µs/doc",
              "long +µs/doc"], "llrrrrrr", rows)
    md.paragraph(f"All stages are timed in one `triage throughput --all-stages` process on the same texts, interleaved "
                 f"within each pass (best of {meta.runs} passes, wall time); each stage stops the pipeline after it. "
                 "+µs/doc is what a stage adds to the one above it: the difference of two measurements, so a small one "
                 "can be off, even negative. The score row can differ a little from the in-process row above, which is "
                 "a separate process.")
    md.bullets([fasttext_budget(n, res[n]) for n in SETS])


def fasttext_budget(n, r):
    """What 10× fastText allows per document on set n, next to what tokenizing and the whole pipeline take."""
    tok = r.stages.get("tokenize")
    if "fasttext" not in r.inproc or tok is None:
        return f"{n} texts: 10× fastText: n/a (fastText or the tokenize stage not measured in this run)"
    goal = TARGETS["inproc_fasttext"] * r.inproc["fasttext"].docs_per_second
    budget, tok_us, all_us = 1e6 / goal, us_per_doc(tok), us_per_doc(r.inproc["triage"])
    return (f"10× fastText on {n} texts = {fmt_int(goal)} docs/s = {budget:.2f} µs/doc; tokenizing alone "
            f"takes {tok_us:.2f} µs/doc ({share(tok_us, budget)}), the whole default pipeline "
            f"{all_us:.2f} µs/doc ({share(all_us, budget)})")


def accuracy_section(md, meta, res):
    """Subject accuracy of the default model and the variants, next to their in-process speed."""
    acc = meta.accuracy
    if not acc:
        return
    n = next(iter(acc.values())).n
    rows = []
    for s in [s for s in TRIAGES if s in acc]:
        a = acc[s]
        f1 = f"{a.macro_f1:.3f}" if a.macro_f1 is not None else "n/a"
        speed = [fmt_int(res[k].inproc[s].docs_per_second) if s in res[k].inproc else "n/a" for k in SETS]
        rows.append([DISPLAY[s], f"{a.accuracy:.3f}", f1, speed[0], speed[1]])
    md.heading("Accuracy of the DisputeTriage models (subject)")
    md.paragraph(f"Measured apart from the speed sets: `triage evaluate --model M --data {meta.evaluation_data} "
                 f"--label subject --format json` ({n} labelled disputes; M = Models/default for the default model",
                 ", the race-trained directory for the word-only one" if "triage_words" in acc else "", ").")
    md.table(["model", "subject accuracy", "subject macro-F1", "in-process short docs/s", "in-process long docs/s"],
             "lrrrr", rows)
    if meta.bundled_model_matches is False:
        md.paragraph("Note: the measured binary's bundled default model is not the same as Models/default (manifests "
                     "differ), so the default model's accuracy above may not be that of the model whose speed was "
                     "measured.")


def memory_section(md, sets, res):
    """Peak RSS against issue 9's memory target, on the short set."""
    ns = f"{sets['short'].documents:,}"
    whole, inproc = res["short"].whole, res["short"].inproc
    ws, ins = whole["triage"].rss / 1e6, inproc["triage"].rss / 1e6
    rows = [[f"`triage score` (streaming), {ns} short docs", f"{ws:.1f}", verdict_mem(ws, TARGETS["rss_mb"])],
            [f"`triage throughput` (all {ns} texts held in memory)", f"{ins:.1f}", verdict_mem(ins, TARGETS["rss_mb"])]]
    if "fasttext" in whole:
        rows.append([f"fastText CLI `predict`, {ns} short docs (for reference)", f"{whole['fasttext'].rss / 1e6:.1f}",
                     "–"])
    md.heading(f"Peak memory scoring {ns} documents (target < 100 MB for 100,000)")
    md.table(["measurement", "peak RSS MB", "verdict"], "lrl", rows)


def settings(meta):
    models = meta.models
    lines = [f"{DISPLAY[s]}: {SETTINGS[s]}" for s in TRIAGES + PEERS
             if s not in MODES and (s != "triage_words" or s in meta.variants)]
    return lines + [
        f"peers trained on banking77 train ({models['short'].n_train} docs, {models['short'].n_classes} intents) "
        f"and cfpb train ({models['long'].n_train} docs, {models['long'].n_classes} product groups); DisputeTriage "
        "is not trained on them (its own subject/severity classes, from the repo's TrainingData), so this is a "
        "speed race, not an accuracy comparison",
        "peers get their input in their own format, prepared before the timer: one line per document "
        "(CR/LF → space) for fastText and sklearn, ' |t lower-cased text' for VW; DisputeTriage parses its "
        "JSONL before its timer too",
        f"command: `{meta.command}`",
    ]
