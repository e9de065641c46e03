"""One record file read and checked on its own: what the loader does for each file it has no result
of (in worker processes when they are many). Imported by the first file a process reads, not with
the loader: a run taking every result from the cache imports none of the checks of a file's
fields (validation, aliases, placeholders, usual values) nor YAML."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from bcngv.confined_yaml import read_yaml_inside
from bcngv.diagnostics import Diagnostic
from bcngv.records.aliases import AliasScanner
from bcngv.records.cache import UNNAMED, FileResult
from bcngv.records.catalog import Catalog
from bcngv.records.checks import check_record, warned_at
from bcngv.records.declared import Kinds, builtin_kinds
from bcngv.records.placeholders import check_placeholders
from bcngv.records.plausible import check_usual
from bcngv.records.scope import named_reports
from bcngv.records.validate import check_partners, check_sections, validate_record
from bcngv.records.vocabulary import Sections
from bcngv.yamlpos import parse_yaml_bytes


@dataclass(slots=True)
class Reader:
    """What files are checked against, made once a process rather than once a file (its alias
    scanner costs milliseconds)."""

    root: Path
    catalog: Catalog
    sections: Sections | None
    kinds: Kinds
    scanner: AliasScanner

    @classmethod
    def made(cls, root: Path, catalog: Catalog, sections: Sections | None) -> Reader:
        kinds = sections.kinds if sections is not None else builtin_kinds()
        return cls(root, catalog, sections, kinds, AliasScanner(catalog, kinds.references))

    def serves(self, root: Path, catalog: Catalog, sections: Sections | None) -> bool:
        return self.root == root and self.catalog is catalog and self.sections is sections

    def read(self, shown: str, source: bytes | str, listed: bool) -> FileResult:
        """Everything one file says on its own, with its own name left out of its diagnostics; a
        file not read yet (`source` its name) is read through confine (inside the repository,
        regular, bounded)."""
        if isinstance(source, bytes):
            located, found = parse_yaml_bytes(source, shown)
        else:
            located, found = read_yaml_inside(self.root, source, shown, listed=listed)
        if located is None:
            return FileResult(None, _unnamed(found, shown))
        kinds = self.kinds
        record, validated = validate_record(located, shown, kinds)
        found = (found + validated + check_partners(located, self.catalog, shown, kinds)
                 + self.scanner.scan(located, shown))
        if self.sections is not None and isinstance(located.value, dict):
            found += check_sections(located, self.sections, shown)
        if record is None:
            return FileResult(None, _unnamed(found, shown))
        declared = kinds.fields[record.kind]  # type: ignore[attr-defined]
        found += (check_record(record, located, shown) + check_placeholders(record, located, shown, declared)
                  + check_usual(record, located, shown))
        return FileResult(record, _unnamed(found, shown), placed=warned_at(located),
                          group=(record.kind, record.date), scope=named_reports(located))  # type: ignore[attr-defined]


def _unnamed(found: list[Diagnostic], shown: str) -> list[Diagnostic]:
    """The diagnostics with the file's own name left out (a result holds for any file of its bytes)."""
    return [replace(d, path=UNNAMED) if d.path == shown else d for d in found] if found else found
