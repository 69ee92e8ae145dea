"""The measurements, each in its own process: in-process throughput (`triage throughput`, the Python
peers through `race.py inproc`), DisputeTriage's stage breakdown, whole-process time and memory, and
whether two threads write the same output as one."""
import json
import os
import subprocess
import sys
from pathlib import Path

from commands import last_json, timed
from environment import loadavg, sha256
from results import PeerThroughput, SetResults, TriageThroughput, WholeProcess
from systems import HERE, MODES, PEERS, SETS, SKLEARN, mode_flags

from peers import eprint

RACE = str(HERE / "race.py")  # the CLI, whose inproc / wholeproc commands run a Python peer
# what `triage throughput` reports that the race keeps
THROUGHPUT_KEYS = ("docs_per_second", "mb_per_second", "seconds", "documents", "bytes", "cpu_seconds",
                   "cpu_docs_per_second")


def numpy_env():
    """Environment for a Python peer's measurement: one thread; OPENBLAS_CORETYPE and
    OPENBLAS_L2_SIZE removed together (only if set) so numpy runs its own kernel."""
    env = dict(os.environ)
    if "OPENBLAS_CORETYPE" in env or "OPENBLAS_L2_SIZE" in env:
        env.pop("OPENBLAS_CORETYPE", None)
        env.pop("OPENBLAS_L2_SIZE", None)
    return env


def measure(args, work, models, sets, variants):
    """Every measurement of every set; returns {set: SetResults}."""
    res = {}
    for name in SETS:
        ds = sets[name]
        eprint(f"[race] == {name}: {ds.documents} docs, {ds.bytes / 1e6:.2f} MB")
        r = res[name] = SetResults()
        measure_inproc(args, r, ds, variants, models.get(name))
        measure_whole(args, r, ds, variants, models.get(name))
        r.same_output = same_output_for_threads(args, work, ds.jsonl, name)
    return res


def measure_inproc(args, r, ds, variants, peer_models):
    """In process: the default model, where its time goes (stage by stage), its modes, the variants, the peers."""
    r.inproc["triage"] = triage_inproc(args, ds.jsonl, "triage")
    r.stages = triage_stages(args, ds.jsonl)
    for system in MODES:
        r.inproc[system] = triage_inproc(args, ds.jsonl, system, flags=mode_flags(system, "throughput"))
    for system, v in variants.items():
        r.inproc[system] = triage_inproc(args, ds.jsonl, system, model=v.model)
    for peer in PEERS if not args.skip_peers else []:
        la = loadavg()
        t = timed([sys.executable, RACE, "inproc", "--system", peer, "--model", peer_models.paths[peer],
                   "--data", ds.txt, "--runs", str(args.runs)], env=numpy_env())
        m = r.inproc[peer] = PeerThroughput.from_json({**last_json(t.stdout), "rss": t.rss,
                                                       "process_wall": t.wall, "load": la})
        say_inproc(peer, m)


def measure_whole(args, r, ds, variants, peer_models):
    """Whole process (load + read + predict + write): best wall time of args.runs runs of each command."""
    cmds = {system: ([args.triage, "score", "--data", ds.jsonl, *mode_flags(system, "score"), "--output", "/dev/null"],
                     None) for system in ["triage", *MODES]}
    for system, v in variants.items():
        cmds[system] = ([args.triage, "score", "--model", v.model, "--data", ds.jsonl, "--no-explanation",
                         "--threads", "1", "--output", "/dev/null"], None)
    if not args.skip_peers:
        cmds["fasttext"] = ([args.fasttext_cli, "predict", peer_models.paths["fasttext"], ds.txt], None)
        for peer in [*SKLEARN, "vw"]:
            cmds[peer] = ([sys.executable, RACE, "wholeproc", "--system", peer, "--model", peer_models.paths[peer],
                           "--data", ds.txt], numpy_env())
    for system, (cmd, env) in cmds.items():
        la = loadavg()
        runs = [timed(cmd, stdout=subprocess.DEVNULL, env=env) for _ in range(args.runs)]
        walls = [t.wall for t in runs]
        best = runs[walls.index(min(walls))]
        rss = max(t.rss for t in runs)
        r.whole[system] = WholeProcess(seconds=best.wall, runs=walls, rss=rss, cpu_s=best.user + best.sys,
                                       docs_per_second=ds.documents / best.wall, load=la)
        eprint(f"    {system:<11} whole {best.wall:8.3f} s (cpu {best.user + best.sys:.3f} s)  "
               f"RSS {rss / 1e6:7.1f} MB  load {la:.2f}")


def triage_measurement(j, t, la):
    """A `triage throughput` JSON line, with its process's peak RSS and wall time, and the load before."""
    return TriageThroughput(**{k: j[k] for k in THROUGHPUT_KEYS if k in j}, stage=j.get("stage", "score"),
                            rss=t.rss, process_wall=t.wall, load=la)


def triage_inproc(args, jsonl, label, model=None, flags=()):
    """One `triage throughput` process (best of args.runs passes)."""
    cmd = [args.triage, "throughput", "--data", jsonl, "--passes", str(args.runs), *flags]
    cmd += ["--model", model] if model else []
    la = loadavg()
    t = timed(cmd)
    m = triage_measurement(last_json(t.stdout), t, la)
    say_inproc(label, m)
    return m


def triage_stages(args, jsonl):
    """Every stage timed in ONE `triage throughput --all-stages` process (stages interleaved within each
    pass, best of args.runs), so stage-to-stage differences are not blurred by process-to-process
    variation; returns {stage: TriageThroughput}, empty if it failed."""
    cmd = [args.triage, "throughput", "--data", jsonl, "--passes", str(args.runs), "--all-stages"]
    la = loadavg()
    try:
        t = timed(cmd)
    except RuntimeError as e:
        eprint(f"    stages      failed ({e}): left out of the report")
        return {}
    stages = {}
    for line in t.stdout.strip().splitlines():
        j = json.loads(line)
        m = stages[j["stage"]] = triage_measurement(j, t, la)
        say_inproc(f"  {j['stage']}", m)
    return stages


def say_inproc(label, m):
    eprint(f"    {label:<11} {m.docs_per_second:12,.0f} docs/s {m.mb_per_second:8.2f} MB/s  "
           f"RSS {m.rss / 1e6:7.1f} MB  load {m.load:.2f}")


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
