"""Timing and memory of one build, run as a child process.

Each build runs as its own ``sphinx-build`` process, so a figure includes what
an editor waits for (starting Python, importing Sphinx and the extensions).
Peak memory comes from two places, both without extra packages:

* ``os.wait4`` returns the child's resource usage; on Linux its ``ru_maxrss``
  is the peak resident size of the largest single process of the build's tree
  (the main process, or a ``-j`` worker);
* a sampler thread sums the resident size of the whole process tree every
  50 ms from ``/proc``, the peak of what ``-j 2`` holds at once (it counts
  pages that forked workers share with their parent twice, so it errs high);
* the same sampler sums the proportional set size (``Pss`` of
  ``/proc/<pid>/smaps_rollup``: a page shared by two processes counts half
  in each), the memory the tree takes from the machine, each page once.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Run:
    """One finished child process."""

    seconds: float
    #: user + system CPU time of the whole process tree (less sensitive than
    #: wall time to other work on a shared machine)
    cpu_seconds: float
    #: peak RSS of the largest single process, MiB (wait4)
    max_rss_mib: float
    #: peak of the summed RSS of the process tree, MiB (sampled from /proc)
    tree_rss_mib: float
    #: peak of the summed PSS of the process tree, MiB (shared pages once)
    tree_pss_mib: float
    returncode: int
    stderr: str

    def as_dict(self) -> dict:
        data = asdict(self)
        data["stderr"] = self.stderr[-2000:]
        return data


def _proc_kib(path: str, field: str) -> int:
    """A "Field:  N kB" line of a /proc file, in KiB (0 once the process is gone)."""
    try:
        with open(path, encoding="ascii", errors="replace") as lines:
            for line in lines:
                if line.startswith(field):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _rss_kib(pid: int) -> int:
    return _proc_kib(f"/proc/{pid}/status", "VmRSS:")


def _pss_kib(pid: int) -> int:
    return _proc_kib(f"/proc/{pid}/smaps_rollup", "Pss:")


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return kids
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as f:
                kids += [int(k) for k in f.read().split()]
        except (OSError, ValueError):
            pass
    return kids


def tree_rss_kib(pid: int) -> tuple[int, int]:
    """The summed RSS and PSS of *pid* and its descendants, KiB."""
    rss, pss, todo = 0, 0, [pid]
    while todo:
        current = todo.pop()
        rss += _rss_kib(current)
        pss += _pss_kib(current)
        todo += _children(current)
    return rss, pss


def run(args: list[str], *, cwd: Path | None = None, env: dict | None = None) -> Run:
    """Run *args* to completion; measure wall time and peak memory."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                stderr=err, stdin=subprocess.DEVNULL)
        peak = peak_pss = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak, peak_pss
            while not done.is_set():
                rss, pss = tree_rss_kib(proc.pid)
                peak, peak_pss = max(peak, rss), max(peak_pss, pss)
                done.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, peak / 1024, peak_pss / 1024,
               proc.returncode, stderr)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []
