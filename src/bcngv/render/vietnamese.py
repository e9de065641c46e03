"""Numbers and dates written the way the office writes them, never from the machine's locale."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.numbers import format_decimal

_LOCALE = "vi_VN"  # fixed: a report must not change with the machine it is built on


def number(value: int | Decimal | float) -> str:
    """1150000 → '1.150.000'; 2.5 → '2,5'."""
    return format_decimal(value, locale=_LOCALE, decimal_quantization=False, group_separator=True)


def count(value: int | Decimal, pad: bool = True) -> str:
    """A count as the office writes it: under ten with a leading zero ('05') when `pad`."""
    if pad and isinstance(value, int) and 0 <= value < 10:
        return f"{value:02d}"
    return number(value)


def long_date(day: date, blank_day: bool = False) -> str:
    """'ngày 29 tháng 7 năm 2022'; Decree 30 pads days under 10 and the months 1 and 2.
    With `blank_day` the day is left as spaces for the clerk to fill in by hand."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {' ' * 6 if blank_day else f'{day.day:02d}'} tháng {month} năm {day.year}"


def short_date(day: date) -> str:
    """'28/01/2022'."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


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
