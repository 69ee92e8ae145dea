"""The issues' speed and memory targets, DisputeTriage's speed ratios to the peers, and the verdicts."""
from results import Ratios
from systems import SKLEARN

# Issue 9's targets: ratios DisputeTriage ÷ peer (in process, docs/s; whole process, wall time) and
# peak memory scoring 100,000 documents
TARGETS = {"inproc_fasttext": 10.0, "inproc_sklearn": 20.0, "whole_fasttext": 10.0, "rss_mb": 100.0}
# Issue 15's targets: explanations nearly free, whole process with explanations >= 2x fastText, ahead of
# every peer in process, two threads >= 1.7x one.
TARGETS15 = {"explain_overhead": 1.3, "whole_explain_fasttext": 2.0, "inproc_every_peer": 1.0, "threads_2": 1.7}


def system_ratios(ip, wp, t):
    """Speed of DisputeTriage system t ÷ the peers' (ip / wp: one set's in-process / whole-process results)."""
    rr = Ratios()
    tin = ip[t].docs_per_second
    if "fasttext" in ip:
        rr.inproc_fasttext = tin / ip["fasttext"].docs_per_second
    sk = [p for p in SKLEARN if p in ip]
    if sk:
        rr.best_sklearn = max(sk, key=lambda p: ip[p].docs_per_second)
        rr.inproc_sklearn = tin / ip[rr.best_sklearn].docs_per_second
    if "vw" in ip:
        rr.inproc_vw = tin / ip["vw"].docs_per_second
    if "fasttext" in wp and t in wp:
        rr.whole_fasttext = wp["fasttext"].seconds / wp[t].seconds
        rr.whole_fasttext_cpu = wp["fasttext"].cpu_s / wp[t].cpu_s
    skw = [p for p in SKLEARN if p in wp]
    if skw and t in wp:
        rr.best_sklearn_whole = min(skw, key=lambda p: wp[p].seconds)
        rr.whole_sklearn = wp[rr.best_sklearn_whole].seconds / wp[t].seconds
    return rr


def race_ratios(results):
    """{set: the default model's Ratios, with the word-only model's under it if it was measured}."""
    ratios = {}
    for name, r in results.items():
        ratios[name] = system_ratios(r.inproc, r.whole, "triage")
        if "triage_words" in r.inproc:
            ratios[name].triage_words = system_ratios(r.inproc, r.whole, "triage_words")
    return ratios


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
