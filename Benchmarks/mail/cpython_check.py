#!/usr/bin/env python3
"""Compares the body `triage mail` extracts (before cleaning) with Python's `email` package.

For every CPython test message (test/test_email/data/msg_*.txt) it runs `triage mail --data FILE`
and compares the `body` field with `email.message_from_binary_file(f, policy=policy.default)
.get_body(preferencelist=("plain", "html")).get_content()`, both with white space runs collapsed
to one space and trimmed. A message without a body is "" on both sides. Prints one line per
difference and the agreement rate; exits non-zero if `triage` crashed or failed on any message.

    python3 Benchmarks/mail/cpython_check.py --triage .build/release/triage [--data DIR] [--json OUT]
"""

import argparse
import email
import glob
import json
import os
import re
import subprocess
import sys
from email import policy


def find_data_dirs():
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    patterns = [
        os.path.join(os.path.dirname(email.__file__), "..", "test", "test_email", "data"),  # this Python's own
        f"/usr/lib/python{version}/test/test_email/data",
        "/usr/lib/python3*/test/test_email/data",
        "/root/.pyenv/versions/*/lib/python3*/test/test_email/data",
    ]
    found = []
    for pattern in patterns:
        for path in sorted(glob.glob(pattern)):
            if glob.glob(os.path.join(path, "msg_*.txt")):
                found.append(os.path.realpath(path))
    return list(dict.fromkeys(found))


def normalise(text):
    return re.sub(r"\s+", " ", text).strip()


def python_body(path):
    with open(path, "rb") as f:
        message = email.message_from_binary_file(f, policy=policy.default)
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except Exception as error:  # old Pythons fail on some messages (3.8: a str payload in a multipart)
        return None, f"python error: {error!r}"
    if part is None:
        return "", None
    try:
        return part.get_content(), part.get_content_type()
    except (LookupError, UnicodeError) as error:  # an unknown charset
        return None, f"python error: {error!r}"


def triage_body(triage, path):
    run = subprocess.run([triage, "mail", "--data", path], capture_output=True, timeout=60)
    if run.returncode != 0:
        return None, f"exit {run.returncode}: {run.stderr.decode(errors='replace').strip()[:200]}"
    lines = run.stdout.decode().splitlines()
    if len(lines) != 1:
        return None, f"{len(lines)} records"
    record = json.loads(lines[0])
    return record["body"], record.get("body_type")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triage", default=".build/release/triage")
    parser.add_argument("--data", help="folder with msg_*.txt (default: the first CPython installation found)")
    parser.add_argument("--glob", default="msg_*.txt", help="file pattern inside --data (default msg_*.txt)")
    parser.add_argument("--json", help="write per-message results here")
    args = parser.parse_args()
    data = args.data
    if not data:
        dirs = find_data_dirs()
        if not dirs:
            sys.exit("no CPython test_email data found (apt-get install libpython3.11-testsuite, or a pyenv Python)")
        data = dirs[0]
    files = sorted(glob.glob(os.path.join(data, args.glob)))
    print(f"Python {sys.version.split()[0]}, {len(files)} messages in {data}")
    agree = 0
    non_empty = 0
    failures = 0
    results = []
    for path in files:
        name = os.path.basename(path)
        expected, expected_type = python_body(path)
        actual, actual_type = triage_body(args.triage, path)
        if actual is None:
            failures += 1
            status = "triage failed: " + actual_type
        elif expected is None:
            status = "python failed: " + expected_type
        elif normalise(expected) == normalise(actual):
            agree += 1
            non_empty += bool(normalise(expected))
            status = "agree"
        else:
            a, b = normalise(expected), normalise(actual)
            prefix = len(os.path.commonprefix([a, b]))
            status = (
                f"differ (python {expected_type} {len(a)} chars, triage {actual_type} {len(b)} chars, "
                f"first difference at {prefix}: python {a[prefix : prefix + 40]!r} triage {b[prefix : prefix + 40]!r})"
            )
        results.append({"file": name, "status": status})
        if status != "agree":
            print(f"{name}: {status}")
    rate = agree / len(files) if files else 0
    print(
        f"agreement: {agree}/{len(files)} = {rate:.1%} ({non_empty} of the agreeing bodies non-empty); "
        f"triage failures: {failures}"
    )
    if args.json:
        with open(args.json, "w") as f:
            json.dump(
                {
                    "data": data,
                    "python": sys.version.split()[0],
                    "agree": agree,
                    "agree_non_empty": non_empty,
                    "total": len(files),
                    "triage_failures": failures,
                    "messages": results,
                },
                f,
                indent=1,
            )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
