"""`bcngv new KIND`: a record to fill in, with every field of its kind and their allowed values."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bcngv.repository import Repository
from bcngv.skeleton import NewRecord, new_record


def new(repository: Repository, kind: str, on: date, like: Path | None = None) -> NewRecord:
    return new_record(repository.root, kind, on, like.resolve() if like else None)
