"""The rules of the office's numbers, each by its name, at its boundaries (issue 19): round figures
and their words, the 5% tolerance, rounding half up, small percentages, amounts told in words,
units with a scale word, and titles that hold their compound words together."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bcngv.render import vietnamese
from bcngv.render.vietnamese import amount_words, approximate, fixed, keep_together, money, percent, split_unit


# --- scale words: a round figure of exactly one million or one billion is named by its word ----------
@pytest.mark.parametrize(
    ("value", "text"),
    [(999_999, "gần 1 triệu"), (990_000, "gần 1 triệu"), (1_000_000, "1 triệu"), (1_000_001, "trên 1 triệu"),
     (950_000, "950.000"), (999_999_999, "gần 1 tỷ"), (10**9, "1 tỷ"), (980_000_000, "gần 1 tỷ"),
     (1_020_000_000, "trên 1 tỷ"), (2_901_810_000_000, "gần 3.000 tỷ"), (1_500_000, "1,5 triệu"),
     (1_150_000, "gần 1,2 triệu"), (9_600, "gần 10.000")],
)
def test_exactly_one_million_is_1_trieu_and_a_billion_1_ty(value: int, text: str) -> None:
    assert approximate(value) == text


# --- the 5% tolerance: the coarsest figure within 5% of the exact value --------------------------------
@pytest.mark.parametrize(
    ("value", "text"),
    [
        (104, "trên 100"),  # 3.8% off: one digit will do
        (105, "trên 100"),  # 4.76% off: still within 5% (a 4% tolerance would write 110)
        (Decimal(10526), "trên 10.000"),  # 4.997% off: just within
        (Decimal(10527), "gần 11.000"),  # 5.006% off: just past, two digits are kept
        (106, "gần 110"),  # 5.7% off: two digits (a 6% tolerance would write 100)
        (109, "gần 110"),  # 8.3% off (a 10% tolerance would write 100)
        (120_000, "120.000"),
        (95, "95"),  # 95 is 5.3% from 100: already two digits, exact
    ],
)
def test_a_round_figure_is_within_5_percent_of_the_exact_value(value, text: str) -> None:
    assert approximate(value) == text


def test_two_digits_too_far_after_a_word_keep_three() -> None:
    # rounded down after "trên", 1,5 triệu is 5.4% off 1.585.000: three digits are kept
    assert approximate(1_585_000, word="trên") == "trên 1.580.000"
    assert approximate(1_234_567) == "trên 1,2 triệu"  # 2.8% off: two digits will do


# --- half up, never the banker's rounding ---------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "text"),
    [(1_250_000, "gần 1,3 triệu"), (1_249_999, "trên 1,2 triệu"), (1_350_000, "gần 1,4 triệu"),
     (2_450_000, "gần 2,5 triệu"), (2_449_999, "trên 2,4 triệu")],
)
def test_round_half_up(value: int, text: str) -> None:
    assert approximate(value) == text


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [(Decimal("2.345"), 2, "2,35"), (Decimal("2.5"), 0, "3"), (Decimal("3.5"), 0, "4"), (1234, 0, "1.234"),
     (Decimal("0.125"), 2, "0,13"), (Decimal("2901.8"), 2, "2.901,80"), (7, 1, "7,0")],
)
def test_fixed_rounds_half_up_to_its_places(value, places: int, text: str) -> None:
    assert fixed(value, places) == text
    assert vietnamese.round_half_up(value, places) == Decimal(text.replace(".", "").replace(",", "."))


# --- small percentages keep one decimal, so that a change is not hidden as 0% ---------------------------
@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("0.44"), "0,4%"), (Decimal("0.45"), "0,5%"), (Decimal("0.49"), "0,5%"), (Decimal("0.5"), "1%"),
     (Decimal("-0.44"), "-0,4%"), (Decimal("-0.5"), "-1%"), (Decimal("0.05"), "0,1%"), (Decimal("99.5"), "100%"),
     (Decimal("1.4"), "1%"), (0, "0%")],
)
def test_small_percentages(value, text: str) -> None:
    assert percent(value) == text


# --- a figure the template words: rounded so that the word stays true -------------------------------
@pytest.mark.parametrize(
    ("value", "word", "text"),
    [(1_580_000, None, "gần 1,6 triệu"), (1_580_000, "trên", "1.580.000"), (1_580_000, "hơn", "1.580.000"),
     (1_520_000, "trên", "trên 1,5 triệu"), (1_520_000, "hơn", "hơn 1,5 triệu"),
     (1_580_000, "gần", "gần 1,6 triệu"), (1_520_000, "gần", "1.520.000"), (1_600_000, "gần", "1,6 triệu"),
     (1_600_000, "trên", "1,6 triệu"), (1_600_000, "khoảng", "khoảng 1,6 triệu"),
     (1_520_000, "khoảng", "khoảng 1,5 triệu"), (1_580_000, "khoảng", "khoảng 1,6 triệu")],
)
def test_the_templates_word_stays_true(value: int, word: str | None, text: str) -> None:
    assert approximate(value, word=word) == text


def test_a_word_that_is_not_an_approximation_is_refused() -> None:
    with pytest.raises(ValueError, match="'độ'"):
        approximate(1_580_000, word="độ")


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [(1_152_000, 3, "trên 1.150.000"), (1_165_000, 3, "gần 1.170.000"), (1_150_000, 3, "1.150.000"),
     (1_152_000, 2, "gần 1,2 triệu"), (1_152_000, 1, "trên 1 triệu"), (980, 3, "980")],
)
def test_uoc_with_digits_keeps_that_many_significant_digits(value: int, digits: int, text: str) -> None:
    assert approximate(value, digits=digits) == text


@pytest.mark.parametrize(
    ("value", "unit", "places", "text"),
    [(1_580_000, None, 2, "1,58 triệu"), (1_585_000, None, 1, "gần 1,6 triệu"), (999, None, 2, "999,00"),
     (2_901_810_000_000, None, 2, "2.901,81 tỷ"), (2_901_810_000_000, "tỷ đồng", 1, "trên 2.901,8 tỷ đồng"),
     (2_901_850_000_000, "tỷ đồng", 1, "gần 2.901,9 tỷ đồng"),
     (2_901_810_000_000, "tỷ đồng", None, "gần 3.000 tỷ đồng"),
     (1_000_000, None, 0, "1 triệu"), (1_580_000, "USD", None, "gần 1,6 triệu USD")],
)
def test_places_and_units_with_a_scale_word(value: int, unit: str | None, places: int | None, text: str) -> None:
    assert approximate(value, unit, places=places) == text


# --- amounts told in words (a footnote's gifts) --------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "currency", "text"),
    [(2_600_000_500, "LAK", "2 tỷ 600 triệu 500 kíp Lào"), (2_600_000_000, "LAK", "2 tỷ 600 triệu kíp Lào"),
     (1_500_000, "VND", "1 triệu 500.000 đồng"), (0, "VND", "0 đồng"), (10**9, "USD", "1 tỷ USD"),
     (999_999, "USD", "999.999 USD"), (10**6, "EUR", "1 triệu EUR"), (3 * 10**12, "VND", "3.000 tỷ đồng"),
     (1_000_000_001, "LAK", "1 tỷ 1 kíp Lào"), (999_999_999, "VND", "999 triệu 999.999 đồng")],
)
def test_amount_words(value: int, currency: str, text: str) -> None:
    assert amount_words(value, currency) == text


# --- money in a unit with a scale word ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "unit", "places", "text"),
    [(2_901_810_000_000, "tỷ đồng", 2, "2.901,81 tỷ đồng"), (2_901_810_000_000, "tỷ đồng", None, "2.901,81 tỷ đồng"),
     (1_500, "nghìn trang", None, "1,5 nghìn trang"), (2_500_000, "triệu USD", 1, "2,5 triệu USD"),
     (1_500, None, None, "1.500"), (1_500, "trang", None, "1.500 trang")],
)
def test_money_in_a_unit_with_a_scale_word(value: int, unit: str | None, places: int | None, text: str) -> None:
    assert money(value, unit, places) == text


@pytest.mark.parametrize(
    ("unit", "split"),
    [("tỷ đồng", (Decimal(10) ** 9, "tỷ", "đồng")), ("triệu USD", (Decimal(10) ** 6, "triệu", "USD")),
     ("nghìn trang", (Decimal(1000), "nghìn", "trang")), ("USD", (Decimal(1), "", "USD")),
     ("tỷ", (Decimal(1), "", "tỷ")), ("trang biên dịch", (Decimal(1), "", "trang biên dịch"))],
)
def test_split_unit(unit: str, split: tuple[Decimal, str, str]) -> None:
    assert split_unit(unit) == split


# --- titles keep their compound words on one line --------------------------------------------------------
def test_compound_words_and_the_term_hold_together() -> None:
    nbsp = "\u00a0"
    assert keep_together("Báo cáo tình hình kinh tế - xã hội") == \
        f"Báo{nbsp}cáo tình{nbsp}hình kinh{nbsp}tế{nbsp}-{nbsp}xã{nbsp}hội"
    assert keep_together("kinh tế và xã hội") == f"kinh{nbsp}tế và xã{nbsp}hội"  # two terms, not the one
    assert keep_together("tình hìnhx và báo cáo") == f"tình hìnhx và báo{nbsp}cáo"  # whole words only
    assert keep_together("Việt Nam") == f"Việt{nbsp}Nam"


def test_every_compound_the_office_never_splits() -> None:
    compounds = ["báo cáo", "đánh giá", "tình hình", "kế hoạch", "phát triển", "kinh tế", "xã hội", "hợp tác",
                 "quốc tế", "đối ngoại", "ngoại vụ", "thực hiện", "công tác", "hoạt động", "nhiệm vụ", "chỉ đạo",
                 "điều hành", "kiểm điểm", "hội nhập", "ngoại giao", "văn hóa", "phương hướng", "kết quả",
                 "lãnh sự", "biên giới", "dịch thuật", "thủ tục", "hành chính", "nhân dân", "Việt Nam"]
    glued = keep_together(" | ".join(compounds))
    assert glued.split(" | ") == [c.replace(" ", "\u00a0") for c in compounds]


# --- numbers keep every decimal they have; fractions round like whole numbers ------------------------------
def test_a_number_keeps_all_its_decimals() -> None:
    assert vietnamese.number(Decimal("0.1234")) == "0,1234"
    assert vietnamese.count(Decimal("0.5")) == "0,5" and vietnamese.count(10) == "10"
    assert vietnamese.count(5) == "05"  # a count is padded unless the report kind says not


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [(Decimal("0.96"), None, "gần 1"), (Decimal("0.55"), 1, "gần 0,6"), (Decimal("0.55"), None, "0,55"), (1, None, "1"),
     (1, 2, "1")],
)
def test_fractions_are_rounded_as_whole_numbers_are(value, digits: int | None, text: str) -> None:
    assert approximate(value, digits=digits) == text


def test_the_approximation_words_are_listed_when_one_is_wrong() -> None:
    with pytest.raises(ValueError, match="trên, hơn, gần, khoảng"):
        approximate(1, word="độ")


@pytest.mark.parametrize(
    ("value", "text"),
    [(5, "V"), (40, "XL"), (49, "XLIX"), (50, "L"), (90, "XC"), (100, "C"), (400, "CD"), (500, "D"), (900, "CM"),
     (1994, "MCMXCIV"), (3999, "MMMCMXCIX"), (8, "VIII")],
)
def test_roman_numerals_of_the_outline(value: int, text: str) -> None:
    assert vietnamese.roman(value) == text


def test_no_roman_numeral_below_one() -> None:
    with pytest.raises(ValueError, match="no Roman numeral for -1"):
        vietnamese.roman(-1)
