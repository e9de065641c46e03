"""The files the browser reads and writes: only records under records/, named by their path as the
user sees it, whatever the browser sends (`..`, an absolute path, a link that leads out of the
folder, a hidden or reference folder are refused). An edited file keeps its comments and layout:
only the lines of the fields that changed are written again, each as `bcngv new` writes it."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bcngv.confine import read_inside
from bcngv.output import digest, write_atomic
from bcngv.repository import RECORDS_DIR, Repository
from bcngv.skeleton import record_names, yaml_line
from bcngv.yamlpos import MAX_BYTES, Located

_COMMENT_AFTER = re.compile(r"\s+#.*")  # a comment after a value on its line, kept with a new value


class PathRefused(Exception):
    """A path the browser sent that names no record the server may write."""


@dataclass(frozen=True, slots=True)
class Stored:
    """A record file as read when a form is opened or saved."""

    path: Path
    shown: str
    data: bytes  # empty for a record not written yet

    @property
    def version(self) -> str:
        """What the form remembers of the file, to know whether it changed on disk since."""
        return digest(self.data) if self.data else ""


def record_path(root: Path, shown: str) -> Path:
    """The file a record path names, if the browser may read and write it. Raises PathRefused."""
    parts = shown.split("/")
    plain = all(part and not part.startswith((".", "_")) and "\\" not in part and "\0" not in part for part in parts)
    if not plain or len(parts) < 2 or parts[0] != RECORDS_DIR or not shown.endswith(".yaml"):
        raise PathRefused(shown)
    path = root.joinpath(*parts)
    folder = os.path.realpath(root / RECORDS_DIR)
    inside = os.path.realpath(path).startswith(folder + os.sep) and folder.startswith(os.path.realpath(root) + os.sep)
    if not inside or path.is_symlink() or (os.path.lexists(path) and not path.is_file()):
        raise PathRefused(shown)
    return path


def read_stored(root: Path, shown: str) -> Stored:
    """A record file, read through confine (inside the repository, regular, bounded)."""
    path = record_path(root, shown)
    data = read_inside(root, path, MAX_BYTES) if path.exists() else b""
    return Stored(path, shown, data)


def new_path(repository: Repository, kind: str, on: date) -> Path:
    """Where `bcngv new` would write a record of that kind and day: the first free name."""
    folder = repository.record_folder(on.year, on.month)
    return next(folder / name for name in record_names(kind, on) if not (folder / name).exists())


def edited(text: str, located: Located, changes: Mapping[str, Any]) -> str:
    """The file's text with each changed field written again in place, its comments kept; a field
    the file did not have is added at its end."""
    lines = text.split("\n")
    starts = sorted((located.key_positions[(name,)][0], name) for name in located.value if (name,) in located.key_positions)
    replaced: dict[int, tuple[int, str]] = {}  # first line (0-based) → (lines replaced, new text)
    for index, (line, name) in enumerate(starts):
        if name not in changes:
            continue
        following = starts[index + 1][0] - 1 if index + 1 < len(starts) else len(lines)
        last = following - 1
        while last > line - 1 and (not lines[last].strip() or lines[last].startswith("#")):
            last -= 1  # blank lines and comments before the next field belong to it
        new = yaml_line(name, changes[name]) + _kept_comment(lines, located, name, line, last)
        replaced[line - 1] = (last - line + 2, new)
    for first, (count, new) in sorted(replaced.items(), reverse=True):
        lines[first : first + count] = [new]
    added = [yaml_line(name, value) for name, value in changes.items() if name not in located.value]
    body = "\n".join(lines).rstrip("\n")
    return "\n".join([body, *added]) + "\n"


def _kept_comment(lines: list[str], located: Located, name: str, line: int, last: int) -> str:
    """The comment after a one-line value (`illustrative: true  # why`), kept after its new value."""
    end = located.ends.get((name,))
    if last != line - 1 or end is None or end[0] != line:
        return ""
    rest = lines[line - 1][end[1] - 1 :]
    return rest if _COMMENT_AFTER.fullmatch(rest) else ""


def write_record(path: Path, text: str) -> None:
    """Write the record whole or not at all (a reader never sees half of it). Raises OutputError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))
