"""Periods: the grammar, the Vietnamese labels, the neighbours and the windows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bcngv.period import Period, PeriodError, Shape, Windows, parse_period


@pytest.mark.parametrize(
    ("text", "code", "label", "start", "end"),
    [
        ("2022-07", "2022-07", "tháng 7/2022", date(2022, 7, 1), date(2022, 8, 1)),
        ("2022-7", "2022-07", "tháng 7/2022", date(2022, 7, 1), date(2022, 8, 1)),
        ("2023-01", "2023-01", "tháng 01/2023", date(2023, 1, 1), date(2023, 2, 1)),
        ("2022-Q3", "2022-Q3", "quý III/2022", date(2022, 7, 1), date(2022, 10, 1)),
        ("2022-q4", "2022-Q4", "quý IV/2022", date(2022, 10, 1), date(2023, 1, 1)),
        ("2022-H1", "2022-H1", "6 tháng đầu năm 2022", date(2022, 1, 1), date(2022, 7, 1)),
        ("2022-H2", "2022-H2", "6 tháng cuối năm 2022", date(2022, 7, 1), date(2023, 1, 1)),
        ("2022-9M", "2022-9M", "9 tháng đầu năm 2022", date(2022, 1, 1), date(2022, 10, 1)),
        ("2022", "2022", "năm 2022", date(2022, 1, 1), date(2023, 1, 1)),
        ("2022-01..2022-07", "2022-7M", "7 tháng đầu năm 2022", date(2022, 1, 1), date(2022, 8, 1)),
        ("2021-01..2022-08", "2021-01..2022-08", "từ tháng 01/2021 đến tháng 8/2022", date(2021, 1, 1), date(2022, 9, 1)),
        ("2022-10..2022-12", "2022-10..2022-12", "3 tháng cuối năm 2022", date(2022, 10, 1), date(2023, 1, 1)),
        ("2021-01-15..2022-08-14", "2021-01-15..2022-08-14", "từ ngày 15/01/2021 đến ngày 14/8/2022",
         date(2021, 1, 15), date(2022, 8, 15)),
        ("2021-12-15..2022-01", "2021-12-15..2022-01-31", "từ ngày 15/12/2021 đến ngày 31/01/2022",
         date(2021, 12, 15), date(2022, 2, 1)),
        ("2022-07-29..2022-07-29", "2022-07-29..2022-07-29", "ngày 29/7/2022", date(2022, 7, 29), date(2022, 7, 30)),
        # a range that is exactly a named period becomes it
        ("2022-01..2022-06", "2022-H1", "6 tháng đầu năm 2022", date(2022, 1, 1), date(2022, 7, 1)),
        ("2022-07-01..2022-07-31", "2022-07", "tháng 7/2022", date(2022, 7, 1), date(2022, 8, 1)),
        ("2022-01..2022-12", "2022", "năm 2022", date(2022, 1, 1), date(2023, 1, 1)),
        ("2022-12M", "2022", "năm 2022", date(2022, 1, 1), date(2023, 1, 1)),
        (" 2022-07 ", "2022-07", "tháng 7/2022", date(2022, 7, 1), date(2022, 8, 1)),
    ],
)
def test_grammar_codes_labels_and_windows(text: str, code: str, label: str, start: date, end: date) -> None:
    period = parse_period(text)
    assert (period.code, period.label, period.start, period.end) == (code, label, start, end)
    assert period.last == end - timedelta(days=1)


@pytest.mark.parametrize(
    ("text", "following", "before", "last_year"),
    [
        ("2022-07", "tháng 8/2022", "tháng 6/2022", "tháng 7/2021"),
        ("2022-12", "tháng 01/2023", "tháng 11/2022", "tháng 12/2021"),
        ("2024-05", "tháng 6/2024", "tháng 4/2024", "tháng 5/2023"),
        ("2022-Q1", "quý II/2022", "quý IV/2021", "quý I/2021"),
        ("2022-H1", "6 tháng cuối năm 2022", "6 tháng cuối năm 2021", "6 tháng đầu năm 2021"),
        ("2022-H2", "6 tháng đầu năm 2023", "6 tháng đầu năm 2022", "6 tháng cuối năm 2021"),
        ("2022-9M", "3 tháng cuối năm 2022", "3 tháng cuối năm 2021", "9 tháng đầu năm 2021"),
        ("2022-01..2022-07", "5 tháng cuối năm 2022", "5 tháng cuối năm 2021", "7 tháng đầu năm 2021"),
        ("2022-11M", "tháng 12/2022", "tháng 12/2021", "11 tháng đầu năm 2021"),
        ("2022", "năm 2023", "năm 2021", "năm 2021"),
        ("2021-01..2022-08", "từ tháng 9/2022 đến tháng 4/2024", "từ tháng 5/2019 đến tháng 12/2020",
         "từ tháng 01/2020 đến tháng 8/2021"),
        ("2022-07-05..2022-07-14", "từ ngày 15/7/2022 đến ngày 24/7/2022", "từ ngày 25/6/2022 đến ngày 04/7/2022",
         "từ ngày 05/7/2021 đến ngày 14/7/2021"),
    ],
)
def test_neighbours(text: str, following: str, before: str, last_year: str) -> None:
    period = parse_period(text)
    assert (period.next.label, period.previous.label, period.same_period_last_year.label) == (following, before, last_year)


def test_the_month_after_a_nine_month_report_is_planned_then_the_next_year_starts_again() -> None:
    rest = parse_period("2022-9M").next
    assert (rest.shape, rest.start, rest.end) == (Shape.REST, date(2022, 10, 1), date(2023, 1, 1))
    assert rest.next == parse_period("2023-9M")


@pytest.mark.parametrize(
    ("text", "start", "last"),
    [
        ("2022-07", date(2022, 6, 15), date(2022, 7, 14)),
        ("2022-01", date(2021, 12, 15), date(2022, 1, 14)),
        ("2022-Q3", date(2022, 6, 15), date(2022, 9, 14)),
        ("2022-H1", date(2021, 12, 15), date(2022, 6, 14)),
        ("2022-H2", date(2022, 6, 15), date(2022, 12, 14)),
        ("2022", date(2021, 12, 15), date(2022, 12, 14)),
        ("2022-07-05..2022-07-20", date(2022, 7, 5), date(2022, 7, 20)),  # given dates are kept
    ],
)
def test_decree_09_cut_off_windows(text: str, start: date, last: date) -> None:
    period = parse_period(text, "nghi_dinh_09")
    assert (period.start, period.last) == (start, last)
    assert period.label == parse_period(text).label


def test_as_of_cuts_the_window_and_moves_into_the_periods_compared() -> None:
    year = parse_period("2022")
    as_of = date(2022, 11, 7)
    assert year.counted_until(as_of) == as_of
    assert year.counted_until(None) == date(2022, 12, 31)
    assert year.carry(as_of, year.same_period_last_year) == date(2021, 11, 7)
    leap = parse_period("2024-02")
    assert leap.carry(date(2024, 2, 29), leap.same_period_last_year) == date(2023, 2, 28)
    days = parse_period("2022-07-05..2022-07-14")
    assert days.carry(date(2022, 7, 10), days.previous) == date(2022, 6, 30)


def test_a_larger_period_covers_the_periods_inside_it() -> None:
    assert parse_period("2023").covers(parse_period("2023-06"))
    assert parse_period("2023").covers(parse_period("2023"))
    assert not parse_period("2023-06").covers(parse_period("2023"))
    assert not parse_period("2022-07").covers(parse_period("2022-08"))


@pytest.mark.parametrize(
    "text", ["2022-13", "2022-00", "July", "2022/07", "", "2022-Q5", "2022-H3", "2022-13M", "2022-0M",
             "2022-08..2022-07", "2022-02-30..2022-03", "2022-07..", "0000", "22-07", "2022-07-01"],
)
def test_malformed_periods_are_refused(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text)


# --- properties (no deadline: a test must not depend on how fast the machine is) ---------------
untimed = settings(deadline=None)
years = st.integers(1990, 2100)
windows = st.sampled_from(list(Windows))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    year = draw(years)
    text = draw(st.one_of(
        st.integers(1, 12).map(lambda m: f"{year}-{m:02d}"),
        st.integers(1, 4).map(lambda q: f"{year}-Q{q}"),
        st.sampled_from([f"{year}-H1", f"{year}-H2", str(year)]),
        st.integers(1, 12).map(lambda n: f"{year}-{n}M"),
        st.tuples(st.integers(0, 40), st.integers(0, 40)).map(
            lambda t: f"{year}-{t[0] % 12 + 1:02d}..{year + (t[0] + t[1]) // 12}-{(t[0] + t[1]) % 12 + 1:02d}"),
        st.tuples(st.dates(date(year, 1, 1), date(year, 12, 31)), st.integers(0, 800)).map(
            lambda t: f"{t[0].isoformat()}..{(t[0] + timedelta(days=t[1])).isoformat()}"),
    ))
    return parse_period(text, draw(windows))


@untimed
@given(years, windows)
def test_consecutive_months_tile_the_year(year: int, mode: Windows) -> None:
    months = [parse_period(f"{year}-{m:02d}", mode) for m in range(1, 13)]
    whole = parse_period(str(year), mode)
    assert months[0].start == whole.start and months[-1].end == whole.end
    assert all(a.end == b.start for a, b in zip(months, months[1:]))
    assert sum((m.end - m.start).days for m in months) == (whole.end - whole.start).days


@untimed
@given(periods())
def test_previous_of_next_is_the_period_itself(period: Period) -> None:
    assert period.next.previous == period
    assert period.previous.next == period


@untimed
@given(periods())
def test_each_period_is_followed_without_gap_or_overlap(period: Period) -> None:
    assert period.start < period.end
    assert period.next.start == period.end and period.previous.end == period.start


@untimed
@given(periods())
def test_the_code_reads_back_as_the_same_window(period: Period) -> None:
    again = parse_period(period.code, period.windows)
    assert (again.start, again.end, again.label) == (period.start, period.end, period.label)


@untimed
@given(st.dates(date(1991, 1, 1), date(2099, 12, 31)), windows)
def test_every_date_falls_in_exactly_one_month(day: date, mode: Windows) -> None:
    candidates = [parse_period(f"{y}-{m:02d}", mode) for y in (day.year - 1, day.year, day.year + 1) for m in range(1, 13)]
    assert sum(day in month for month in candidates) == 1
