"""The text of an office's files as every reader sees it, without reading any YAML: how large a
file may be, the characters none may hold, and the text checks count columns in. Apart from
yamlpos.py so that a run that reads no YAML (a warm build) need not import PyYAML."""

from __future__ import annotations

import re
import unicodedata

MAX_BYTES = 1 << 20  # one activity per file: a megabyte is far more than any record needs
# characters YAML refuses or treats as line breaks, and the invisible bidirectional controls that
# make a text read differently from what it holds (pasted in by accident, or put there to deceive);
# output escapes the same ones. Zero-width spaces and joiners are not here: they act on no terminal.
CONTROL_CHARACTERS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff"
)
CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")  # typed raw in a file: tab, CR and LF are YAML's own


def normalise_source(text: str) -> str:
    """Text as every check sees it: a BOM dropped, letters composed (NFC). Columns count in it."""
    return unicodedata.normalize("NFC", text.removeprefix("\ufeff"))


def first_control_character(text: str) -> tuple[int, int, str] | None:
    """The line, column and code point (`U+202E`) of the first control character of a text other
    than a YAML file (a template, a printed value), or None: the same characters a file may not hold."""
    found = CONTROL.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return line, col, f"U+{ord(found.group()):04X}"
