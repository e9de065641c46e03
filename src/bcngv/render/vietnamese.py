"""Numbers and dates written the way the office writes them, never from the machine's locale.

Rounding is always half up (62,5% is written 63%, as the office does), never the banker's rounding
of Python's `round`.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from bcngv import words
from bcngv.period import day_text, month_number

_SCALES = ((Decimal(10) ** 9, "tỷ"), (Decimal(10) ** 6, "triệu"))

Number = int | Decimal

# Vietnamese as CLDR writes numbers (vi_VN: #,##0.###), fixed: a report must not change with the
# machine it is built on. Written out here rather than read from a locale library's data, which
# costs a build more than every number it prints; tests/render/test_vietnamese.py holds it to babel's.
_GROUP, _DECIMAL, _MINUS, _INFINITY = ".", ",", "-", "∞"
_NATURAL = 3  # the most decimals the locale's pattern keeps; a number's own decimals are all kept


def _formatted(value: Number | float, least: int, most: int) -> str:
    """`value` with thousands grouped, at least `least` decimals and every one of its own (past
    `most` too), trailing zeros dropped down to `least`: CLDR's pattern applied with decimal
    quantization off, step by step as babel applies it (the same text, the same errors)."""
    exact = (value if isinstance(value, Decimal) else Decimal(str(value))).scaleb(0)  # to the context's precision
    sign = _MINUS if exact.is_signed() else ""
    exact = abs(exact).normalize()
    if exact.is_infinite():
        return sign + _INFINITY
    exponent = exact.as_tuple().exponent
    own = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    whole, _, decimals = f"{exact.quantize(Decimal(10) ** -max(most, own)):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", _GROUP)  # `whole` is digits only: the sign is apart
    decimals = (decimals or "0").ljust(least, "0")
    if max(most, own) == 0 or (least == 0 and int(decimals) == 0):
        return sign + grouped
    kept = decimals[:least] + decimals[least:].rstrip("0")
    return f"{sign}{grouped}{_DECIMAL}{kept}"


def number(value: Number | float) -> str:
    """1150000 → '1.150.000'; 2.5 → '2,5'."""
    return _formatted(value, 0, _NATURAL)


def count(value: Number, pad: bool = True) -> str:
    """A count as the office writes it: under ten with a leading zero ('05') when `pad`."""
    if pad and isinstance(value, int) and 0 <= value < 10:
        return f"{value:02d}"
    return number(value)


def fixed(value: Number, places: int) -> str:
    """A number with exactly `places` decimals, rounded half up: 2901.8 with 2 → '2.901,80'."""
    return _formatted(round_half_up(value, places), places, places)


# the scale words a unit may start with ("tỷ đồng", "triệu USD", "nghìn trang")
UNIT_SCALES = {"tỷ": Decimal(10) ** 9, "triệu": Decimal(10) ** 6, "nghìn": Decimal(10) ** 3}


def split_unit(unit: str) -> tuple[Decimal, str, str]:
    """'tỷ đồng' → (10⁹, 'tỷ', 'đồng'); 'USD' → (1, '', 'USD')."""
    first, _, rest = unit.partition(" ")
    if first in UNIT_SCALES and rest:
        return UNIT_SCALES[first], first, rest
    return Decimal(1), "", unit


def money(value: Number, unit: str | None = None, places: int | None = None) -> str:
    """An exact amount: '1.150.000 USD'; in a unit with a scale word, the value scaled and, with
    `places`, that many decimals: 2901810000000 in 'tỷ đồng' with 2 → '2.901,81 tỷ đồng'."""
    scale = split_unit(unit)[0] if unit else Decimal(1)
    scaled = value if scale == 1 else (Decimal(value) / scale).normalize()
    shown = number(scaled) if places is None else fixed(scaled, places)
    return f"{shown} {unit}" if unit else shown


CURRENCY_WORDS = {"VND": "đồng", "LAK": "kíp Lào", "USD": "USD"}


def amount_words(value: Number, currency: str) -> str:
    """An exact amount told the way a footnote tells it: 2600000000 LAK → '2 tỷ 600 triệu kíp Lào'."""
    rest, parts = Decimal(value), []
    for size, word in _SCALES:
        whole, rest = divmod(rest, size)
        if whole:
            parts.append(f"{number(whole)} {word}")
    if rest or not parts:
        parts.append(number(rest))
    return f"{' '.join(parts)} {CURRENCY_WORDS.get(currency, currency)}"


def round_half_up(value: Number | float, places: int = 0) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent(value: Number | float) -> str:
    """A percentage, whole when that does not hide a change: 62.5 → '63%'; 0.4 → '0,4%'."""
    whole = round_half_up(value)
    if whole == 0 and value != 0:
        return f"{number(round_half_up(value, 1))}%"
    return f"{number(whole)}%"


_TOLERANCE = Decimal("0.05")  # a rounded figure may be off by at most 5% of the exact value


def _round_significant(value: Decimal, digits: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    exponent = value.adjusted() - digits + 1
    return value.scaleb(-exponent).quantize(Decimal(1), rounding=rounding).scaleb(exponent)


# The words a template may ask for, and the rounding that keeps each true: "trên"/"hơn" X says the
# exact value is above X, so X is rounded down; "gần" X says it is just below, so X is rounded up.
APPROXIMATIONS = {"trên": ROUND_FLOOR, "hơn": ROUND_FLOOR, "gần": ROUND_CEILING, "khoảng": ROUND_HALF_UP}


def approximate(value: Number, unit: str | None = None, digits: int | None = None, word: str | None = None,
                places: int | None = None) -> str:
    """A round figure with the words the exact value calls for: 1.580.000 → 'gần 1,6 triệu',
    912.000 → 'trên 900.000', 4.950 → 'gần 5.000'. The figure is the coarsest one (1, 2 or 3
    significant digits) within 5% of the exact value, or the one of `digits` significant digits
    when the template asks ('trên 1.150.000' for 1.152.000); 'gần' when it is above, 'trên' below.
    `word` ('trên', 'hơn', 'gần', 'khoảng') is the template's word: the figure is rounded so that it
    stays true (down after 'trên'/'hơn', up after 'gần'), and left out when the figure is exact
    (but 'khoảng', which claims nothing). `places` keeps that many decimals in the figure's scale
    ('khoảng 1,58 triệu'), or in the unit's own scale when it has one ('hơn 2.901,8 tỷ đồng')."""
    if word is not None and word not in APPROXIMATIONS:
        raise ValueError(words.text("template.bad_approximation", word=word, allowed=", ".join(APPROXIMATIONS)))
    rounding = APPROXIMATIONS.get(word or "", ROUND_HALF_UP)
    exact = Decimal(value)
    size, name, rest = split_unit(unit) if unit else (Decimal(1), "", None)
    if places is not None:
        if not name:  # the figure's own scale: "1,58 triệu" rather than "1.580.000"
            size, name = next(((s, n) for s, n in _SCALES if exact >= s), (Decimal(1), ""))
        scaled = (exact / size).quantize(Decimal(1).scaleb(-places), rounding=rounding)
        rounded, shown = scaled * size, f"{fixed(scaled, places)} {name}".rstrip()
    else:
        rounded = exact
        if exact > 0 and digits:
            rounded = _round_significant(exact, digits, rounding)
        elif exact > 0:
            rounded = next((r for digits in (1, 2, 3) if abs((r := _round_significant(exact, digits, rounding)) - exact)
                            <= exact * _TOLERANCE), _round_significant(exact, 3, rounding))
        if name:  # the unit names the scale: 'gần 2.902 tỷ đồng'
            shown = f"{number((rounded / size).normalize())} {name}"
        else:
            scale = next(((s, n) for s, n in _SCALES if rounded >= s), None)
            scaled_value = (rounded / scale[0]).normalize() if scale else None
            # "1,6 triệu" reads well; "1,15 triệu" does not: the office writes 1.150.000
            if scaled_value is not None and scaled_value.as_tuple().exponent >= -1:
                shown = f"{number(scaled_value)} {scale[1]}"  # type: ignore[index]
            else:
                shown = number(rounded.normalize())
    if word is None:
        said = "gần " if rounded > exact else "trên " if rounded < exact else ""
    else:
        true = {"gần": rounded > exact, "khoảng": True}.get(word, rounded < exact)
        said = f"{word} " if true else ""
    return said + (f"{shown} {rest}" if rest else shown)


