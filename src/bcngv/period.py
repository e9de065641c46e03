"""Reporting periods: a window of dates with its Vietnamese label and its neighbours.

Windows are half-open, `[start, end)`, so consecutive periods tile time without overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

FORMS = "2022-07 (tháng)"
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


class PeriodError(ValueError):
    """A period text that is not in any accepted form (a usage error)."""


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date  # exclusive
    kind: str  # "month"

    @property
    def code(self) -> str:
        return f"{self.start.year}-{self.start.month:02d}"

    @property
    def label(self) -> str:
        return f"tháng {self.start.month}/{self.start.year}"

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month

    def shifted(self, months: int) -> Period:
        return Period(_add_months(self.start, months), _add_months(self.end, months), self.kind)

    @property
    def next(self) -> Period:
        return self.shifted(self.months)

    @property
    def previous(self) -> Period:
        return self.shifted(-self.months)

    @property
    def same_period_last_year(self) -> Period:
        return self.shifted(-12)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day < self.end


def parse_period(text: str) -> Period:
    match = _MONTH.fullmatch(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise PeriodError(text)
    start = date(int(match.group(1)), int(match.group(2)), 1)
    return Period(start, _add_months(start, 1), "month")
