"""bcngv's built-in office files: this repository's own templates, catalog, CI workflow, editor
settings and lock file, shipped in the package from where they lie in the repository.

pyproject.toml maps each of those folders to a data package of `bcngv_builtin` (`templates/` →
`bcngv_builtin.templates`, `records/_catalog/` → `bcngv_builtin.catalog`, …), so a wheel holds them
and no copy is kept under src/: the repository's files are the single source. A data package has no
`__init__.py` (it is a namespace package); importlib finds its folder wherever bcngv is installed:
in a wheel's site-packages, or, in an editable install, the checkout's folder itself.

These files are bcngv's own, so they are trusted: they are read directly, unlike an office's files,
which are read through bcngv.confine. Nothing here knows where an office keeps them (see scaffold
and repository): this module only finds them.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

TEMPLATES = "bcngv_builtin.templates"
CATALOG = "bcngv_builtin.catalog"
WORKFLOWS = "bcngv_builtin.workflows"
EDITOR = "bcngv_builtin.vscode"
LOCK = "bcngv_builtin.lock"
LOCK_FILE = "requirements.lock"


def _folder(package: str) -> Path:
    """The one folder of a data package. Its `__path__` names it (`importlib.resources.files` would
    give a namespace package as a MultiplexedPath, not a Path); in an editable install the path also
    holds setuptools' placeholder entry, which is no folder."""
    return next(Path(entry) for entry in import_module(package).__path__ if Path(entry).is_dir())


def _files(package: str, pattern: str) -> list[Path]:
    return sorted(p for p in _folder(package).glob(pattern) if p.is_file())


def templates() -> Path:
    """The folder of the built-in templates: last on every office's template search path."""
    return _folder(TEMPLATES)


def template(name: str) -> Path | None:
    """The built-in template of that (plain, already checked) name, if there is one."""
    path = templates() / name
    return path if path.is_file() else None


def catalog() -> list[Path]:
    """The catalog a new office starts from: partners, countries, organisations, the units."""
    return _files(CATALOG, "*.yaml")


def workflows() -> list[Path]:
    """The CI workflow that checks an office's records and builds its reports."""
    return _files(WORKFLOWS, "*.yml")


def editor_settings() -> list[Path]:
    """The VS Code settings that tie records to the JSON Schema."""
    return _files(EDITOR, "*.json")


def lock_file() -> Path:
    """The exact library versions (with hashes) bcngv was tested with, which an office's CI installs."""
    return _folder(LOCK) / LOCK_FILE


def staff_guide() -> list[Path]:
    """The staff guide (docs/huong-dan.md) and the picture it shows, which a new office's README
    points to: in the repository's root folder, whose data package is the lock's."""
    return _files(LOCK, "docs/*")
