"""Each save a git commit under the person's name, and a record's history from git.

git runs as a program (never through a shell), with a bounded time, and with the repository's hooks
off: the person saving in a browser would never see what a hook printed, nor why it refused. Where
the folder is not a git repository (or git is not installed) saving still works; the pages say
that history is off."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 20  # seconds: a commit of one file takes a fraction of that
MAX_CHANGES = 50  # the history a record page shows
_FIELD = "\x1f"
_UNSAFE = re.compile(r"[<>\x00-\x1f\x7f]")  # what git's identity line cannot hold


@dataclass(frozen=True, slots=True)
class Change:
    commit: str
    author: str
    when: str  # ISO 8601
    message: str


def _git(root: Path, *args: str, author: str | None = None) -> str | None:
    """git's output, or None when it failed, is missing or took too long."""
    env = dict(os.environ)
    if author is not None:  # the person is author and committer: the server keeps no identity of its own
        env.update(GIT_AUTHOR_NAME=author, GIT_AUTHOR_EMAIL="", GIT_COMMITTER_NAME=author, GIT_COMMITTER_EMAIL="")
    command = ["git", "-C", str(root), "-c", "core.hooksPath=/dev/null", "-c", "commit.gpgSign=false", *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, env=env, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def enabled(root: Path) -> bool:
    """Whether saves are committed: the repository is a git work tree (or inside one)."""
    return (_git(root, "rev-parse", "--is-inside-work-tree") or "").strip() == "true"


def person(name: str) -> str:
    """A name as a commit can carry it: one line, no angle brackets, at most 100 characters."""
    return " ".join(_UNSAFE.sub(" ", name).split())[:100]


def commit(root: Path, path: Path, author: str, message: str) -> bool:
    """Commit this one file (whatever else is staged stays staged), under the person's name."""
    relative = str(path.relative_to(root))
    return (_git(root, "add", "--", relative) is not None
            and _git(root, "commit", "--quiet", "--only", "-m", message, "--", relative, author=person(author)) is not None)


def history(root: Path, path: Path) -> list[Change]:
    """The commits that changed the record, newest first, following it through renames."""
    out = _git(root, "log", "--follow", f"-n{MAX_CHANGES}", "--date=iso-strict",
               f"--format=%h{_FIELD}%an{_FIELD}%ad{_FIELD}%s", "--", str(path.relative_to(root)))
    return [Change(*line.split(_FIELD, 3)) for line in (out or "").splitlines() if line.count(_FIELD) == 3]
