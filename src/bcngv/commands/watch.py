"""`bcngv watch`: rebuild whenever a record, a template or bcngv.yaml changes.

Changes are found by polling (the size and modification time of each file, every interval): no
dependency, and it works the same on a network drive, in WSL and in VS Code's terminal.
"""

from __future__ import annotations

import stat
import time
from collections.abc import Callable
from pathlib import Path

from bcngv.repository import Repository

Snapshot = dict[str, tuple[int, int]]


def snapshot(repository: Repository) -> Snapshot:
    """Every file a build reads, with its size and modification time."""
    files: list[Path] = []
    for source in repository.inputs():
        files += [source] if source.suffix else list(source.rglob("*"))
    seen: Snapshot = {}
    for path in files:
        try:
            status = path.stat()
        except OSError:  # deleted between listing and looking: its absence is the change
            continue
        if stat.S_ISREG(status.st_mode):  # the stat already says whether it is a file
            seen[str(path)] = (status.st_size, status.st_mtime_ns)
    return seen


def watch(repository: Repository, rebuild: Callable[[], None], interval: float, rebuilds: int | None = None,
          changed: Callable[[], None] | None = None) -> int:
    """Run `rebuild` now, then again after each change, until `rebuilds` rebuilds have run (None:
    until Ctrl-C, which the caller catches). `changed` is told before each rebuild. Returns how many
    rebuilds ran."""
    seen = snapshot(repository)
    rebuild()
    done = 0
    while rebuilds is None or done < rebuilds:
        time.sleep(interval)
        now = snapshot(repository)
        if now == seen:
            continue
        seen = now
        if changed is not None:
            changed()
        rebuild()
        done += 1
    return done
