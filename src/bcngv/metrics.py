"""Figures: values computed from records, each remembering the records and the query behind it.

Templates get a `Selection` of the period's records and narrow it down (`kind`, `field`, `where`),
count it or sum a field of it; the result is a `Figure`, never a bare number, so a printed figure
can always be traced back to its records.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from bcngv.period import Period
from bcngv.records.models import RecordBase

Number = int | Decimal


@dataclass(frozen=True, slots=True)
class Figure:
    value: Number
    records: tuple[RecordBase, ...]
    query: str

    def __str__(self) -> str:
        return str(self.value)


def _arg(value: Any) -> str:
    return repr(value.value if hasattr(value, "value") else value)


class Selection:
    """An ordered set of records with the query that chose them."""

    __slots__ = ("_records", "query")

    def __init__(self, records: Sequence[RecordBase], query: str = "records") -> None:
        self._records = tuple(records)
        self.query = query

    def __iter__(self) -> Iterator[RecordBase]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __bool__(self) -> bool:
        return bool(self._records)

    def _narrow(self, keep: Any, step: str) -> Selection:
        return Selection([r for r in self._records if keep(r)], f"{self.query}.{step}")

    def kind(self, *kinds: str) -> Selection:
        return self._narrow(lambda r: r.kind in kinds, f"kind({', '.join(map(repr, kinds))})")

    def field(self, *fields: str) -> Selection:
        return self._narrow(lambda r: r.field in fields, f"field({', '.join(map(repr, fields))})")

    def where(self, **conditions: Any) -> Selection:
        step = ", ".join(f"{k}={_arg(v)}" for k, v in sorted(conditions.items()))
        return self._narrow(lambda r: all(getattr(r, k, None) == v for k, v in conditions.items()), f"where({step})")

    def count(self) -> Figure:
        return Figure(len(self._records), self._records, f"{self.query}.count()")

    def sum(self, attribute: str) -> Figure:
        total: Number = sum((getattr(r, attribute) or 0 for r in self._records), 0)
        used = tuple(r for r in self._records if getattr(r, attribute))
        return Figure(total, used, f"{self.query}.sum({attribute!r})")

    def group(self, attribute: str) -> list[tuple[Any, Selection]]:
        """Groups in a stable order: the order of first appearance among date-sorted records."""
        groups: dict[Any, list[RecordBase]] = {}
        for record in self._records:
            groups.setdefault(getattr(record, attribute), []).append(record)
        return [(key, Selection(items, f"{self.query}.where({attribute}={_arg(key)})")) for key, items in groups.items()]


def select_period(records: Sequence[RecordBase], period: Period) -> Selection:
    """The records dated inside the period, in date then path order (stable across runs)."""
    chosen = sorted((r for r in records if r.date in period), key=lambda r: (r.date, r.path))
    return Selection(chosen, "records")
