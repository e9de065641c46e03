"""The JSON Schema (draft 2020-12) of a record, generated from the kinds' declarations, for editors.

VS Code's YAML extension reads it (through `.vscode/settings.json` or the
`# yaml-language-server: $schema=…` line of a record) to complete field names, list the allowed
values with the words a report prints, and underline mistakes while the record is typed.
The committed copy is `schema/record.json`; a test keeps it equal to `bcngv schema`.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Union

from pydantic import Field, TypeAdapter

from bcngv.records.values import Currency
from bcngv.records.vocabulary import DEFAULT_FIELDS, Sections

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_PART_DESCRIPTIONS = {
    "Money": "số tiền kèm đơn vị: viết gọn '250000 USD', hoặc hai trường amount và currency",
    "Goods": "hiện vật: tên, số lượng và đơn vị",
    "Currency": "đơn vị tiền",
}


def record_schema(sections: Sections | None = None) -> dict[str, Any]:
    """The schema of a record of the office's kinds (bcngv's and its own, `sections.kinds`);
    `field` (and `topic`, when the office declares topics) lists the office's keys: `sections`
    from its bcngv.yaml, else the default fields."""
    sections = sections or Sections()
    kinds = sections.kinds
    union = Annotated[Union[tuple(kinds.values())], Field(discriminator="kind")]  # type: ignore[valid-type]  # noqa: UP007
    generated = TypeAdapter(union).json_schema()
    definitions: dict[str, Any] = generated["$defs"]
    for name, definition in definitions.items():
        definition.pop("title", None)
        if name in kinds:
            definition["title"] = definition["description"] = kinds.labels[name]
            definition["properties"]["kind"]["description"] = "loại hồ sơ"
        else:
            definition["description"] = _PART_DESCRIPTIONS.get(name, "")
        for prop in definition.get("properties", {}).values():
            prop.pop("title", None)
    definitions["Money"] = {"description": definitions["Money"].pop("description"),
                            "anyOf": [_money_text(), definitions["Money"]]}
    _list_sections(definitions, sections)
    return {
        "$schema": DIALECT,
        "title": "Hồ sơ bcngv",
        "description": "Một hoạt động của Sở Ngoại vụ; trường 'kind' cho biết loại: " + ", ".join(kinds) + ".",
        "type": "object",
        "required": ["kind"],
        "oneOf": generated["oneOf"],
        "$defs": definitions,
    }


def record_schema_text(sections: Sections | None = None) -> str:
    """The schema as committed: stable key order, Vietnamese kept readable, a final newline."""
    return json.dumps(record_schema(sections), ensure_ascii=False, indent=2) + "\n"


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
        source = "mặc định" if name == "field" and dict(sections.fields) == DEFAULT_FIELDS else "theo bcngv.yaml"
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

