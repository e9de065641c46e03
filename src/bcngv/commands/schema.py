"""`bcngv schema`: the JSON Schema of a record, for editors."""

from __future__ import annotations

from bcngv.config import load_config
from bcngv.repository import Repository
from bcngv.schema import record_schema_text


def schema(repository: Repository | None = None) -> str:
    """The schema for the office's records: its own fields and topics when its bcngv.yaml declares
    them (and can be read), else the default fields; a broken bcngv.yaml is `check`'s to report."""
    config = load_config(repository.root)[0] if repository is not None else None
    return record_schema_text(config.sections if config is not None else None)
