"""Reporting periods: a window of dates with its Vietnamese label and its neighbours.

The grammar (like hledger's period expressions, with the Vietnamese reporting periods):

    2022-07            tháng 7/2022
    2022-Q3            quý III/2022
    2022-H1, 2022-H2   6 tháng đầu năm 2022, 6 tháng cuối năm 2022
    2022-9M            9 tháng đầu năm 2022 (any 1M–12M: the first n months of the year)
    2022               năm 2022
    2022-01..2022-07   7 tháng đầu năm 2022 (months or dates at either end; a month at the end
    2021-01..2022-08   counts in full, a date at the end is the last day included)

A range that is exactly one of the named periods becomes it (`2022-01..2022-06` is 2022-H1).
Windows are half-open, `[start, end)`, so consecutive periods tile time without gap or overlap:
`p.next.start == p.end` for every period. The first n months of a year are followed by the rest of
that year, and the rest by the first n months of the next year (a 9-month report plans the last
3 months); any other period is followed by the period of the same length after it.

A report kind may use the cut-off windows of Decree 09/2019/NĐ-CP instead of calendar months:
every window then runs from the 15th of the month before its first month to the 14th of its last
month (a July report counts 15/6–14/7). Ranges given by dates keep their dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

FORMS = "2022-07, 2022-Q3, 2022-H1, 2022-H2, 2022-9M, 2022, 2022-01..2022-07, 2021-01-15..2022-08-14"


class PeriodError(ValueError):
    """A period text that is not in any accepted form (a usage error)."""


class Shape(StrEnum):
    """What kind of period a window is: it decides the label and the neighbours."""

    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    MONTHS = "months"  # the first n months of a year (9M, 2022-01..2022-07)
    REST = "rest"  # the last months of a year: what follows a MONTHS period
    YEAR = "year"
    SPAN = "span"  # any other run of whole months
    DAYS = "days"  # a range given by dates


class Windows(StrEnum):
    CALENDAR = "calendar"
    NGHI_DINH_09 = "nghi_dinh_09"  # Decree 09/2019: from the 15th of the month before to the 14th


_CUTOFF_DAY = 15
_QUARTERS = ("I", "II", "III", "IV")


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month(index: int, day: int = 1) -> date:
    return date(index // 12, index % 12 + 1, day)


def _same_day_months_later(day: date, months: int) -> date:
    """The same day `months` later, clamped to the end of a shorter month (29/02 → 28/02)."""
    first = _month(_month_index(day) + months)
    last_day = (_month(_month_index(first) + 1) - timedelta(days=1)).day
    return first.replace(day=min(day.day, last_day))


def month_number(day: date) -> str:
    """'7'; the months 1 and 2 get a leading zero as Decree 30 writes dates ('01')."""
    return f"{day.month:02d}" if day.month <= 2 else str(day.month)


def month_text(day: date) -> str:
    """'7/2022', '01/2021'."""
    return f"{month_number(day)}/{day.year}"


def day_text(day: date) -> str:
    """'07/11/2022', '20/5/2022': Decree 30 pads days under 10 and the months 1 and 2."""
    return f"{day.day:02d}/{month_text(day)}"


_DAY_MONTH_YEAR = re.compile(r"\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s*")  # 12/7/2022, as Vietnamese write dates


def date_meant(given: object) -> tuple[str, ...]:
    """`12/7/2022` is how the office writes a date by hand: the form records and options take
    (`2022-07-12`) as a suggestion, for a record's value and an option's alike; () for anything else."""
    match = _DAY_MONTH_YEAR.fullmatch(given) if isinstance(given, str) else None
    if match is None:
        return ()
    day, month, year = match.groups()
    return (f"{year}-{int(month):02d}-{int(day):02d}",)


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period. `first`/`stop` are its calendar bounds (`stop` exclusive); `start`/`end`
    are the window records are counted in, which differs under Decree 09 cut-off windows."""

    shape: Shape
    first: date
    stop: date
    windows: Windows = Windows.CALENDAR

    # --- the window ----------------------------------------------------------------------------
    @property
    def start(self) -> date:
        return self._cut(self.first)

    @property
    def end(self) -> date:
        """The first day after the window."""
        return self._cut(self.stop)

    @property
    def last(self) -> date:
        """The last day inside the window."""
        return self.end - timedelta(days=1)

    def counted_until(self, as_of: date | None) -> date:
        """The last day counted: the window's last day, or `as_of` when that comes first."""
        return self.last if as_of is None else min(self.last, as_of)

    def _cut(self, bound: date) -> date:
        if self.windows is Windows.CALENDAR or self.shape is Shape.DAYS:
            return bound
        return _month(_month_index(bound) - 1, _CUTOFF_DAY)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day < self.end

    def covers(self, other: Period) -> bool:
        """Whether `other`'s calendar bounds lie inside this period's (a task for 2023-01 is part
        of the plan for 2023)."""
        return self.first <= other.first and other.stop <= self.stop

    def with_windows(self, windows: Windows | str) -> Period:
        return replace(self, windows=Windows(windows))

    # --- names ---------------------------------------------------------------------------------
    @property
    def months(self) -> int:
        """How many calendar months the period spans (0 for a range of dates inside one month)."""
        return _month_index(self.stop) - _month_index(self.first)

    @property
    def year(self) -> int:
        """The year of the period's last day: 'kế hoạch năm {{ period.year + 1 }}'."""
        return (self.stop - timedelta(days=1)).year

    @property
    def kind(self) -> str:
        """What `default_for` in bcngv.yaml matches: month, quarter, half, months, rest, year, span, days."""
        return self.shape.value

    @property
    def code(self) -> str:
        """The period as written on the command line, and in file names: '2022-07', '2022-Q3'."""
        head, last_month = self.first, _month(_month_index(self.stop) - 1)
        match self.shape:
            case Shape.MONTH:
                return f"{head.year}-{head.month:02d}"
            case Shape.QUARTER:
                return f"{head.year}-Q{(head.month - 1) // 3 + 1}"
            case Shape.HALF:
                return f"{head.year}-H{1 if head.month == 1 else 2}"
            case Shape.MONTHS:
                return f"{head.year}-{self.months}M"
            case Shape.YEAR:
                return str(head.year)
            case Shape.DAYS:
                return f"{head.isoformat()}..{(self.stop - timedelta(days=1)).isoformat()}"
        return f"{head.year}-{head.month:02d}..{last_month.year}-{last_month.month:02d}"

    @property
    def label(self) -> str:
        """The period as a report names it: 'tháng 7/2022', 'quý III/2022', '9 tháng đầu năm 2022'."""
        head, last_month = self.first, _month(_month_index(self.stop) - 1)
        match self.shape:
            case Shape.MONTH:
                return f"tháng {month_text(head)}"
            case Shape.QUARTER:
                return f"quý {_QUARTERS[(head.month - 1) // 3]}/{head.year}"
            case Shape.HALF | Shape.MONTHS | Shape.REST:
                if self.months == 1:  # December after 11M, January after the rest from February
                    return f"tháng {month_text(head)}"
                part = "đầu" if head.month == 1 else "cuối"
                return f"{self.months} tháng {part} năm {head.year}"
            case Shape.YEAR:
                return f"năm {head.year}"
            case Shape.DAYS:
                last_day = self.stop - timedelta(days=1)
                if last_day == head:
                    return f"ngày {day_text(head)}"
                return f"từ ngày {day_text(head)} đến ngày {day_text(last_day)}"
        return f"từ tháng {month_text(head)} đến tháng {month_text(last_month)}"

    def __str__(self) -> str:
        return self.label

    # --- neighbours ----------------------------------------------------------------------------
    def shifted(self, months: int) -> Period:
        """The same shape `months` later (earlier when negative)."""
        if self.shape is Shape.DAYS:
            return replace(self, first=_same_day_months_later(self.first, months),
                           stop=_same_day_months_later(self.stop, months))
        return replace(self, first=_month(_month_index(self.first) + months),
                       stop=_month(_month_index(self.stop) + months))

    @property
    def next(self) -> Period:
        """The period after this one: 'kế hoạch tháng 8/2022', 'phương hướng năm 2023'."""
        if self.shape is Shape.MONTHS:  # the first n months → the rest of the year
            return replace(self, shape=Shape.REST, first=self.stop, stop=date(self.first.year + 1, 1, 1))
        if self.shape is Shape.REST:  # the rest of the year → the first n months of the next
            return replace(self, shape=Shape.MONTHS, first=self.stop, stop=_month(_month_index(self.stop) + 12 - self.months))
        if self.shape is Shape.DAYS:
            return replace(self, first=self.stop, stop=self.stop + (self.stop - self.first))
        return self.shifted(self.months)

    @property
    def previous(self) -> Period:
        if self.shape is Shape.MONTHS:  # the rest of the year before
            return replace(self, shape=Shape.REST, first=_month(_month_index(self.stop) - 12), stop=self.first)
        if self.shape is Shape.REST:  # the first months of the same year
            return replace(self, shape=Shape.MONTHS, first=date(self.stop.year - 1, 1, 1), stop=self.first)
        if self.shape is Shape.DAYS:
            return replace(self, first=self.first - (self.stop - self.first), stop=self.first)
        return self.shifted(-self.months)

    @property
    def same_period_last_year(self) -> Period:
        return self.shifted(-12)

    def carry(self, day: date, to: Period) -> date:
        """`day` moved into `to` by the distance between the two periods' starts: the as-of date
        of a comparison ('tính đến 07/11/2022' compares with 2021 up to 07/11/2021)."""
        if self.shape is Shape.DAYS:
            return day + (to.first - self.first)
        return _same_day_months_later(day, _month_index(to.first) - _month_index(self.first))