def long_date(day: date, blank_day: bool = False) -> str:
    """'ngày 29 tháng 7 năm 2022'; Decree 30 pads days under 10 and the months 1 and 2.
    With `blank_day` the day is left as spaces for the clerk to fill in by hand."""
    return f"ngày {' ' * 6 if blank_day else f'{day.day:02d}'} tháng {month_number(day)} năm {day.year}"


short_date = day_text  # '28/01/2022', '07/11/2022', '20/5/2022': the same padding as Decree 30 dates


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(value: int) -> str:
    if value <= 0:
        raise ValueError(f"no Roman numeral for {value}")
    out = []
    for size, letters in _ROMAN:
        repeat, value = divmod(value, size)
        out.append(letters * repeat)
    return "".join(out)


# Words of two syllables the office never splits across the lines of a title (the V/v line, a
# report's summary, a heading: a line that ends "… phát" and goes on "triển …" reads wrong);
# "kinh tế - xã hội" is one term.
COMPOUNDS = (
    "báo cáo", "đánh giá", "tình hình", "kế hoạch", "phát triển", "kinh tế", "xã hội", "hợp tác",
    "quốc tế", "đối ngoại", "ngoại vụ", "thực hiện", "công tác", "hoạt động", "nhiệm vụ", "chỉ đạo",
    "điều hành", "kiểm điểm", "hội nhập", "ngoại giao", "văn hóa", "phương hướng", "kết quả",
    "lãnh sự", "biên giới", "dịch thuật", "thủ tục", "hành chính", "nhân dân", "Việt Nam",
)
_NBSP = "\u00a0"
_COMPOUND = re.compile("|".join(rf"\b{re.escape(c)}\b" for c in sorted(COMPOUNDS, key=len, reverse=True)), re.I)
_TERM = re.compile(r"kinh\u00a0tế - xã\u00a0hội", re.I)


def keep_together(text: str) -> str:
    """A title whose compound words hold together with no-break spaces, so that its lines break
    between words, not inside one, wherever they can."""
    glued = _COMPOUND.sub(lambda m: m.group().replace(" ", _NBSP), text)
    return _TERM.sub(lambda m: m.group().replace(" - ", f"{_NBSP}-{_NBSP}"), glued)
