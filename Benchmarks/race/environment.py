"""The run's surroundings, recorded in the report: machine, load average (and the wait for a quiet
machine), peer versions, the commit and the `triage` binary under test."""
import hashlib
import os
import platform
import subprocess
import time
from pathlib import Path

from results import LoadWait
from systems import DEFAULT_MODEL, REPO

from peers import eprint, versions


def loadavg():
    try:
        return float(open("/proc/loadavg").read().split()[0])
    except Exception:
        return float("nan")


def wait_for_load(max_load, timeout, poll):
    """Waits until the 1-min load average is below max_load, or `timeout` seconds have passed."""
    t0 = time.time()
    first = loadavg()
    while True:
        la = loadavg()
        if la < max_load:
            return LoadWait(waited_s=round(time.time() - t0), load_at_start=la, load_before_wait=first,
                            timed_out=False)
        if time.time() - t0 >= timeout:
            eprint(f"[race] load still {la:.2f} after {timeout:.0f} s: measuring anyway")
            return LoadWait(waited_s=round(time.time() - t0), load_at_start=la, load_before_wait=first,
                            timed_out=True)
        eprint(f"[race] 1-min load {la:.2f} >= {max_load}: waiting {poll:.0f} s "
               f"({time.time() - t0:.0f}/{timeout:.0f} s)")
        time.sleep(poll)


def machine():
    """(cores, CPU model, "N GiB RAM") from /proc."""
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except Exception:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    except Exception:
        pass
    return os.cpu_count(), cpu, mem


def versions_line():
    """The peers' versions (peers.versions) on one line, plus the Debian fastText CLI."""
    v = [f"Python {platform.python_version()}"]
    v += [f"{dist} {ver}" for dist, ver in versions().items() if dist not in ("python", "platform")]
    try:
        deb = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "fasttext"], capture_output=True, text=True)
        if deb.returncode == 0:
            v.append(f"fasttext CLI (Debian) {deb.stdout.strip()}")
    except OSError:
        pass
    return ", ".join(v)


def git_commit():
    try:
        return subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"],
                              capture_output=True, text=True).stdout.strip() or "?"
    except Exception:
        return "?"


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def bundled_model_matches(triage):
    """Whether the binary's bundled default model has the same manifest as <repo>/Models/default (None: unknown)."""
    bundled = Path(triage).resolve().parent / "DisputeTriage_DefaultModel.resources" / "default" / "manifest.json"
    try:
        return bundled.read_bytes() == (DEFAULT_MODEL / "manifest.json").read_bytes()
    except OSError:
        return None
