"""How wide a line of Times New Roman is, so a rule under a line can be as long as its text.

Advance widths in font units (2048 to the em) of Times New Roman, read from Liberation Serif, which
is metric-compatible with it. A Vietnamese letter is as wide as its base letter (the marks sit above
or below), except the letters with a horn or a stroke (ơ, ư, đ), which have their own widths.
"""

from __future__ import annotations

import unicodedata

_UNITS_PER_EM = 2048
_FIRST = 32  # the table starts at the space
_WIDTHS = (  # (regular, bold) for each character from the space to "~"
    (512, 512), (682, 682), (836, 1137), (1024, 1024), (1024, 1024), (1706, 2048), (1593, 1706), (369, 569),
    (682, 682), (682, 682), (1024, 1024), (1155, 1167), (512, 512), (682, 682), (512, 512), (569, 569),
    (1024, 1024), (1024, 1024), (1024, 1024), (1024, 1024), (1024, 1024), (1024, 1024), (1024, 1024), (1024, 1024),
    (1024, 1024), (1024, 1024), (569, 682), (569, 682), (1155, 1167), (1155, 1167), (1155, 1167), (909, 1024),
    (1886, 1905), (1479, 1479), (1366, 1366), (1366, 1479), (1479, 1479), (1251, 1366), (1139, 1251), (1479, 1593),
    (1479, 1593), (682, 797), (797, 1024), (1479, 1593), (1251, 1366), (1821, 1933), (1479, 1479), (1479, 1593),
    (1139, 1251), (1479, 1593), (1366, 1479), (1139, 1139), (1251, 1366), (1479, 1479), (1479, 1479), (1933, 2048),
    (1479, 1479), (1479, 1479), (1251, 1366), (682, 682), (569, 569), (682, 682), (961, 1190), (1024, 1024),
    (682, 682), (909, 1024), (1024, 1139), (909, 909), (1024, 1139), (909, 909), (682, 682), (1024, 1024),
    (1024, 1139), (569, 569), (569, 682), (1024, 1139), (569, 569), (1593, 1706), (1024, 1139), (1024, 1024),
    (1024, 1139), (1024, 1139), (682, 909), (797, 797), (569, 682), (1024, 1139), (1024, 1024), (1479, 1479),
    (1024, 1024), (1024, 1024), (909, 909), (983, 807), (410, 451), (983, 807), (1108, 1065),
)
# base letters outside ASCII: (regular, bold)
_OWN = {"Đ": (1479, 1479), "đ": (1024, 1139), "Ơ": (1479, 1593), "ơ": (1083, 1134), "Ư": (1589, 1630),
        "ư": (1110, 1229), "–": (1024, 1024), "…": (2048, 2048)}
_UNKNOWN = 1024  # half an em: an average letter


def _base(char: str) -> str:
    """The letter a Vietnamese letter is built on: "ệ" → "e", "ờ" → "ơ", "Đ" stays "Đ"."""
    decomposed = unicodedata.normalize("NFD", char)
    horned = unicodedata.normalize("NFC", decomposed[:2])
    return horned if horned in _OWN else decomposed[0]


def _units(char: str, bold: bool) -> int:
    base = _base(char)
    if base in _OWN:
        return _OWN[base][bold]
    code = ord(base) - _FIRST
    return _WIDTHS[code][bold] if 0 <= code < len(_WIDTHS) else _UNKNOWN


def text_width_mm(text: str, size_pt: float, bold: bool = False) -> float:
    """The width of `text` set on one line in Times New Roman at `size_pt`, in millimetres."""
    units = sum(_units(char, bold) for char in text)
    return units / _UNITS_PER_EM * size_pt * 25.4 / 72
