"""`bcngv init DIR`: a new office repository, ready for `bcngv check` and `bcngv build`."""

from __future__ import annotations

from pathlib import Path

from bcngv.diagnostics import Diagnostic
from bcngv.scaffold import init_repository


def init(folder: Path) -> tuple[list[Path], list[Diagnostic]]:
    return init_repository(folder)
