"""`bcngv init DIR`: a new office repository, ready for `bcngv check` and `bcngv build`.

It is made of two kinds of package data. `bcngv/office/` holds what only a new office has: bcngv.yaml
to fill in, a README for staff, an example record, requirements.txt for CI and .gitignore (names
starting with a dot are stored without it: package data skips hidden files). The catalog, the CI
workflow, the VS Code settings, the lock file of library versions and the staff guide (docs/, which
the README points to) are bcngv's built-in files (bcngv.builtin), which are this repository's own,
shipped without a copy.

No template is written: an office's template search path ends with bcngv's built-in templates, so a
new office builds every report kind as it is, and takes up template fixes with each new bcngv. An
office changes a template by putting one of the same name in its templates/ (the staff README says
how).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from bcngv import builtin
from bcngv.diagnostics import Diagnostic, diag
from bcngv.repository import CATALOG_DIR, SCHEMA_FILE
from bcngv.schema import record_schema_text

OFFICE = Path(__file__).parent / "office"
HIDDEN = ("gitignore",)  # stored without its leading dot
WORKFLOWS_DIR = ".github/workflows"
EDITOR_DIR = ".vscode"
GUIDE_DIR = "docs"


def _placed(folder: str, files: Iterable[Path]) -> list[tuple[str, bytes]]:
    return [(f"{folder}/{path.name}", path.read_bytes()) for path in files]


def _office_only() -> list[tuple[str, bytes]]:
    """bcngv/office/'s files, as (path in the new repository, content)."""
    found = [(p.relative_to(OFFICE).as_posix(), p.read_bytes()) for p in sorted(OFFICE.rglob("*")) if p.is_file()]
    return [("." + path if path.split("/")[0] in HIDDEN else path, data) for path, data in found]


def _built_in() -> list[tuple[str, bytes]]:
    """bcngv's built-in office files, where an office keeps them."""
    lock = builtin.lock_file()
    return [*_placed(CATALOG_DIR, builtin.catalog()), *_placed(WORKFLOWS_DIR, builtin.workflows()),
            *_placed(EDITOR_DIR, builtin.editor_settings()), *_placed(GUIDE_DIR, builtin.staff_guide()),
            (lock.name, lock.read_bytes())]


def package_office() -> list[tuple[str, bytes]]:
    """Every file `init` writes, as (path in the new repository, content), in a stable order."""
    return sorted([*_office_only(), *_built_in(), (SCHEMA_FILE, record_schema_text().encode("utf-8"))])


def init_repository(target: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Write the office repository into `target`, which must be missing or empty: nothing an
    office already has is ever overwritten."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        return [], [diag("init-not-empty", str(target), value=str(target))]
    written = []
    for relative, data in package_office():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written, []
