"""Slips of structure, recognised in the raw lines of a record and explained in plain words.

PyYAML says what its grammar could not do ("mapping values are not allowed in this context"),
often a line after the slip. The slips a person makes typing a record by hand are few and look
the same every time: a colon inside a sentence, no space after a colon, a text continued on the
next line without `>`, a text starting with `-` or `*`, a list written half as a list, a quote
or bracket left open, a line indented differently from the one above. When YAML stops, the lines
up to where it stopped are read again for these, and the first one found becomes the diagnostic,
at its own line, with the line as it should be written. Anything else stays `yaml-syntax`, its
problem said in the reader's words.

The lines are read loosely (a key is an ASCII name, as every field of a record is); this runs
only once YAML has refused the file, so it need not be a parser, only right about these slips.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bcngv import words
from bcngv.diagnostics import Diagnostic, diag

_KEY_LINE = re.compile(r"(?P<lead> *(?:- +)?)(?P<key>[A-Za-z_][A-Za-z0-9_]*):(?P<gap> *)(?P<value>.*)")
_ITEM_LINE = re.compile(r"(?P<lead> *)-(?: +(?P<value>.*))?")
_BLOCK_TEXT = re.compile(r"[>|][-+0-9]*")  # `text: >`: the lines below are the text itself
_COMMENT = re.compile(r"(?:^| +)#.*")
_NOT_PLAIN = tuple("\"'[{>|&!*%@`")  # a value starting so is quoted, a list, a block text or a YAML sign
_LIST_ITEM = re.compile(r"[\w.-]+")  # a catalog id (`lao`, `bolikhamxay`): no spaces
_CLOSED_QUOTE = {'"': re.compile(r'"(?:[^"\\]|\\.)*"'), "'": re.compile(r"'(?:[^']|'')*'")}
# what libyaml says, in the reader's words (TEXTS); the English stays as libyaml wrote it
_PROBLEMS = {
    "mapping values are not allowed in this context": "yaml.problem.colon",
    "could not find expected ':'": "yaml.problem.no_colon",
    "did not find expected key": "yaml.problem.indent",
    "block sequence entries are not allowed in this context": "yaml.problem.dash",
    "found unexpected end of stream": "yaml.problem.unclosed",
    "found character that cannot start any token": "yaml.problem.sign",
}


@dataclass(frozen=True, slots=True)
class _Line:
    """One line that holds something: a field (`key: value`), an item (`- value`), or neither (a
    text's continuation)."""

    number: int  # 1-based
    text: str
    indent: int
    key: str | None = None
    gap: str = ""  # the spaces after the key's colon
    value: str = ""  # after the colon (or the item's dash), without a trailing comment
    lead: str = ""  # before the key: the indentation, and `- ` in an item that holds fields
    item: bool = False

    @property
    def structural(self) -> bool:
        return self.key is not None or self.item

    @property
    def opens(self) -> bool:
        """`key:` with nothing after it: its value is the indented lines below."""
        return self.key is not None and not self.value

    @property
    def plain(self) -> bool:
        return bool(self.value) and not self.value.startswith(_NOT_PLAIN)

    @property
    def columns(self) -> set[int]:
        """Where the things this line starts begin: its dash and its key."""
        return {self.indent, len(self.lead)} if self.key is not None else {self.indent}

    @property
    def value_col(self) -> int:
        return len(self.lead) + len(self.key or "") + 1 + len(self.gap) + 1


def _read(text: str) -> list[_Line]:
    """The lines that hold something, without blank lines, comments and the lines of block texts."""
    found: list[_Line] = []
    block_indent: int | None = None  # inside a `key: >` text, the key's indentation
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r ")
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None and (not line or indent > block_indent):
            continue
        block_indent = None
        if not line or line.lstrip().startswith("#"):
            continue
        found.append(_read_line(number, line, indent))
        if _BLOCK_TEXT.fullmatch(found[-1].value):
            block_indent = indent
    return found


def _read_line(number: int, line: str, indent: int) -> _Line:
    if match := _KEY_LINE.fullmatch(line):
        value = match["value"] if match["value"][:1] in ("'", '"') else _COMMENT.sub("", match["value"])
        return _Line(number, line, indent, match["key"], match["gap"], value.strip(), match["lead"],
                     "-" in match["lead"])
    if match := _ITEM_LINE.fullmatch(line):
        return _Line(number, line, indent, value=_COMMENT.sub("", match["value"] or "").strip(), item=True)
    return _Line(number, line, indent, value=line.strip())


def explain(text: str, shown: str, line: int, col: int, problem: str) -> Diagnostic:
    """The diagnostic of a file YAML stopped reading at `line`, `col` with `problem`: the first slip
    on the lines up to there, or `yaml-syntax` in plain words."""
    lines = _read(text)
    for index, current in enumerate(lines):
        if current.number > line:
            break
        for recognise in _RECOGNISERS:
            if found := recognise(lines, index, shown):
                return found
    vi, _ = words.in_both(_PROBLEMS.get(problem, "yaml.problem.other"))
    return diag("yaml-syntax", shown, line, col, problem_vi=vi, problem_en=problem)


def joined_item(source_lines: list[str], first: int, last: int, shown: str) -> Diagnostic | None:
    """An item of a list (`- lao`) whose value runs on over the lines `first`..`last` (0-based):
    a `- ` on a following line is an item indented differently from the one above, which YAML
    joined into this one's text ("lao - khammuon") without a word."""
    indent = len(source_lines[first]) - len(source_lines[first].lstrip(" "))
    for number in range(first + 1, min(last + 1, len(source_lines))):
        below = source_lines[number].rstrip("\r")
        if _ITEM_LINE.fullmatch(below.lstrip(" ")):
            found = len(below) - len(below.lstrip(" "))
            return _misindent(shown, number + 1, found, indent, below.lstrip(" "))
    return None


# --- the slips ----------------------------------------------------------------------------------
def _without_space(lines: list[_Line], index: int, shown: str) -> Diagnostic | None:
    """`persons:12`: YAML reads the whole line as one word and blames the line after it."""
    line = lines[index]
    if line.key is None or line.gap or not line.value or line.value.startswith(":"):
        return None
    corrected = f"{line.lead.lstrip()}{line.key}: {line.value}"
    return diag("colon-without-space", shown, line.number, len(line.lead) + len(line.key) + 2, key=line.key,
                corrected=corrected)


def _colon_in_text(lines: list[_Line], index: int, shown: str) -> Diagnostic | None:
    """`text: Đoàn công tác: thăm Lào`: the second colon starts a field in the middle of the sentence."""
    line = lines[index]
    if line.key is None or not line.plain:
        return None
    inside = line.value.find(": ")
    if inside < 0 and not line.value.endswith(":"):
        return None
    at = inside if inside >= 0 else len(line.value) - 1
    return diag("colon-in-text", shown, line.number, line.value_col + at, key=line.key, corrected=_quoted(line))


def _starts_with_mark(lines: list[_Line], index: int, shown: str) -> Diagnostic | None:
    """`text: - …` or `text: * …`: a dash starts a list and a star a reference. Ids after the dash
    (`partners: - lao - khammuon`) are a list; words are a text."""
    line = lines[index]
    if line.key is None or not re.match(r"[-*](?: |$)", line.value):
        return None
    if line.value[0] == "-":
        items = [part.strip() for part in line.value[1:].split(" - ")]
        for below in lines[index + 1:]:  # and the items typed below it, one a line
            if not (below.item and below.key is None and below.indent > line.indent):
                break
            items.append(below.value)
        if all(_LIST_ITEM.fullmatch(item) for item in items):
            return _list(line, items, shown)
    return diag("text-starts-with-mark", shown, line.number, line.value_col, key=line.key, mark=line.value[0],
                corrected=_quoted(line))


def _open_list(lines: list[_Line], index: int, shown: str) -> Diagnostic | None:
    """`partners: [lao, khammuon` and the next field on the next line: the `]` was forgotten."""
    line = lines[index]
    if line.key is None or not line.value.startswith("[") or "]" in line.value or not _ends_here(lines, index):
        return None
    return _list(line, [part.strip() for part in line.value[1:].split(",") if part.strip()], shown)


def _open_quote(lines: list[_Line], index: int, shown: str) -> Diagnostic | None:
    """`text: "Đoàn sang Lào` and the next field on the next line: the closing quote was forgotten."""
    line = lines[index]
    quote = line.value[:1]
    if line.key is None or quote not in _CLOSED_QUOTE or _CLOSED_QUOTE[quote].match(line.value):
        return None
    if not _ends_here(lines, index):
        return None
    corrected = f"{line.lead.lstrip()}{line.key}: {line.value}{quote}"
    return diag("unclosed-quote", shown, line.number, line.value_col, key=line.key, quote=quote, corrected=corrected)


def _misindented(lines: list[_Line], index: int, shown: str) -> Diagnostic | None:
    """A field or an item indented unlike any line it could belong to: YAML reads it as part of the
    line above, or stops a line later."""
    line = lines[index]
    above = _structural_before(lines, index)
    if not line.structural or above is None or (above.opens and line.indent >= len(above.lead)):
        return None
    allowed = _open_columns(lines, index)
    if line.indent in allowed:
        return None
    expected = min(allowed, key=lambda column: (abs(column - line.indent), -column))
    return _misindent(shown, line.number, line.indent, expected, line.text.lstrip(" "))


def _continued(lines: list[_Line], index: int, shown: str) -> Diagnostic | None:
    """A text typed on two lines, the second not indented: YAML takes it for a field's name."""
    line = lines[index]
    above = lines[index - 1] if index else None
    if line.structural or above is None or above.key is None or not above.plain or line.indent > len(above.lead):
        return None
    return diag("continued-text", shown, line.number, line.indent + 1, key=above.key, first_line=above.number,
                first=above.value, this=line.value)


_RECOGNISERS = (_without_space, _colon_in_text, _starts_with_mark, _open_list, _open_quote, _misindented, _continued)


# --- helpers -----------------------------------------------------------------------------------
def _quoted(line: _Line) -> str:
    escaped = line.value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{line.lead.lstrip()}{line.key}: "{escaped}"'


def _list(line: _Line, items: list[str], shown: str) -> Diagnostic:
    corrected = f"{line.lead.lstrip()}{line.key}: [{', '.join(items)}]"
    return diag("list-written-wrongly", shown, line.number, line.value_col, key=line.key, corrected=corrected)


def _misindent(shown: str, number: int, found: int, expected: int, content: str) -> Diagnostic:
    return diag("misindented", shown, number, found + 1, found=found, expected=expected,
                corrected=" " * expected + content)


def _ends_here(lines: list[_Line], index: int) -> bool:
    """Nothing continues the line's value: the file ends, or the next line is a field no deeper."""
    below = lines[index + 1] if index + 1 < len(lines) else None
    return below is None or (below.structural and below.indent <= lines[index].indent)


def _structural_before(lines: list[_Line], index: int) -> _Line | None:
    return next((line for line in reversed(lines[:index]) if line.structural), None)


def _open_columns(lines: list[_Line], index: int) -> set[int]:
    """The columns a line may start at after `lines[:index]`: those of the line above and of each
    line it belongs to (each less indented than the last)."""
    allowed: set[int] = set()
    deepest = None
    for line in reversed(lines[:index]):
        if not line.structural or (deepest is not None and min(line.columns) >= deepest):
            continue
        allowed |= line.columns
        deepest = min(line.columns)
    return allowed


# --- values as a person typed them ---------------------------------------------------------------
def shown_value(value: object, lang: str = "vi") -> str:
    """A value read from a record, written back as the person typed it, never in Python's words:
    12,5 (12.5 in English), 2022-07-12, 'text' in quotes, [a, b], true, and an empty value as such.
    For a diagnostic made now and printed later, give both: `problem_vi=shown_value(v)`,
    `problem_en=shown_value(v, "en")`."""
    if value is None:
        return words.in_both("value.empty")[lang == "en"]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text if lang == "en" else text.replace(".", ",")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(shown_value(item, lang) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {shown_value(item, lang)}" for key, item in value.items()) + "}"
    if isinstance(value, str):
        return f"'{value[:80]}…'" if len(value) > 80 else f"'{value}'"
    return str(value)
