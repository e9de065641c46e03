"""Scope: which reports tell a record. A record may be kept to some report kinds (`reports:`), kept
out of others (`not_in:`), or hold only until a day (`until:`, a forecast that later reports must not
repeat). The pipeline applies `told_in` once, where the template context is made, so every figure
and narrative of a report sees only the records meant for it.

The report ids a record names are found when its file is read (`named_reports`, kept with the file's
cached result) and compared with bcngv.yaml after it is read (`unknown_reports`): a check of a warm
repository need not rebuild any record to find a misspelt report id.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable
from datetime import date
from typing import TYPE_CHECKING

from bcngv.diagnostics import Diagnostic, diag
from bcngv.records.models import RecordBase

if TYPE_CHECKING:
    from bcngv.yamlpos import Located

SCOPE_LISTS = ("reports", "not_in")  # the fields whose items are report ids of bcngv.yaml

# a report id a record names: (id, line, col) of the item in its file
Named = tuple[str, int, int]


def told_in(record: RecordBase, report_id: str, cut_off: date) -> bool:
    """Whether the report `report_id`, whose figures are counted up to `cut_off`, tells `record`."""
    if record.reports and report_id not in record.reports:
        return False
    if report_id in record.not_in:
        return False
    return record.until is None or cut_off <= record.until


def named_reports(located: Located) -> tuple[Named, ...]:
    """Every report id the file's `reports:` and `not_in:` name, each at its item."""
    value = located.value
    if value.keys().isdisjoint(SCOPE_LISTS):  # most records name none
        return ()
    found: list[Named] = []
    for name in SCOPE_LISTS:
        items = value.get(name)
        for index, ident in enumerate(items if isinstance(items, list) else ()):
            if isinstance(ident, str) and (name, index) not in located.flagged:
                found.append((ident, *located.position((name, index))))
    return tuple(found)


def unknown_reports(named: Iterable[tuple[str, Named]], reports: Collection[str]) -> list[Diagnostic]:
    """A report id that bcngv.yaml does not declare, at its item in the record's file: the record
    would be told by no report (a misspelling), or kept out of none."""
    choices = ", ".join(reports)
    found = []
    for shown, (ident, line, col) in named:
        if ident not in reports:
            close = tuple(difflib.get_close_matches(ident, list(reports), n=2, cutoff=0.5))
            found.append(diag("unknown-scope-report", shown, line, col, value=ident, choices=choices, close=close))
    return found
