"""Partner names spelled the old ways inside a record's words: a warning with the canonical spelling.

The hand-written reports spell one partner four ways (Bolykhamxay, Bolikhamsay, …). A record's
text should use the catalog's canonical name, or `{partners}` which prints it. One compiled pattern
holds every canonical name and alias, longest first, so a canonical name that contains an alias
("Thủ đô Viêng Chăn" holds "Viêng Chăn") is consumed whole and never reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bcngv.diagnostics import Diagnostic, diag
from bcngv.records.catalog import Catalog, Entry
from bcngv.records.validate import ID_FIELDS
from bcngv.yamlpos import Located, Path_

_SKIPPED = {"kind", *ID_FIELDS}  # ids and the kind are not words


class AliasScanner:
    def __init__(self, catalog: Catalog) -> None:
        canonical = {entry.name for entry in catalog.entries.values()}
        self.wrong: dict[str, Entry] = {
            alias: entry for entry in catalog.entries.values() for alias in entry.aliases if alias not in canonical
        }
        spellings = sorted(canonical | set(self.wrong), key=len, reverse=True)
        # whole words only; aliases are proper nouns, so the match keeps their case ("Lào" ≠ "lào")
        body = "|".join(map(re.escape, spellings))
        self.pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)")

    def scan(self, located: Located, shown: str) -> list[Diagnostic]:
        if not self.wrong:
            return []
        found = []
        for path, text in _texts(located.value, ()):
            wrong = [m.group() for m in self.pattern.finditer(text) if m.group() in self.wrong]
            if not wrong:
                continue
            places = self._places(located, path, wrong)
            for alias, (line, col) in zip(wrong, places, strict=True):
                entry = self.wrong[alias]
                found.append(diag("partner-alias", shown, line, col, value=alias, name=entry.name, id=entry.id))
        return found

    def _places(self, located: Located, path: Path_, wrong: list[str]) -> list[tuple[int, int]]:
        """Where each wrong spelling stands in the file: found again, in order, in the lines the value
        spans; a spelling broken across two lines of a folded text falls back to the value's start."""
        start = located.position(path)
        end_line = located.ends.get(path, start)[0]
        lines = located.source.split("\n")[start[0] - 1 : end_line]
        seen: list[tuple[str, tuple[int, int]]] = []
        for number, line in enumerate(lines, start=start[0]):
            offset = start[1] - 1 if number == start[0] else 0
            seen += [(m.group(), (number, m.start() + 1)) for m in self.pattern.finditer(line, offset)]
        places = []
        for alias in wrong:
            index = next((i for i, (spelling, _) in enumerate(seen) if spelling == alias), None)
            places.append(seen.pop(index)[1] if index is not None else start)
        return places


def _texts(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if path or key not in _SKIPPED:
                yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
