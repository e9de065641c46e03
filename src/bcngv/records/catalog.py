"""The catalog of canonical names: partners, countries, organisations and the province's units.

Files under `records/_catalog/` map an id to its canonical Vietnamese name and the other spellings
seen in the office's documents, which a record's text must not use:

    bolikhamxay:
      name: Bolikhămxay
      type: tinh
      aliases: [Bolykhamxay, Bolikhamsay, Bolykhămxay]
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bcngv import words
from bcngv.cachedir import Keeping, sources_of
from bcngv.confine import Refused, resolve_inside
from bcngv.diagnostics import Diagnostic, diag
from bcngv.repository import CATALOG_DIR

if TYPE_CHECKING:
    from bcngv.yamlpos import Located

_KEYS = ("name", "type", "aliases")
MAX_SPELLING = 200  # characters of a name or alias: the longest proper noun is far shorter
KEPT = "catalog.kept"  # the name of a catalog kept in the user's cache (cachedir.Keeping)


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
        """The ids a mistyped id probably meant: the entry it names or spells, then similar ids."""
        folded = ident.casefold()
        named = [e.id for e in self.entries.values() if folded in (s.casefold() for s in (e.name, *e.aliases))]
        similar = difflib.get_close_matches(ident, list(self.entries), n=count, cutoff=0.5)
        return list(dict.fromkeys(named + similar))[:count]

    def __contains__(self, ident: object) -> bool:
        return ident in self.entries


def load_catalog(root: Path, keeping: Keeping | None = None) -> tuple[Catalog, list[Diagnostic]]:
    """The catalog and its files' problems. With `keeping`, a catalog read clean from the very same
    bytes before is taken as it was kept."""
    paths, diagnostics = _catalog_files(root)
    if keeping is None or diagnostics:  # a listing with problems: read, said, never kept
        return _read(root, paths, diagnostics), diagnostics
    return keeping.made(KEPT, lambda: sources_of(root, paths), lambda: (_read(root, paths, diagnostics), diagnostics),
                        lambda kept: kept if isinstance(kept, Catalog) else None, lambda catalog: catalog)


def _read(root: Path, paths: list[Path], diagnostics: list[Diagnostic]) -> Catalog:
    """The catalog of these files; their problems are added to `diagnostics`."""
    from bcngv.confined_yaml import read_yaml_inside

    catalog = Catalog()
    spelled: dict[str, str] = {}  # every name and alias → the id it belongs to
    for path in paths:
        shown = path.relative_to(root).as_posix()
        located, found = read_yaml_inside(root, path, shown)
        diagnostics += found
        if located is None:
            continue
        for ident, body in located.value.items():
            entry, found = _entry(ident, body, located, shown)
            diagnostics += found
            if entry is None:
                continue
            if ident in catalog.entries:
                other = catalog.entries[ident]
                where = f"{other.path}:{other.line}"
                diagnostics.append(diag("duplicate-catalog-id", shown, entry.line, 1, value=ident, other=where))
                continue
            catalog.entries[ident] = entry
            diagnostics += _spellings(entry, located, spelled, shown)
    return catalog


def _catalog_files(root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """The catalog's files; a catalog folder that is a link out of the repository is refused whole,
    so that not even the names of the files it points to are read."""
    folder = root / CATALOG_DIR
    if not os.path.lexists(folder):
        return [], []
    try:
        real = resolve_inside(root, folder)
    except Refused as refused:
        return [], [refused.diagnostic(CATALOG_DIR)]
    # each file may still be a link, a FIFO or a device: read_yaml_inside refuses those one by one
    return (sorted(folder.glob("*.yaml")) if real.is_dir() else []), []


def _entry(ident: str, body: Any, located: Located, shown: str) -> tuple[Entry | None, list[Diagnostic]]:
    line, col = located.position((ident,), key=True)
    if not isinstance(body, dict) or not isinstance(body.get("name"), str) or not body["name"].strip():
        return None, [diag("invalid-catalog", shown, line, col, **words.both("catalog.needs_name", ident=ident))]
    unknown = sorted(set(body) - set(_KEYS))
    aliases = body.get("aliases") or []
    if unknown or not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        problem = f"{ident}: {', '.join(unknown) or 'aliases'}"
        return None, [diag("invalid-catalog", shown, line, col, problem=problem)]
    for index, spelling in enumerate([body["name"], *aliases]):
        if len(spelling) > MAX_SPELLING:  # the alias scan's cost at each place of a text is the longest spelling
            where = (ident, "name") if index == 0 else (ident, "aliases", index - 1)
            line, col = located.position(where)
            return None, [diag("invalid-catalog", shown, line, col, **words.both("catalog.too_long", ident=ident, limit=MAX_SPELLING))]
    return Entry(ident, body["name"], str(body.get("type") or ""), tuple(aliases), shown, line), []


def _spellings(entry: Entry, located: Located, spelled: dict[str, str], shown: str) -> list[Diagnostic]:
    """A spelling may belong to one entry only, or the canonical name of a text would be ambiguous."""
    found = []
    places = [((entry.id, "name"), entry.name)] + [((entry.id, "aliases", i), a) for i, a in enumerate(entry.aliases)]
    for where, spelling in places:
        owner = spelled.setdefault(spelling, entry.id)
        if owner != entry.id:
            line, col = located.position(where)
            found.append(diag("alias-conflict", shown, line, col, value=spelling, other=owner))
    return found
