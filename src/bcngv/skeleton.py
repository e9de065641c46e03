"""`bcngv new <kind>`: a record to fill in, with every field, its meaning and its allowed values.

The blanks are the required fields: once they are filled the record is valid, and until then
`bcngv check` names each one still empty. Optional fields are left empty too, never written with
their default: `led_by_provincial_leader: false` or a count of `0` left untouched would be answers
the person never gave, printed in the report as facts; an empty field takes its default. `--like FILE` starts from an existing record (last
month's tally, say), keeping its values but not its dates.
"""

from __future__ import annotations

import os
import textwrap
from itertools import count
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from bcngv.config import load_config
from bcngv.diagnostics import Diagnostic, diag
from bcngv.records import fields
from bcngv.records.models import RecordBase
from bcngv.records.validate import unknown_kind
from bcngv.records.vocabulary import Sections
from bcngv.repository import SCHEMA_FILE, Repository
from bcngv.yamlpos import read_yaml

_HEAD = ("kind", "date", "end", "field", "topic", "order")
_TAIL = ("partners", "text", "short", "footnote", "reports", "not_in", "until", "illustrative")
_NOT_COPIED = {"kind", "date", "end"}  # a record made like another is a new activity, on its own dates
_FOLD_AT = 96  # long texts are written as a folded block, wrapped for the editor


@dataclass(slots=True)
class NewRecord:
    path: Path | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def new_record(root: Path, kind: str, on: date, like: Path | None = None) -> NewRecord:
    """Write a skeleton into records/YYYY/MM/ under a name no other file has."""
    config = load_config(root)[0]  # the office's kinds, fields and topics
    sections = config.sections if config is not None else Sections()
    if kind not in sections.kinds:
        return NewRecord(diagnostics=[unknown_kind(kind, sections.kinds, "KIND")])
    copied: dict[str, Any] = {}
    if like is not None:
        shown = like.relative_to(root).as_posix() if like.is_relative_to(root) else str(like)
        if not like.is_file():
            return NewRecord(diagnostics=[diag("no-such-path", shown, value=shown)])
        located, found = read_yaml(like, shown)
        if located is None:
            return NewRecord(diagnostics=found)
        copied = {k: v for k, v in located.value.items() if k not in _NOT_COPIED}
    folder = Repository(root).record_folder(on.year, on.month)
    folder.mkdir(parents=True, exist_ok=True)
    text = skeleton(kind, on, copied, schema_reference(root, folder), sections)
    for name in record_names(kind, on):
        path = folder / name
        try:
            with path.open("x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite a record
                out.write(text)
        except FileExistsError:
            continue
        return NewRecord(path)
    raise AssertionError("record_names() never ends")  # pragma: no cover - for the type checker


def record_names(kind: str, on: date) -> Iterator[str]:
    """The names a new record of the day takes, the first free one: 2022-07-12-doan_ra.yaml, then -2…"""
    for number in count(1):
        yield f"{on.isoformat()}-{kind}" + (f"-{number}" if number > 1 else "") + ".yaml"


def field_order(model: type[RecordBase]) -> list[str]:
    """A kind's fields in the order a record is written: when and where first, its own fields, the
    words last (`new` and the browser's form)."""
    return [*_HEAD, *(n for n in model.model_fields if n not in _HEAD and n not in _TAIL), *_TAIL]


def schema_reference(root: Path, folder: Path) -> str:
    """The record schema as a record file in `folder` names it, for the editor's completion."""
    return Path(os.path.relpath(root / SCHEMA_FILE, folder)).as_posix()


def skeleton(kind: str, on: date, copied: dict[str, Any], schema: str, sections: Sections | None = None) -> str:
    """A new record's text: `on` its date unless `copied` gives one (the browser's form: as typed,
    for `check` to say at its line what is wrong with it)."""
    sections = sections or Sections()
    model = sections.kinds[kind]
    lines = [
        f"# yaml-language-server: $schema={schema}",
        f"# {sections.kinds.labels[kind]}.",
        "# Điền các trường còn trống; `bcngv check` cho biết trường nào chưa điền hoặc điền sai.",
    ]
    for name in field_order(model):
        if name == "kind":
            lines.append(f"kind: {kind}")
        elif name == "date":
            lines.append(yaml_line("date", copied.get("date", on)))
        else:
            lines += _comment(model, name, sections)
            lines.append(yaml_line(name, copied.get(name)))
    return "\n".join(lines) + "\n"


def _comment(model: type[RecordBase], name: str, sections: Sections) -> list[str]:
    info = model.model_fields[name]
    about = fields.description(model, name) or name
    required = " (bắt buộc)" if info.is_required() else ""
    if name in ("field", "topic") and sections.of(name):  # the office's keys
        return [f"# {about}{required}, một trong:", *(f"#   {key}: {label}" for key, label in sections.of(name).items())]
    choices = model.choices.get(name)
    if choices is None:
        return [f"# {about}{required}"]
    return [f"# {about}{required}, một trong:", *(f"#   {key}: {member.label}" for key, member in choices.items())]


def yaml_line(name: str, value: Any) -> str:
    """`name: value` as `new` writes it (a long text folded, a list in brackets); also what the
    browser writes for a field it changes (bcngv.serve.records_io)."""
    if value is None:
        return f"{name}:"
    if isinstance(value, str) and len(value) > _FOLD_AT - len(name) - 2 and "\n" not in value:
        wrapped = textwrap.wrap(value, _FOLD_AT - 2, break_long_words=False, break_on_hyphens=False)
        return f"{name}: >-\n" + "\n".join(f"  {part}" for part in wrapped)
    dumped = yaml.safe_dump(_plain(value), allow_unicode=True, default_flow_style=True, width=1 << 30)
    return f"{name}: {dumped.removesuffix(chr(10)).removesuffix(chr(10) + '...')}"


def _plain(value: Any) -> Any:
    """Values as PyYAML can write them: choices by their key, exact amounts as text."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
