"""A quick look at a period without building a document: records counted, and their main
quantities summed, by kind and calendar month."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bcngv.metrics import Figure, Selection, select_period
from bcngv.period import Period, month_text
from bcngv.records.models import RecordBase
from bcngv.records.vocabulary import Sections


@dataclass(frozen=True, slots=True)
class Row:
    label: str  # "doan_ra" for the count, "doan_ra · persons" for a sum
    cells: tuple[Figure, ...]  # one a month, then the whole period


@dataclass(frozen=True, slots=True)
class Table:
    months: tuple[str, ...]  # "7/2022", …
    rows: tuple[Row, ...]


def _months(period: Period, until: date) -> list[tuple[date, date]]:
    """The calendar months the window touches, as (first day, last day) cut to the window."""
    spans, first = [], period.start
    while first <= until:
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        spans.append((first, min(following - date.resolution, until)))
        first = following
    return spans


def tabulate(records: Sequence[RecordBase], period: Period, as_of: date | None = None,
             sections: Sections | None = None) -> Table:
    """Each kind's count and the quantities its declaration says to measure (`measure: true`)."""
    sections = sections or Sections()
    chosen = select_period(records, period, as_of, sections)
    months = _months(period, period.counted_until(as_of))
    parts = [chosen.dates(first, last) for first, last in months] + [chosen]
    rows: list[Row] = []
    for kind in sections.kinds:
        if not chosen.kind(kind):
            continue
        of_kind = [part.kind(kind) for part in parts]
        rows.append(Row(kind, tuple(s.count() for s in of_kind)))
        for attribute in sections.kinds[kind].measures:
            for unit in sorted(f.unit for f in of_kind[-1].totals(attribute) if f.unit and f.value) or [None]:
                label = f"{kind} · {attribute}" + (f" ({unit})" if unit else "")
                rows.append(Row(label, tuple(s.sum(attribute, unit) for s in of_kind)))
    return Table(tuple(month_text(first) for first, _ in months), tuple(rows))