# --- parsing ---------------------------------------------------------------------------------
_YEAR = r"(?P<year>\d{4})"
_NAMED = re.compile(_YEAR + r"(?:-(?:(?P<month>\d{1,2})|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<first>\d{1,2})M))?",
                    re.IGNORECASE)
_END = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")


def _months(year: int, first_month: int, months: int) -> Period:
    """The named period for a run of whole months, or a SPAN when it has no name."""
    first = date(year, first_month, 1)
    stop = _month(_month_index(first) + months)
    if months == 1:
        shape = Shape.MONTH
    elif first_month == 1 and months == 12:
        shape = Shape.YEAR
    elif months == 6 and first_month in (1, 7):
        shape = Shape.HALF
    elif first_month == 1 and months < 12:
        shape = Shape.MONTHS
    elif stop == date(year + 1, 1, 1):
        shape = Shape.REST
    else:
        shape = Shape.SPAN
    return Period(shape, first, stop)


def _range_end(text: str, whole: str) -> tuple[date, bool]:
    """One end of a range: (its date, whether it was a whole month)."""
    match = _END.fullmatch(text)
    if not match:
        raise PeriodError(whole)
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3) or 1)), match.group(3) is None
    except ValueError:
        raise PeriodError(whole) from None


def _parse_range(text: str) -> Period:
    left, right = (part.strip() for part in text.split("..", 1))
    first, _ = _range_end(left, text)
    last, whole_month = _range_end(right, text)
    stop = _month(_month_index(last) + 1) if whole_month else last + timedelta(days=1)
    if stop <= first:
        raise PeriodError(text)
    if first.day == 1 and stop.day == 1:
        return _months(first.year, first.month, _month_index(stop) - _month_index(first))
    return Period(Shape.DAYS, first, stop)


