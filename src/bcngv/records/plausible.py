"""Values a record may hold but rarely does: a delegation of 0 or 1200 persons is more often a slip
(a digit too many, a count left at 0) than the truth. A field declares what is usual (`usual:
[least, most]` in the kind's declaration); a value stated outside it is a warning naming the range,
never an error: the office may have had that unusual month."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from bcngv.diagnostics import Diagnostic, diag
from bcngv.records.models import RecordBase

if TYPE_CHECKING:
    from bcngv.yamlpos import Located


def check_usual(record: RecordBase, located: Located, shown: str) -> list[Diagnostic]:
    """`unusual-value` for each value the file states outside its field's usual range."""
    found = []
    for name, least, most in _usual(type(record)):
        if located.value.get(name) is None:
            continue  # a value left to its default was not typed: nothing to doubt
        value = getattr(record, name)
        if not least <= value <= most:
            line, col = located.position((name,))
            found.append(diag("unusual-value", shown, line, col, key=name, value=value, least=least, most=most,
                              about=type(record).declared[name].label or name))
    return found


@cache  # one list a kind's class: its few fields with a usual range, not all its fields every record
def _usual(cls: type[RecordBase]) -> list[tuple[str, int, int]]:
    return [(name, *field.usual) for name, field in cls.declared.items() if field.usual is not None]
