"""`bcngv init DIR`: a new office repository, ready for `bcngv check` and `bcngv build`, and a git
repository, so that every change to a record is kept and the CI workflow has a history to run on."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from bcngv.diagnostics import Diagnostic
from bcngv.scaffold import init_repository

_GIT_SECONDS = 30  # git init on a local folder takes a moment; a hung one must not hang init


class Git(StrEnum):
    MADE = "made"  # a new git repository in the folder
    INSIDE = "inside"  # the folder is inside a git repository already, which keeps its history
    MISSING = "missing"  # no git on this machine: the person is told how
    FAILED = "failed"  # git said no: the person is told what to run to see why


@dataclass(frozen=True, slots=True)
class Initialised:
    written: list[Path]
    problems: list[Diagnostic]
    git: Git | None = None  # None when nothing was written


def _git_repository(folder: Path) -> Git:
    git = shutil.which("git")
    if git is None:
        return Git.MISSING
    try:
        inside = subprocess.run([git, "-C", str(folder), "rev-parse", "--is-inside-work-tree"],
                                capture_output=True, text=True, timeout=_GIT_SECONDS, check=False)
        if inside.returncode == 0 and inside.stdout.strip() == "true":
            return Git.INSIDE
        # `main`: the branch the CI workflow builds reports on
        made = subprocess.run([git, "init", "--quiet", "--initial-branch=main", str(folder)],
                              capture_output=True, timeout=_GIT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return Git.FAILED
    return Git.MADE if made.returncode == 0 else Git.FAILED


def init(folder: Path) -> Initialised:
    written, problems = init_repository(folder)
    if problems:
        return Initialised(written, problems)
    return Initialised(written, problems, _git_repository(folder))
