"""The placeholders of a record's words (`{partners}`, `{persons}`…): each must be one the report
can fill, with something to print. `tell` (render/templating.py) fills `{footnote}` with a
footnote's mark, `{partners}` with the partners' names, and any other field of the record with its
number or its words; a placeholder it cannot fill would reach the report as typed, and one with
nothing behind it would print an empty place ("làm việc với  về…"). Both are errors at the `{`."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from bcngv.diagnostics import Diagnostic, diag
from bcngv.records.declared import FieldDeclaration
from bcngv.records.models import RecordBase

if TYPE_CHECKING:
    from bcngv.yamlpos import Located, Pos

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")  # what `tell` fills
_LOOKS_LIKE = re.compile(r"\{\s*(\w+)\s*\}")  # what a person meant as one: `{Partners}`, `{ persons }` too
TOLD = ("text", "short", "footnote")  # the fields whose words may hold placeholders
_FILLED_TYPES = {"count", "number", "quantity", "text", "choice", "partner"}  # a number or words, printed
_MARKS = ("partners", "footnote")  # filled by `tell` itself


def check_placeholders(record: RecordBase, located: Located, shown: str,
                       declared: dict[str, FieldDeclaration]) -> list[Diagnostic]:
    """`unknown-placeholder` for a name `tell` cannot fill, `empty-placeholder` for one with nothing
    to print, each at the `{` in the file (or at the field's value when it is not found there)."""
    found: list[Diagnostic] = []
    allowed: list[str] | None = None  # made only for a record whose words hold a `{`: few do
    for key in TOLD:
        words = getattr(record, key, None)
        if not isinstance(words, str) or "{" not in words:
            continue
        allowed = placeholders(declared) if allowed is None else allowed
        places = _places(located, key)
        for match in _LOOKS_LIKE.finditer(words):
            name = match.group(0)[1:-1]
            line, col = next(places, None) or located.position((key,))
            if name not in allowed:
                meant = name.strip().casefold()
                close = tuple(f"{{{c}}}" for c in difflib.get_close_matches(meant, allowed, n=2, cutoff=0.6))
                found.append(diag("unknown-placeholder", shown, line, col, name=name, key=key, kind=record.kind,  # type: ignore[attr-defined]
                                  allowed=", ".join(f"{{{n}}}" for n in allowed), close=close))
            elif name != "footnote" and getattr(record, name) in (None, "", []):
                found.append(diag("empty-placeholder", shown, line, col, name=name, key=key))
    return found


def placeholders(declared: dict[str, FieldDeclaration]) -> list[str]:
    """The placeholders a record of a kind may use: the marks, and the fields printed as a number or words."""
    fields = [n for n, f in declared.items() if f.type in _FILLED_TYPES and not f.many and n not in TOLD]
    return [*_MARKS, *(n for n in fields if n not in _MARKS)]


def _places(located: Located, key: str) -> Iterator[Pos]:
    """The (line, column) of each placeholder's `{` in the field's own lines of the file, in order:
    a folded text (`>`) spans several lines, and the column is the one the person sees."""
    source = located.source
    start, end = _offset(source, located.positions.get((key,))), _offset(source, located.ends.get((key,)))
    if start is None or end is None:
        return iter(())
    return iter([_line_col(source, start + m.start()) for m in _LOOKS_LIKE.finditer(source[start:end])])


def _offset(source: str, where: Pos | None) -> int | None:
    if where is None:
        return None
    line, col = where
    offset = 0
    for _ in range(line - 1):
        offset = source.find("\n", offset) + 1
        if offset == 0:
            return None
    return offset + col - 1


def _line_col(source: str, offset: int) -> Pos:
    return source.count("\n", 0, offset) + 1, offset - source.rfind("\n", 0, offset)
