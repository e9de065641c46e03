"""A month's records, each with its diagnostics, filtered by kind, field of work and words: the
records are read as `bcngv check` reads them (the pipeline's load, through the cache), so a record's
problems are the same words at the same lines."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bcngv.diagnostics import Diagnostic
from bcngv.pipeline import Options, run
from bcngv.repository import RECORDS_DIR, Repository

_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")
_OF_A_MONTH = re.compile(rf"{RECORDS_DIR}/[0-9]{{4}}/[0-9]{{2}}/")  # a record's problem, shown with its month


@dataclass(frozen=True, slots=True)
class Row:
    path: str
    kind: str  # "" for a file that gives no valid record
    date: str
    words: str
    problems: list[Diagnostic]

    @property
    def errors(self) -> int:
        return sum(d.is_error for d in self.problems)


@dataclass(slots=True)
class Listing:
    months: list[str]  # 2022-07, newest first
    month: str
    rows: list[Row] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # of no record of the month (bcngv.yaml, the catalog)


def months(root: Path) -> list[str]:
    """The months records/ has a folder for, newest first."""
    found = [f"{m.parent.name}-{m.name}" for m in (root / RECORDS_DIR).glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]") if m.is_dir()]
    return sorted((m for m in found if _MONTH.fullmatch(m)), reverse=True)


def listing(repository: Repository, month: str | None, kind: str = "", work: str = "", words: str = "") -> Listing:
    """The records of `month` (the newest month when none or a wrong one is asked for)."""
    known = months(repository.root)
    chosen = month if month in known else (known[0] if known else "")
    done = run(repository, Options(), until="load")
    prefix = f"{RECORDS_DIR}/{chosen.replace('-', '/')}/"
    by_path: dict[str, list[Diagnostic]] = defaultdict(list)
    result = Listing(known, chosen)
    for problem in done.diagnostics:
        if problem.path.startswith(prefix):
            by_path[problem.path].append(problem)
        elif not _OF_A_MONTH.match(problem.path):
            result.problems.append(problem)
    records = {r.path: r for r in (done.loaded.records if done.loaded else ()) if r.path.startswith(prefix)}
    wanted = words.casefold().strip()
    for path in sorted(set(records) | set(by_path)):
        record = records.get(path)
        told = " ".join(str(getattr(record, name, "") or "") for name in ("text", "short")) if record else ""
        row = Row(path, record.kind if record else "", str(record.date) if record else "", told, by_path[path])  # type: ignore[attr-defined]
        if kind and row.kind != kind or work and str(getattr(record, "field", "")) != work:
            continue
        if wanted and wanted not in f"{path} {told}".casefold():
            continue
        result.rows.append(row)
    return result
