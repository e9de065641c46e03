"""The rules of periods a report rests on, each by its name, at its boundaries (issue 19): the kinds
a report kind is chosen by, the last day counted, how months are written, the year of a period,
Decree 09 cut-off windows, and periods whose neighbours the calendar cannot hold."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bcngv.period import (
    FORMS,
    PeriodError,
    Shape,
    Windows,
    date_meant,
    day_text,
    month_number,
    month_text,
    parse_period,
)

ONE_DAY = timedelta(days=1)


# --- the kinds `default_for` matches --------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("2022-07", "month"), ("2022-Q1", "quarter"), ("2022-Q4", "quarter"), ("2022-H1", "half"),
        ("2022-H2", "half"), ("2022-07..2022-12", "half"), ("2022-1M", "month"), ("2022-2M", "months"),
        ("2022-11M", "months"), ("2022-12M", "year"), ("2022-01..2022-07", "months"), ("2022", "year"),
        ("2022-08..2022-12", "rest"), ("2022-02..2022-12", "rest"), ("2022-12..2022-12", "month"),
        ("2022-02..2022-07", "span"), ("2022-08..2022-11", "span"), ("2022-10..2023-01", "span"),
        ("2022-03..2022-08", "span"),  # six months that are not a half
        ("2021-01..2022-08", "span"), ("2021-01..2021-12", "year"), ("2021-01..2022-12", "span"),
        ("2022-07-05..2022-07-14", "days"), ("2022-07-01..2022-07-30", "days"), ("2022-07-02..2022-07-31", "days"),
    ],
)
def test_the_kind_of_each_period(text: str, kind: str) -> None:
    assert parse_period(text).kind == kind


@pytest.mark.parametrize(
    ("text", "first", "stop"),
    [
        ("2022-Q1", date(2022, 1, 1), date(2022, 4, 1)), ("2022-Q2", date(2022, 4, 1), date(2022, 7, 1)),
        ("2022-Q4", date(2022, 10, 1), date(2023, 1, 1)), ("2022-H2", date(2022, 7, 1), date(2023, 1, 1)),
        ("2022-1M", date(2022, 1, 1), date(2022, 2, 1)), ("2022-11M", date(2022, 1, 1), date(2022, 12, 1)),
        ("2022-12", date(2022, 12, 1), date(2023, 1, 1)),
    ],
)
def test_the_calendar_bounds_of_named_periods(text: str, first: date, stop: date) -> None:
    period = parse_period(text)
    assert (period.first, period.stop) == (first, stop)


@pytest.mark.parametrize(
    ("text", "label", "code"),
    [
        ("2022-Q1", "quý I/2022", "2022-Q1"), ("2022-Q2", "quý II/2022", "2022-Q2"),
        ("2022-Q3", "quý III/2022", "2022-Q3"), ("2022-Q4", "quý IV/2022", "2022-Q4"),
        ("2022-07..2022-12", "6 tháng cuối năm 2022", "2022-H2"),
        ("2022-02..2022-12", "11 tháng cuối năm 2022", "2022-02..2022-12"),
        ("2022-11M", "11 tháng đầu năm 2022", "2022-11M"),
        ("2022-02..2022-07", "từ tháng 02/2022 đến tháng 7/2022", "2022-02..2022-07"),
        ("2021-11..2022-02", "từ tháng 11/2021 đến tháng 02/2022", "2021-11..2022-02"),
        ("2022-07-30..2022-07-31", "từ ngày 30/7/2022 đến ngày 31/7/2022", "2022-07-30..2022-07-31"),
    ],
)
def test_labels_and_codes_of_each_kind(text: str, label: str, code: str) -> None:
    period = parse_period(text)
    assert (period.label, period.code, str(period)) == (label, code, label)


def test_the_month_after_eleven_months_and_the_month_before_the_rest_from_february_are_months() -> None:
    # "1 tháng đầu năm 2016" is not how a plan is named: January is "tháng 01/2016"
    assert parse_period("2015-02..2015-12").next.label == "tháng 01/2016"
    assert parse_period("2016-1M").label == "tháng 01/2016"
    assert parse_period("2022-11M").next.label == "tháng 12/2022"
    assert parse_period("2022-10M").next.label == "2 tháng cuối năm 2022"


@pytest.mark.parametrize(
    ("text", "following", "before"),
    [
        ("2022-Q4", "quý I/2023", "quý III/2022"),
        ("2022-02..2022-07", "từ tháng 8/2022 đến tháng 01/2023", "từ tháng 8/2021 đến tháng 01/2022"),
        ("2022-08..2022-12", "7 tháng đầu năm 2023", "7 tháng đầu năm 2022"),
        ("2022-07-30..2022-07-31", "từ ngày 01/8/2022 đến ngày 02/8/2022", "từ ngày 28/7/2022 đến ngày 29/7/2022"),
        ("2022-07-31..2022-07-31", "ngày 01/8/2022", "ngày 30/7/2022"),
    ],
)
def test_the_neighbours_of_each_kind(text: str, following: str, before: str) -> None:
    period = parse_period(text)
    assert (period.next.label, period.previous.label) == (following, before)


def test_a_range_of_dates_a_month_later_keeps_its_days_clamped_to_a_shorter_month() -> None:
    days = parse_period("2022-01-10..2022-01-31")
    assert days.shifted(1).code == "2022-02-10..2022-02-28"
    assert days.same_period_last_year.code == "2021-01-10..2021-01-31"
    assert parse_period("2024-02-29..2024-03-30").same_period_last_year.code == "2023-02-28..2023-03-30"
    assert parse_period("2024-01-30..2024-02-28").same_period_last_year.code == "2023-01-30..2023-02-27"
    assert parse_period("2022-07-05..2022-07-14").months == 0 and parse_period("2022-07-05..2022-08-04").months == 1


# --- the last day of a period counts --------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "last"),
    [("2022-06", date(2022, 6, 30)), ("2024-02", date(2024, 2, 29)), ("2022-Q1", date(2022, 3, 31)),
     ("2022", date(2022, 12, 31)), ("2022-07-05..2022-07-14", date(2022, 7, 14))],
)
def test_the_last_day_of_a_period_is_counted_and_the_next_day_is_not(text: str, last: date) -> None:
    period = parse_period(text)
    assert period.last == last
    assert last in period and last - ONE_DAY in period and last + ONE_DAY not in period
    assert period.start in period and period.start - ONE_DAY not in period
    assert last.isoformat() not in period  # a day as text is not a day


@pytest.mark.parametrize(
    ("as_of", "counted"),
    [(date(2022, 6, 29), date(2022, 6, 29)), (date(2022, 6, 30), date(2022, 6, 30)),
     (date(2022, 7, 1), date(2022, 6, 30)), (None, date(2022, 6, 30))],
)
def test_as_of_counts_up_to_itself_and_never_past_the_last_day(as_of: date | None, counted: date) -> None:
    assert parse_period("2022-06").counted_until(as_of) == counted


# --- months as a report writes them: "3/2022", never "03/2022"; 01 and 02 padded ------------------
@pytest.mark.parametrize(
    ("day", "month", "written", "dated"),
    [(date(2022, 1, 5), "01", "01/2022", "05/01/2022"), (date(2022, 2, 10), "02", "02/2022", "10/02/2022"),
     (date(2022, 3, 9), "3", "3/2022", "09/3/2022"), (date(2022, 10, 1), "10", "10/2022", "01/10/2022"),
     (date(2022, 12, 31), "12", "12/2022", "31/12/2022")],
)
def test_months_and_days_are_written_as_decree_30_writes_them(day: date, month: str, written: str, dated: str) -> None:
    assert (month_number(day), month_text(day), day_text(day)) == (month, written, dated)


def test_march_in_a_label_is_3_not_03() -> None:
    assert parse_period("2022-03").label == "tháng 3/2022"
    assert parse_period("2022-03..2022-04").label == "từ tháng 3/2022 đến tháng 4/2022"


# --- the year of a period: the year of its last day ------------------------------------------------
@pytest.mark.parametrize(
    ("text", "windows", "year"),
    [("2022", "calendar", 2022), ("2022", "nghi_dinh_09", 2022), ("2022-01", "nghi_dinh_09", 2022),
     ("2021-01..2022-08", "calendar", 2022), ("2021-12-15..2022-01-14", "calendar", 2022),
     ("2022-12-31..2022-12-31", "calendar", 2022), ("2022-12-31..2023-01-01", "calendar", 2023),
     ("2022-12", "calendar", 2022)],
)
def test_the_year_of_a_period_is_the_year_of_its_last_day(text: str, windows: str, year: int) -> None:
    assert parse_period(text, windows).year == year


# --- Decree 09 windows: from the 15th of the month before to the 14th --------------------------------
def test_a_decree_09_window_starts_on_the_15th_and_ends_on_the_14th() -> None:
    july = parse_period("2022-07", Windows.NGHI_DINH_09)
    assert (july.start, july.end, july.last) == (date(2022, 6, 15), date(2022, 7, 15), date(2022, 7, 14))
    assert date(2022, 6, 14) not in july and date(2022, 6, 15) in july and date(2022, 7, 15) not in july
    assert july.with_windows("calendar").start == date(2022, 7, 1)
    assert july.windows is Windows.NGHI_DINH_09 and parse_period("2022-07").windows is Windows.CALENDAR


# --- a date written by hand, 12/7/2022, suggested as the form records take ---------------------------
@pytest.mark.parametrize(
    ("given", "meant"),
    [("12/7/2022", ("2022-07-12",)), (" 1/2/2022 ", ("2022-02-01",)), ("31/12/2022", ("2022-12-31",)),
     ("2022-07-12", ()), ("12/7/22", ()), ("12-7-2022", ()), ("x12/7/2022", ()), (20220712, ()), (None, ())],
)
def test_a_date_written_day_month_year_is_suggested_in_iso_form(given: object, meant: tuple[str, ...]) -> None:
    assert date_meant(given) == meant


# --- the grammar's edges -------------------------------------------------------------------------
def test_every_form_the_usage_message_shows_is_a_period() -> None:
    assert [parse_period(form).code for form in FORMS.split(", ")] == [
        "2022-07", "2022-Q3", "2022-H1", "2022-H2", "2022-9M", "2022", "2022-7M", "2021-01-15..2022-08-14"]


@pytest.mark.parametrize("text", ["2022-12", "2022-1", "2022-01", "2022-12M", "2022-1M", "2022-h2", "2022-Q1"])
def test_the_edges_of_each_number_are_accepted(text: str) -> None:
    assert parse_period(text).code


@pytest.mark.parametrize("text", ["2022-H0", "2022-Q0", "2022-13", "2022-00M", "2022-001", "2022-07..2022-13",
                                  "2022-07..2022-06", "2022-07-01..2022-06-30", "2022-7..x"])
def test_one_past_each_edge_is_refused(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text)


def test_a_one_day_range_and_the_same_month_twice_are_periods() -> None:
    assert parse_period("2022-07..2022-07").shape is Shape.MONTH
    assert parse_period("2022-07-31..2022-07-31").shape is Shape.DAYS


# --- periods the calendar cannot hold: refused, never a traceback later in a build ------------------
@pytest.mark.parametrize(
    ("text", "windows"),
    [("0001-01", "calendar"), ("0001-02..0001-05", "calendar"), ("9998-03..9999-11", "calendar"),
     ("0001-Q1", "calendar"), ("0002-01", "nghi_dinh_09"), ("9998", "calendar"),
     ("2022-01..9022-12", "calendar")],
)
def test_a_period_whose_neighbours_fall_outside_the_calendar_is_refused(text: str, windows: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text, windows)


@pytest.mark.parametrize("text", ["0002-01..0002-03", "0002", "9997-01..9997-12", "9998-02", "9998-06..9998-08"])
def test_a_period_whose_neighbours_exist_is_accepted(text: str) -> None:
    period = parse_period(text)
    assert period.previous.start.year >= 1 and period.next.end.year <= 9999


@settings(deadline=None, max_examples=300)
@given(st.integers(1, 9999), st.integers(1, 12), st.integers(0, 120_000), st.sampled_from(list(Windows)))
def test_fuzz_any_span_is_a_period_with_neighbours_or_refused(year: int, month: int, months: int,
                                                              mode: Windows) -> None:
    end = year * 12 + month - 1 + months
    text = f"{year:04d}-{month:02d}..{end // 12:04d}-{end % 12 + 1:02d}"
    try:
        period = parse_period(text, mode)
    except PeriodError:
        return
    for neighbour in (period.next, period.previous, period.same_period_last_year):
        assert neighbour.start < neighbour.end and neighbour.label
