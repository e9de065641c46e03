"""The JSON Schema (draft 2020-12) of a record, generated from the models, for editors.

VS Code's YAML extension reads it (through `.vscode/settings.json` or the
`# yaml-language-server: $schema=…` line of a record) to complete field names, list the allowed
values with the words a report prints, and underline mistakes while the record is typed.
The committed copy is `schema/record.json`; a test keeps it equal to `bcngv schema`.
"""

from __future__ import annotations

import json
from enum import Enum
from typing import Any

from pydantic import BaseModel

from bcngv.records import fields, models
from bcngv.records.models import KIND_LABELS, KINDS, Currency, Labelled, Sections, record_adapter

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# the classes behind the schema's $defs, by name
_CLASSES: dict[str, type] = {
    name: cls for name, cls in vars(models).items()
    if isinstance(cls, type) and issubclass(cls, (BaseModel, Enum)) and cls.__module__ == models.__name__
}
_PART_DESCRIPTIONS = {
    "Money": "số tiền kèm đơn vị: viết gọn '250000 USD', hoặc hai trường amount và currency",
    "Goods": "hiện vật: tên, số lượng và đơn vị",
    "Currency": "đơn vị tiền",
}


def record_schema(sections: Sections | None = None) -> dict[str, Any]:
    """The schema of a record; `field` (and `topic`, when the office declares topics) lists the
    office's keys: `sections` from its bcngv.yaml, else the default fields."""
    sections = sections or Sections()
    generated = record_adapter().json_schema()
    definitions: dict[str, Any] = generated["$defs"]
    for name, definition in definitions.items():
        cls = _CLASSES[name]
        if issubclass(cls, Enum):
            _describe_enum(definition, cls)
        else:
            _describe_model(definition, cls)
    definitions["Money"] = {"description": definitions["Money"].pop("description"),
                            "anyOf": [_money_text(), definitions["Money"]]}
    _list_sections(definitions, sections)
    return {
        "$schema": DIALECT,
        "title": "Hồ sơ bcngv",
        "description": "Một hoạt động của Sở Ngoại vụ; trường 'kind' cho biết loại: " + ", ".join(KINDS) + ".",
        "type": "object",
        "required": ["kind"],
        "oneOf": generated["oneOf"],
        "$defs": definitions,
    }


def record_schema_text(sections: Sections | None = None) -> str:
    """The schema as committed: stable key order, Vietnamese kept readable, a final newline."""
    return json.dumps(record_schema(sections), ensure_ascii=False, indent=2) + "\n"


def _describe_enum(definition: dict[str, Any], enum: type[Enum]) -> None:
    definition.pop("title", None)
    if issubclass(enum, Labelled):
        definition["description"] = "; ".join(f"{m.value}: {m.label}" for m in enum)
        definition["enumDescriptions"] = [m.label for m in enum]  # shown beside each value by VS Code
    else:
        definition["description"] = _PART_DESCRIPTIONS.get(enum.__name__, "")


def _describe_model(definition: dict[str, Any], model: type[BaseModel]) -> None:
    kind = model.model_fields.get("kind")
    label = KIND_LABELS.get(kind.annotation.__args__[0]) if kind is not None else None  # type: ignore[union-attr]
    definition.pop("title", None)
    if label:
        definition["title"] = label
    definition["description"] = label or _PART_DESCRIPTIONS.get(model.__name__, "")
    for name, prop in definition.get("properties", {}).items():
        prop.pop("title", None)
        described = "loại hồ sơ" if name == "kind" else fields.description(model, name)
        if described:
            prop["description"] = described


# the $defs the office's keys are listed in, and how each is described
_SECTION_DEFS = {
    "field": ("WorkField", "lĩnh vực (đề mục I.x của báo cáo)", "fields"),
    "topic": ("Topic", "chủ đề", "topics"),
}


def _list_sections(definitions: dict[str, Any], sections: Sections) -> None:
    """`field` and `topic` are plain text to pydantic (an office declares its own keys in
    bcngv.yaml): list the keys this schema is made for, with their words, for the editor."""
    for name, (definition, about, declared) in _SECTION_DEFS.items():
        keys = sections.of(name)
        if not keys:
            continue  # no topic declared: any text, which `bcngv check` then reports
        source = "mặc định" if name == "field" and sections == Sections() else "theo bcngv.yaml"
        definitions[definition] = {
            "type": "string",
            "enum": list(keys),
            "description": f"{about} ({source}; văn phòng khai báo ở mục {declared}: của bcngv.yaml): "
                           + "; ".join(f"{key}: {label}" for key, label in keys.items()),
            "enumDescriptions": list(keys.values()),
        }
        for model in definitions.values():
            prop = model.get("properties", {}).get(name)
            if prop is not None and prop.get("type") == "string":
                prop.pop("type")
                prop["$ref"] = f"#/$defs/{definition}"
            elif prop is not None and "anyOf" in prop:  # optional: the key, or nothing
                prop["anyOf"] = [{"$ref": f"#/$defs/{definition}"} if a.get("type") == "string" else a
                                 for a in prop["anyOf"]]


def _money_text() -> dict[str, Any]:
    currencies = "|".join("".join(f"[{c.upper()}{c.lower()}]" for c in m.value) for m in Currency)
    return {"type": "string", "pattern": rf"^\s*[0-9]+(\.[0-9]{{1,2}})?\s*({currencies})\s*$",
            "description": f"ví dụ '250000 USD'; đơn vị: {', '.join(m.value for m in Currency)}"}

