"""The catalog of canonical names: partners, countries, organisations and the province's units.

Files under `records/_catalog/` map an id to its canonical Vietnamese name and the other spellings
seen in the office's documents:

    bolikhamxay:
      name: Bolikhămxay
      type: tinh
      aliases: [Bolykhamxay, Bolikhamsay, Bolykhămxay]
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from bcngv.diagnostics import Diagnostic, diag
from bcngv.yamlpos import read_yaml

CATALOG_DIR = Path("records") / "_catalog"


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    path: str
    line: int


@dataclass(slots=True)
class Catalog:
    entries: dict[str, Entry] = field(default_factory=dict)

    def name(self, ident: str) -> str:
        entry = self.entries.get(ident)
        return entry.name if entry else ident

    def closest(self, ident: str, count: int = 3) -> list[str]:
        return difflib.get_close_matches(ident, list(self.entries), n=count, cutoff=0.5)

    def __contains__(self, ident: object) -> bool:
        return ident in self.entries


def load_catalog(root: Path) -> tuple[Catalog, list[Diagnostic]]:
    catalog = Catalog()
    diagnostics: list[Diagnostic] = []
    folder = root / CATALOG_DIR
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        shown = path.relative_to(root).as_posix()
        located, found = read_yaml(path, shown)
        diagnostics += found
        if located is None:
            continue
        for ident, body in located.value.items():
            line, col = located.position((ident,), key=True)
            if not isinstance(body, dict) or not isinstance(body.get("name"), str):
                diagnostics.append(diag("invalid-catalog", shown, line, col, problem=f"'{ident}' cần 'name'"))
                continue
            unknown = set(body) - {"name", "type", "aliases"}
            aliases = body.get("aliases") or []
            if unknown or not isinstance(aliases, list):
                problem = f"{ident}: {', '.join(sorted(unknown)) or 'aliases'}"
                diagnostics.append(diag("invalid-catalog", shown, line, col, problem=problem))
                continue
            if ident in catalog.entries:
                other = catalog.entries[ident]
                diagnostics.append(diag("duplicate-catalog-id", shown, line, col, value=ident, other=f"{other.path}:{other.line}"))
                continue
            catalog.entries[ident] = Entry(
                ident, body["name"], str(body.get("type") or ""), tuple(map(str, aliases)), shown, line
            )
    return catalog, diagnostics
