"""Numbers and dates as the office writes them, whatever the machine's locale."""

from __future__ import annotations

import locale
from datetime import date
from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from bcngv.render import vietnamese


@pytest.mark.parametrize(
    ("value", "text"),
    [(1150000, "1.150.000"), (Decimal("2.5"), "2,5"), (Decimal("2.50"), "2,5"), (0, "0"), (999, "999"),
     (1000, "1.000"), (Decimal("1150000.75"), "1.150.000,75")],
)
def test_number(value, text: str) -> None:
    assert vietnamese.number(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(-1150000, "-1.150.000"), (Decimal("-0"), "-0"), (Decimal("0.000"), "0"), (Decimal("1E+3"), "1.000"),
     (Decimal("1.2345678"), "1,2345678"), (1e-7, "0,0000001"), (2.5, "2,5"), (10**20, "100.000.000.000.000.000.000"),
     (Decimal("12345.6"), "12.345,6"), (float("inf"), "∞"), (Decimal("-Infinity"), "-∞")],
)
def test_number_keeps_every_decimal_its_sign_and_the_groups_of_three(value, text: str) -> None:
    """CLDR's Vietnamese numbers (babel's format_decimal for vi_VN, decimal quantization off)."""
    assert vietnamese.number(value) == text


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [(Decimal("2901.8"), 2, "2.901,80"), (Decimal("0.005"), 2, "0,01"), (1234567, 0, "1.234.567"),
     (Decimal("-1.25"), 1, "-1,3"), (Decimal("1000"), 3, "1.000,000"), (0, 2, "0,00")],
)
def test_fixed_keeps_exactly_its_places(value, places: int, text: str) -> None:
    assert vietnamese.fixed(value, places) == text


_PLAIN = st.one_of(
    st.integers(min_value=-(10**18), max_value=10**18),
    st.decimals(min_value=Decimal(-(10**15)), max_value=Decimal(10**15), allow_nan=False, places=None),
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False),
)


@settings(max_examples=400, deadline=None)
@given(_PLAIN)
def test_number_is_cldrs_vietnamese_as_babel_writes_it(value) -> None:
    """bcngv writes numbers itself (a build need not load a locale library); babel's CLDR data for
    vi_VN stays the authority it is held to."""
    assert vietnamese.number(value) == format_decimal(value, locale="vi_VN", decimal_quantization=False)


@settings(max_examples=400, deadline=None)
@given(st.decimals(min_value=Decimal(-(10**12)), max_value=Decimal(10**12), allow_nan=False, allow_infinity=False,
                   places=4), st.integers(min_value=0, max_value=4))
def test_fixed_is_cldrs_vietnamese_as_babel_writes_it(value: Decimal, places: int) -> None:
    pattern = "#,##0" + ("." + "0" * places if places else "")
    rounded = vietnamese.round_half_up(value, places)
    assert vietnamese.fixed(value, places) == format_decimal(rounded, format=pattern, locale="vi_VN",
                                                             decimal_quantization=False)


def test_a_number_past_the_decimal_precision_is_refused_not_misprinted() -> None:
    with pytest.raises(ArithmeticError):
        vietnamese.number(10**30)


@pytest.mark.parametrize(
    ("value", "pad", "text"),
    [(5, True, "05"), (0, True, "00"), (9, True, "09"), (10, True, "10"), (5, False, "5"), (1150, True, "1.150")],
)
def test_count(value: int, pad: bool, text: str) -> None:
    assert vietnamese.count(value, pad) == text


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [(1150000, "USD", "1.150.000 USD"), (Decimal("1150000"), "USD", "1.150.000 USD"), (2500, None, "2.500")],
)
def test_money(value, unit, text: str) -> None:
    assert vietnamese.money(value, unit) == text


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (1580000, "USD", "gần 1,6 triệu USD"),  # 001: NGO commitments
        (912000, "USD", "trên 900.000 USD"),  # 001: NGO disbursements
        (4950, None, "gần 5.000"),  # 000: pages translated
        (5030, None, "trên 5.000"),
        (1600000, "USD", "1,6 triệu USD"),  # exact: no word
        (120000, None, "120.000"),  # 100.000 would be 17% off: two digits are kept
        (2600000000, "LAK", "2,6 tỷ LAK"),
        (Decimal("1549999"), "USD", "trên 1,5 triệu USD"),
        (0, None, "0"),
        (7, None, "7"),
    ],
)
def test_approximate_chooses_its_words_from_the_exact_value(value, unit, text: str) -> None:
    assert vietnamese.approximate(value, unit) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("62.5"), "63%"), (Decimal("62.49"), "62%"), (-30, "-30%"), (100, "100%"), (Decimal("0.4"), "0,4%"),
     (0, "0%"), (Decimal("12.5"), "13%")],  # half up, as the office rounds: never 62% for 62,5
)
def test_percent(value, text: str) -> None:
    assert vietnamese.percent(value) == text


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (date(2022, 7, 29), "ngày 29 tháng 7 năm 2022"),
        (date(2022, 2, 10), "ngày 10 tháng 02 năm 2022"),
        (date(2022, 11, 7), "ngày 07 tháng 11 năm 2022"),
    ],
)
def test_long_date_pads_as_decree_30(day: date, text: str) -> None:
    assert vietnamese.long_date(day) == text


def test_long_date_leaves_the_day_blank_for_the_clerk() -> None:
    assert vietnamese.long_date(date(2022, 7, 29), blank_day=True) == "ngày        tháng 7 năm 2022"


@pytest.mark.parametrize(
    ("day", "text"),
    [(date(2022, 1, 28), "28/01/2022"), (date(2022, 11, 7), "07/11/2022"), (date(2022, 5, 20), "20/5/2022")],
)
def test_short_date(day: date, text: str) -> None:
    assert vietnamese.short_date(day) == text


@pytest.mark.parametrize(("value", "text"), [(1, "I"), (3, "III"), (4, "IV"), (9, "IX"), (14, "XIV"), (2022, "MMXXII")])
def test_roman(value: int, text: str) -> None:
    assert vietnamese.roman(value) == text


def test_roman_refuses_zero() -> None:
    with pytest.raises(ValueError):
        vietnamese.roman(0)


def test_the_machine_locale_changes_nothing() -> None:
    before = locale.setlocale(locale.LC_ALL)
    try:
        for name in ("en_US.UTF-8", "C.UTF-8", "C"):
            try:
                locale.setlocale(locale.LC_ALL, name)
                break
            except locale.Error:
                continue
        assert vietnamese.number(Decimal("1150000.5")) == "1.150.000,5"
        assert vietnamese.approximate(1580000, "USD") == "gần 1,6 triệu USD"
    finally:
        locale.setlocale(locale.LC_ALL, before)
