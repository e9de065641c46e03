"""`bcngv schema`: the JSON Schema of a record, for editors."""

from __future__ import annotations

from bcngv.schema import record_schema_text


def schema() -> str:
    return record_schema_text()