def parse_period(text: str, windows: Windows | str = Windows.CALENDAR) -> Period:
    """Read a period in any form of the grammar; `PeriodError` when it is in none of them."""
    return _parsed(text, Windows(windows))


@lru_cache(maxsize=1024)  # a report reads the target period of every task, most of them alike; a Period is immutable
def _parsed(text: str, mode: Windows) -> Period:
    try:
        period = _parse(text.strip()).with_windows(mode)
        _neighbours_exist(period)
    except PeriodError:
        raise
    except ValueError:  # a year the calendar cannot hold, such as 0000
        raise PeriodError(text) from None
    return period


def _neighbours_exist(period: Period) -> None:
    """A report names and compares with the period's neighbours: a period whose window or
    neighbours fall outside the calendar (0001-03, a span ending in 9999 whose next one cannot) is
    refused here rather than failing later in a build. ValueError when one does."""
    for neighbour in (period, period.next, period.previous, period.same_period_last_year):
        _ = neighbour.start, neighbour.end


def _parse(text: str) -> Period:
    if ".." in text:
        return _parse_range(text)
    match = _NAMED.fullmatch(text)
    if not match:
        raise PeriodError(text)
    year = int(match.group("year"))
    if match.group("month"):
        month = int(match.group("month"))
        if not 1 <= month <= 12:
            raise PeriodError(text)
        return Period(Shape.MONTH, date(year, month, 1), _month(year * 12 + month))
    if match.group("quarter"):
        quarter = int(match.group("quarter"))
        return Period(Shape.QUARTER, date(year, 3 * quarter - 2, 1), _month(year * 12 + 3 * quarter))
    if match.group("half"):
        return _months(year, 1 if match.group("half") == "1" else 7, 6)
    if match.group("first"):
        months = int(match.group("first"))
        if not 1 <= months <= 12:
            raise PeriodError(text)
        return _months(year, 1, months)
    return _months(year, 1, 12)
