"""Provenance: which records are behind each printed figure, and which data a report was built from.

`build` writes `<report>-<period>.sources.json` beside the .docx:

    {"report": "thang", "period": {"code": "2022-07", "label": "tháng 7/2022",
     "from": "2022-07-01", "to": "2022-07-29"}, "as_of": "2022-07-29",
     "commit": "6e523f8…", "dirty": false,
     "figures": [{"text": "05", "value": 5, "query": "records.dates(…).kind('doan_ra').count()",
                  "records": ["records/2022/07/2022-07-12-doan.yaml", …]}, …]}

`from`/`to` are the first and last day counted (after `--as-of`). A figure's `query` can be
computed again with `metrics.evaluate` over its `records` and gives its `value`; a figure of 0
has no record behind it, so its list is empty. `commit` and `dirty` are null outside a git
checkout (or without git, or when its status takes more than a minute); `dirty` says whether
records/, templates/ or bcngv.yaml had uncommitted changes.
`files` holds the SHA-256 of each file written with it (the .docx, the PDF): the next build knows
from it whether a person changed a file since (output.write_set keeps a changed one).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from bcngv.metrics import FigureUse, Number
from bcngv.period import Period
from bcngv.repository import Repository


class GitState(NamedTuple):
    commit: str
    dirty: bool

    @property
    def keywords(self) -> str:
        """The words put in the .docx's document properties: the commit, marked when dirty."""
        return f"{self.commit}-dirty" if self.dirty else self.commit


_COMMIT, _NO_COMMIT = "# branch.oid ", "(initial)"  # git status --porcelain=v2 --branch
GIT_SECONDS = 60  # a checkout whose status takes longer (huge, or on a stalled disk) gives no git state


class GitStatus:
    """`git status` of the report's inputs, started as the run begins and read when the report is
    laid out: the git process works beside the build, on the other core, instead of before the layout."""

    def __init__(self, repository: Repository) -> None:
        inputs = [repository.shown(path) for path in repository.inputs()]
        # one git process for both: `--branch` heads the changes with the commit (`# branch.oid`)
        # --no-optional-locks: a status that refreshes the index takes its lock, and one stopped part-way
        # (the run ended first) would leave it behind for the person's next commit
        command = ["git", "--no-optional-locks", "-C", str(repository.root), "status", "--porcelain=v2", "--branch",
                   "--untracked-files=all", "--", *inputs]
        try:
            self._process: subprocess.Popen[str] | None = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, text=True)
        except OSError:  # git is not installed
            self._process = None

    def state(self) -> GitState | None:
        """The commit checked out and whether an input differs from it; None outside a git checkout
        (or without git, or past GIT_SECONDS)."""
        if self._process is None:
            return None
        try:
            status, _ = self._process.communicate(timeout=GIT_SECONDS)
        except subprocess.TimeoutExpired:
            self.close()
            return None
        if self._process.returncode != 0:
            return None
        lines = status.splitlines()
        commit = next((line.removeprefix(_COMMIT) for line in lines if line.startswith(_COMMIT)), _NO_COMMIT)
        if commit == _NO_COMMIT:  # a checkout without any commit yet
            return None
        return GitState(commit, any(not line.startswith("#") for line in lines))  # a line not a header: a change

    def close(self) -> None:
        """Stop the process if the run ended before it was read (or it ran too long)."""
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.communicate(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.communicate()


def sources_path(docx: Path) -> Path:
    return docx.with_name(f"{docx.stem}.sources.json")


def json_number(value: Number) -> int | float:
    """A figure's value in JSON: whole numbers as integers, others as decimals (62.5)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def sources(report: str, period: Period, as_of: date | None, uses: Iterable[FigureUse],
            git: GitState | None, document: str | None = None, files: Mapping[str, str] | None = None,
            ) -> dict[str, object]:
    return {
        "report": report,
        "document": document,  # the issued-document file it rebuilds, or None for a draft
        "period": {"code": period.code, "label": period.label, "from": period.start.isoformat(),
                   "to": period.counted_until(as_of).isoformat()},
        "as_of": as_of.isoformat() if as_of else None,
        "commit": git.commit if git else None,
        "dirty": git.dirty if git else None,
        "files": dict(files or {}),  # name → SHA-256 of the report's files as written
        "figures": [
            {
                "text": use.text,
                "value": json_number(use.figure.value),
                "query": use.figure.query,
                "records": [record.path for record in use.figure.records],
            }
            for use in uses
        ],
    }


def sources_json(document: dict[str, object]) -> bytes:
    """Stable bytes: the same build gives the same file."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def recorded_files(path: Path, names: Iterable[str]) -> dict[str, str | None]:
    """The digest the sources.json at `path` keeps for each of `names`; None for a name it does not
    hold (no such file was written, or a bcngv before `files` wrote it, or the file is unreadable)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        document = None
    kept = document.get("files") if isinstance(document, dict) else None
    return {name: value if isinstance(kept, dict) and isinstance(value := kept.get(name), str) else None
            for name in names}
