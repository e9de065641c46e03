"""The loader: every `*.yaml` under `records/` becomes a typed record or diagnostics.

Each file is read, validated and checked on its own (linear in the number of files); the checks
across records come last. Folders whose name starts with `_` (such as `records/_catalog/`) hold
reference data, not activities.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bcngv.diagnostics import Diagnostic
from bcngv.records.aliases import AliasScanner
from bcngv.records.catalog import Catalog, load_catalog
from bcngv.records.checks import Placed, check_duplicates, check_record
from bcngv.records.models import RecordBase
from bcngv.records.validate import check_partners, validate_record
from bcngv.yamlpos import read_yaml

RECORDS_DIR = "records"


@dataclass(slots=True)
class LoadResult:
    records: list[RecordBase] = field(default_factory=list)
    catalog: Catalog = field(default_factory=Catalog)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0


def record_files(root: Path, paths: Iterable[Path] = ()) -> list[Path]:
    """The record files under `paths` (default: all of `records/`), sorted, reference data left out."""
    chosen = [p if p.is_absolute() else root / p for p in paths] or [root / RECORDS_DIR]
    found: set[Path] = set()
    for base in chosen:
        candidates = [base] if base.is_file() else base.rglob("*.yaml")
        for path in candidates:
            relative = path.relative_to(root).parts if path.is_relative_to(root) else path.parts
            if not any(part.startswith(("_", ".")) for part in relative[:-1]):
                found.add(path)
    return sorted(found)


def load_records(root: Path, paths: Iterable[Path] = ()) -> LoadResult:
    result = LoadResult()
    result.catalog, result.diagnostics = load_catalog(root)
    scanner = AliasScanner(result.catalog)
    placed: list[Placed] = []
    for path in record_files(root, paths):
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        result.files += 1
        located, found = read_yaml(path, shown)
        result.diagnostics += found
        if located is None:
            continue
        record, found = validate_record(located, shown)
        result.diagnostics += found + scanner.scan(located, shown)
        if record is not None:
            result.diagnostics += check_partners(record, located, result.catalog, shown)
            result.diagnostics += check_record(record, located, shown)
            result.records.append(record)
            placed.append(Placed.of(record, located))
    result.diagnostics += check_duplicates(placed)
    return result
