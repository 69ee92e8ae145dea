"""Running the commands the race measures: under /usr/bin/time -v (wall, CPU and peak RSS of the
whole process), and reading the JSON line a command prints last."""
import json
import os
import re
import subprocess
import tempfile
import time
from dataclasses import dataclass

from peers import eprint


@dataclass
class Timed:
    """One finished command under /usr/bin/time -v."""
    stdout: str | None  # None if stdout was not captured
    wall: float  # seconds
    rss: float  # peak resident set size, bytes
    user: float  # CPU seconds
    sys: float


def timed(cmd, stdout=subprocess.PIPE, env=None, timeout=3600):
    """Runs cmd under /usr/bin/time -v; raises RuntimeError (with the end of its stderr) if it fails."""
    fd, tfile = tempfile.mkstemp(prefix="race-time-")
    os.close(fd)
    try:
        full = ["/usr/bin/time", "-v", "-o", tfile] + cmd
        eprint("  $ " + " ".join(cmd) + (" > /dev/null" if stdout == subprocess.DEVNULL else ""))
        t0 = time.perf_counter()
        p = subprocess.run(full, stdout=stdout, stderr=subprocess.PIPE, env=env, timeout=timeout)
        wall = time.perf_counter() - t0
        if p.returncode != 0:
            raise RuntimeError(f"exit {p.returncode}: {p.stderr.decode(errors='replace')[-2000:]}")
        tv = open(tfile).read()
    finally:
        os.unlink(tfile)

    def field(name):
        m = re.search(re.escape(name) + r":\s*([0-9.]+)", tv)
        return float(m.group(1)) if m else float("nan")

    rss = field("Maximum resident set size (kbytes)") * 1024
    out = p.stdout.decode("utf-8") if stdout == subprocess.PIPE else None
    return Timed(out, wall, rss, field("User time (seconds)"), field("System time (seconds)"))


def last_json(text):
    """The last non-empty line of a command's stdout, parsed as JSON."""
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return json.loads(lines[-1])
