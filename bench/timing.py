"""Timing whole processes, side by side with their baselines.

This machine is shared and noisy: absolute seconds move by 1.5× between runs. So every measure is
taken as medians of runs alternated with its baseline's runs, and reported as a ratio.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# runs the command as a child and prints its wall time and peak memory: a fresh wrapper per run,
# so RUSAGE_CHILDREN's maximum is this run's alone
_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "peak": peak, "code": code}))
"""


def environment(folder: Path) -> dict[str, str]:
    """The runs' environment: bytecode written and read in `folder` (as an installed package has it,
    even where PYTHONDONTWRITEBYTECODE is set), so that no run pays for compiling bcngv's sources."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str((folder / "pycache").resolve())
    return env


_ENV: dict[str, str] | None = None  # set by `use_environment`; None: this process's own


def use_environment(folder: Path) -> None:
    global _ENV
    _ENV = environment(folder)


@dataclass(frozen=True, slots=True)
class Sample:
    seconds: float
    peak_bytes: int


def run_once(command: Sequence[str], cwd: Path) -> Sample:
    done = subprocess.run([sys.executable, "-c", _WRAPPER, *command], cwd=cwd, capture_output=True, text=True, check=True,
                          env=_ENV)
    result = json.loads(done.stdout)
    if result["code"] not in (0, 1):  # 1 is a data verdict, still a complete run
        raise RuntimeError(f"{' '.join(command)} exited {result['code']}")
    return Sample(result["seconds"], result["peak"])


@dataclass(frozen=True, slots=True)
class Pair:
    """Medians of a measured command and of its baseline, from alternated runs."""

    seconds: float
    baseline_seconds: float
    peak_bytes: int

    @property
    def ratio(self) -> float:
        return self.seconds / self.baseline_seconds


def paired(command: Sequence[str], baseline: Sequence[str], cwd: Path, runs: int) -> Pair:
    """Alternate baseline and command `runs` times."""
    measured, base, peaks = [], [], []
    for _ in range(runs):
        base.append(run_once(baseline, cwd).seconds)
        sample = run_once(command, cwd)
        measured.append(sample.seconds)
        peaks.append(sample.peak_bytes)
    return Pair(statistics.median(measured), statistics.median(base), max(peaks))


def reported(command: Sequence[str], baseline: Sequence[str], cwd: Path, runs: int) -> Pair:
    """The median seconds a command reports of its own repeated work (its last line, JSON
    {"seconds": …}: work inside one process), against the median of `runs` whole baseline runs."""
    done = subprocess.run(command, cwd=cwd, env=_ENV, capture_output=True, text=True, check=True)
    seconds = json.loads(done.stdout.splitlines()[-1])["seconds"]
    return Pair(seconds, statistics.median(run_once(baseline, cwd).seconds for _ in range(runs)), 0)
