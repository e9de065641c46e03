"""The placeholders of a record's words (`{partners}`, `{persons}`…): each must be one the report
can fill, with something to print. `tell` (render/templating.py) fills `{footnote}` with a
footnote's mark, `{partners}` with the partners' names, and any other field of the record with its
number or its words; a placeholder it cannot fill would reach the report as typed, and one with
nothing behind it would print an empty place ("làm việc với  về…"). Both are errors at the `{`."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import cache
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
    if "{" not in located.source and "\\" not in located.source and not _told_by_default(type(record)):
        return found  # no `{` typed, nor an escape that could make one, nor a default holding one: most records
    allowed: list[str] = []  # made only for a record whose words name a field: most name a mark alone
    for key in TOLD:
        words = getattr(record, key, None)
        if not isinstance(words, str) or "{" not in words:
            continue
        places = _places(located, key)
        for match in _LOOKS_LIKE.finditer(words):
            name = match.group(0)[1:-1]
            line, col = next(places, None) or located.position((key,))
            if name not in _MARKS and name not in (allowed := allowed or placeholders(declared)):
                meant = name.strip().casefold()
                close = tuple(f"{{{c}}}" for c in difflib.get_close_matches(meant, allowed, n=2, cutoff=0.6))
                found.append(diag("unknown-placeholder", shown, line, col, name=name, key=key, kind=record.kind,  # type: ignore[attr-defined]
                                  allowed=", ".join(f"{{{n}}}" for n in allowed), close=close))
            elif name != "footnote" and getattr(record, name) in (None, "", []):
                found.append(diag("empty-placeholder", shown, line, col, name=name, key=key))
    return found


@cache  # one answer a kind's class
def _told_by_default(cls: type[RecordBase]) -> bool:
    """Whether a field of the kind's words has a default holding a `{` (an office may declare one)."""
    return any(isinstance(field.default, str) and "{" in field.default
               for key, field in cls.declared.items() if key in TOLD)


def placeholders(declared: dict[str, FieldDeclaration]) -> list[str]:
    """The placeholders a record of a kind may use: the marks, and the fields printed as a number or words."""
    fields = [n for n, f in declared.items() if f.type in _FILLED_TYPES and not f.many and n not in TOLD]
    return [*_MARKS, *(n for n in fields if n not in _MARKS)]


def _places(located: Located, key: str) -> Iterator[Pos]:
    """The (line, column) of each placeholder's `{` in the field's own lines of the file, in order:
    a folded text (`>`) spans several lines, and the column is the one the person sees."""
    source = located.source
    first, last = located.positions.get((key,)), located.ends.get((key,))
    if first is None or last is None:
        return iter(())
    start = _offset(source, first)
    # the end's line counted on from the start's, not from the top again
    end = None if start is None else _offset(source, last, first[0], start - first[1] + 1)
    if start is None or end is None:
        return iter(())
    return iter([_line_col(source, m.start()) for m in _LOOKS_LIKE.finditer(source, start, end)])


def _offset(source: str, where: Pos, line: int = 1, offset: int = 0) -> int | None:
    """The offset of `where` in source, its lines counted from `line`, which begins at `offset`."""
    for _ in range(where[0] - line):
        offset = source.find("\n", offset) + 1
        if offset == 0:
            return None
    return offset + where[1] - 1


def _line_col(source: str, offset: int) -> Pos:
    return source.count("\n", 0, offset) + 1, offset - source.rfind("\n", 0, offset)
