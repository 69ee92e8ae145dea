#!/usr/bin/env python3
"""E-mail vs clean-text agreement: does the shipped model predict the same subject and severity
from a dispute e-mail as from the clean dispute text it wraps?

    python3 Benchmarks/mail/agreement.py --triage .build/release/triage [--keep DIR]

Writes the labelled set (make_dispute_mail.py) to a temporary folder, then scores
  1. the clean texts (labels.jsonl: id, text) with `triage score`;
  2. the e-mails as `triage score` reads them: `triage mail --threads` gives each thread's text
     (cleaning on, and with --no-cleaning off), scored with `triage score`;
and checks that `triage score --data FOLDER` (cleaning on, in one step) predicts what step 2 does.
Prints the agreement table (overall, per variant, per language) in Markdown. A last column
always puts the subject line first in the scored text, as triage did before it left out subject
lines whose words the text already holds (diagnostic only).
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def predictions(triage, path):
    out = run([triage, "score", "--data", path, "--no-explanation"])
    return {r["id"]: (r["subject"]["label"], r["severity"]["label"]) for r in map(json.loads, out.splitlines())}


# Reply and forward prefixes, as Mail's SubjectNormalizer strips them.
PREFIXES = re.compile(r"^(\s*(re|fw|fwd|tr|réf|ref|aw|wg|rép|rep|antw|sv|vs)\s*([\[(][^\])]*[\])])?\s*:)+", re.IGNORECASE)


def thread_predictions(triage, folder, work, cleaning, always_subject=False):
    """Predictions on each thread's text; with `always_subject`, the subject line (without reply
    prefixes) is put first even where triage leaves it out, to see what leaving it out changes."""
    args = [triage, "mail", "--data", folder, "--threads"] + ([] if cleaning else ["--no-cleaning"])
    path = os.path.join(work, f"threads-{'on' if cleaning else 'off'}{'-subject' if always_subject else ''}.jsonl")
    with open(path, "w") as f:
        for line in run(args).splitlines():
            record = json.loads(line)
            text = record["text"]
            title = PREFIXES.sub("", record["subject"] or "").strip()
            if always_subject and title and not text.startswith(title + "\n\n"):
                text = title + "\n\n" + text
            f.write(json.dumps({"id": record["id"], "text": text}, ensure_ascii=False) + "\n")
    return predictions(triage, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triage", default=".build/release/triage")
    parser.add_argument("--keep", help="write the set and intermediate files here instead of a temporary folder")
    args = parser.parse_args()
    work = args.keep or tempfile.mkdtemp(prefix="dispute-mail-")
    folder = os.path.join(work, "mail")
    run([sys.executable, os.path.join(HERE, "make_dispute_mail.py"), folder])
    labels = [json.loads(line) for line in open(os.path.join(folder, "labels.jsonl"))]
    clean_path = os.path.join(work, "clean.jsonl")
    with open(clean_path, "w") as f:
        for label in labels:
            f.write(json.dumps({"id": label["id"], "text": label["text"]}, ensure_ascii=False) + "\n")
    # labels.jsonl is not mail: triage score/mail skip it inside the folder.
    reference = predictions(args.triage, clean_path)
    on = thread_predictions(args.triage, folder, work, cleaning=True)
    off = thread_predictions(args.triage, folder, work, cleaning=False)
    always_subject = thread_predictions(args.triage, folder, work, cleaning=True, always_subject=True)
    direct = predictions(args.triage, folder)
    if direct != on:
        differing = sum(direct.get(k) != v for k, v in on.items())
        sys.exit(f"triage score --data FOLDER differs from triage mail --threads + score on {differing} items")
    missing = [label["id"] for label in labels if label["id"] not in on]
    if missing:
        sys.exit(f"no prediction for {len(missing)} items, e.g. {missing[:3]}")

    def rates(group):
        row = {}
        for name, predicted in (("on", on), ("off", off), ("always_subject", always_subject)):
            n = len(group)
            subject = sum(predicted[l["id"]][0] == reference[l["id"]][0] for l in group)
            severity = sum(predicted[l["id"]][1] == reference[l["id"]][1] for l in group)
            both = sum(predicted[l["id"]] == reference[l["id"]] for l in group)
            row[name] = (subject / n, severity / n, both / n)
        return row

    groups = [("all", labels)]
    for key in ("language", "variant"):
        values = collections.OrderedDict((l[key], None) for l in labels)
        groups += [(f"{key} {v}", [l for l in labels if l[key] == v]) for v in values]
    english = sum(label["language"] == "en" for label in labels)
    print(
        f"{len(labels)} e-mails ({english} EN, {len(labels) - english} FR), "
        f"model: shipped default; reference: predictions on the clean texts"
    )
    print()
    print(
        "| items | n | subject, cleaning on | severity, on | both, on | subject, cleaning off | severity, off | both, off "
        "| both, on, subject line always first |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, group in groups:
        r = rates(group)
        cells = " | ".join(f"{v:.1%}" for v in r["on"] + r["off"] + r["always_subject"][2:])
        print(f"| {name} | {len(group)} | {cells} |")
    disagreements = [l for l in labels if on[l["id"]] != reference[l["id"]]]
    if disagreements:
        print()
        print("Disagreements with cleaning on (id: clean → e-mail):")
        for l in disagreements:
            print(f"- {l['id']}: {reference[l['id']]} → {on[l['id']]}")


if __name__ == "__main__":
    main()
