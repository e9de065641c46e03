"""`bcngv init DIR`: a new office repository, ready for `bcngv check` and `bcngv build`.

What it holds ships as package data in `bcngv/office/` (bcngv.yaml to fill in, a README for staff,
an example record, requirements.txt for CI). The templates, the catalog, the CI workflow, the
lock file of library versions and the VS Code settings there are copies of this repository's own, which are the source: a test keeps
them equal. Names starting with a dot are stored without it (package data skips hidden files).
"""

from __future__ import annotations

from pathlib import Path

from bcngv.diagnostics import Diagnostic, diag
from bcngv.schema import SCHEMA_PATH, record_schema_text

OFFICE = Path(__file__).parent / "office"
HIDDEN = ("github", "vscode", "gitignore")  # stored without their leading dot


def package_office() -> list[tuple[str, bytes]]:
    """Every file `init` writes, as (path in the new repository, content), in a stable order."""
    found = [(p.relative_to(OFFICE).as_posix(), p.read_bytes()) for p in sorted(OFFICE.rglob("*")) if p.is_file()]
    shown = [("." + path if path.split("/")[0] in HIDDEN else path, data) for path, data in found]
    return [*shown, (SCHEMA_PATH, record_schema_text().encode("utf-8"))]


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
