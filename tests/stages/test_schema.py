"""`bcngv schema`: a JSON Schema 2020-12 that editors use, equal to the committed copy, and in
agreement with the loader on the bundled records."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from bcngv.records.declared import builtin_kinds
from bcngv.repository import SCHEMA_FILE as SCHEMA_PATH
from bcngv.schema import record_schema
from bcngv.yamlpos import read_yaml

from conftest import DOAN_RA, PROJECT, bcngv

BUNDLED = sorted((PROJECT / "records").glob("[0-9]*/**/*.yaml"))


def as_json(value: Any) -> Any:
    """A record's values as an editor sees them: dates are text, numbers are numbers."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = record_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_committed_schema_is_what_bcngv_schema_prints() -> None:
    printed = bcngv("schema").stdout
    assert json.loads(printed)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    committed = (PROJECT / SCHEMA_PATH).read_text(encoding="utf-8")
    assert printed == committed, "run: bcngv schema > schema/record.json"


def test_editors_map_the_schema_onto_the_records() -> None:
    settings = json.loads((PROJECT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    [(schema, globs)] = settings["yaml.schemas"].items()
    assert (PROJECT / schema).resolve() == (PROJECT / SCHEMA_PATH).resolve()
    assert globs == ["records/2*/**/*.yaml"]  # record folders only: records/_catalog/ is not records


def test_there_are_bundled_records() -> None:
    assert len(BUNDLED) >= 9


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_every_bundled_record_validates(validator, path: Path) -> None:
    located, found = read_yaml(path, path.name)
    assert found == [] and located is not None
    errors = [e.message for e in validator.iter_errors(as_json(located.value))]
    assert errors == []
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../../schema/record.json"


@pytest.mark.parametrize(
    "record",
    [
        {"kind": "doan_raa", "date": "2022-07-12", "persons": 12, "funding": "ngan_sach"},
        {"date": "2022-07-12", "persons": 12, "funding": "ngan_sach"},
        {"kind": "doan_ra", "date": "2022-07-12", "persons": 12, "funding": "ngansach"},
        {"kind": "doan_ra", "date": "2022-07-12", "persons": -1, "funding": "ngan_sach"},
        {"kind": "doan_ra", "date": "2022-07-12", "persons": 12, "funding": "ngan_sach", "perons": 3},
        {"kind": "ngo", "date": "2022-07-12", "action": "du_an", "organisation": "path", "committed": "1.150.000 USD"},
    ],
    ids=["unknown kind", "no kind", "unknown choice", "negative", "unknown field", "thousands separator"],
)
def test_a_wrong_record_does_not_validate(validator, record: dict[str, Any]) -> None:
    assert not validator.is_valid(record)


def test_both_spellings_of_an_amount_validate(validator) -> None:
    base = {"kind": "ngo", "date": "2022-07-12", "action": "du_an", "organisation": "path"}
    assert validator.is_valid({**base, "committed": "250000 USD", "disbursed": {"amount": 1000, "currency": "USD"}})


def test_descriptions_and_choices_are_in_vietnamese() -> None:
    schema = record_schema()
    doan_ra = schema["$defs"]["doan_ra"]
    funding = doan_ra["properties"]["funding"]
    assert funding["enum"] == ["ngan_sach", "tu_tuc", "trung_uong", "doi_tac"]
    assert funding["enumDescriptions"] == ["ngân sách Nhà nước", "tự túc kinh phí", "Trung ương đài thọ", "đối tác đài thọ"]
    assert doan_ra["title"].startswith("Đoàn ra")
    assert doan_ra["properties"]["field"]["description"] == "lĩnh vực (đề mục I.x của báo cáo)"  # inherited
    kinds = {ref["$ref"].rsplit("/", 1)[1] for ref in schema["oneOf"]}
    assert kinds == set(builtin_kinds())
    for name in kinds:
        for prop, body in schema["$defs"][name]["properties"].items():
            assert body.get("description"), f"{name}.{prop} has no description"


def test_a_fixture_record_validates_too(validator, tmp_path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(DOAN_RA, encoding="utf-8")
    located, _ = read_yaml(path, "r.yaml")
    assert located is not None and validator.is_valid(as_json(located.value))
