"""A quick look at a period without building a document: records counted, and their main
quantities summed, by kind and calendar month."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bcngv.metrics import Figure, Selection, select_period
from bcngv.period import Period, month_text
from bcngv.records.models import KINDS, Money, RecordBase

# the quantity a report states for each kind, besides how many records there are
MEASURES: dict[str, tuple[str, ...]] = {
    "doan_ra": ("persons",),
    "doan_vao": ("visitors",),
    "ke_hoach_doan_ra": ("delegations",),
    "ngo": ("committed", "disbursed"),
    "vien_tro": ("amounts",),
    "lanh_su": ("cases",),
    "hai_cot": ("sets",),
    "hoc_bong": ("students",),
    "thu_tuc": ("dossiers",),
    "dich_thuat": ("pages_total", "copies_tu_phap", "copies_trung_tam", "legalisations", "visa_forms"),
}


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


def _currencies(selection: Selection, attribute: str) -> list[str]:
    found = set()
    for record in selection:
        value = getattr(record, attribute)
        found.update(m.currency.value for m in (value if isinstance(value, list) else [value]) if isinstance(m, Money))
    return sorted(found)


def tabulate(records: Sequence[RecordBase], period: Period, as_of: date | None = None) -> Table:
    chosen = select_period(records, period, as_of)
    months = _months(period, period.counted_until(as_of))
    parts = [chosen.dates(first, last) for first, last in months] + [chosen]
    rows: list[Row] = []
    for kind in KINDS:
        if not chosen.kind(kind):
            continue
        of_kind = [part.kind(kind) for part in parts]
        rows.append(Row(kind, tuple(s.count() for s in of_kind)))
        for attribute in MEASURES.get(kind, ()):
            for currency in _currencies(of_kind[-1], attribute) or [None]:
                label = f"{kind} · {attribute}" + (f" ({currency})" if currency else "")
                rows.append(Row(label, tuple(s.sum(attribute, currency) for s in of_kind)))
    return Table(tuple(month_text(first) for first, _ in months), tuple(rows))
