"""Validation of one record: the YAML values of a file become a typed record, and every problem
pydantic finds becomes a diagnostic at the line and column of the offending key or value."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import ValidationError

from bcngv.diagnostics import Diagnostic, diag
from bcngv.records.catalog import Catalog
from bcngv.records.models import KINDS, RecordBase
from bcngv.yamlpos import Located

# what a value of each pydantic type should look like, in both languages
_EXPECTED: dict[str, tuple[str, str]] = {
    "int": ("một số nguyên, ví dụ 12", "a whole number, e.g. 12"),
    "bool": ("true hoặc false", "true or false"),
    "date": ("một ngày có thật dạng NĂM-THÁNG-NGÀY, ví dụ 2022-07-29", "a real date as YEAR-MONTH-DAY, e.g. 2022-07-29"),
    "string": ("một đoạn chữ", "some text"),
    "list": ("một danh sách, ví dụ [bolikhamxay, khammuon]", "a list, e.g. [bolikhamxay, khammuon]"),
    "decimal": ("một số, ví dụ 1150000", "a number, e.g. 1150000"),
    "dict": ("các trường con dạng 'tên: giá trị'", "nested 'name: value' fields"),
    "model": ("các trường con dạng 'tên: giá trị'", "nested 'name: value' fields"),
}
_GENERIC = ("một giá trị khác", "another value")


def _expected(error_type: str) -> dict[str, str]:
    family = error_type.split("_")[0]
    vi, en = _EXPECTED.get(family, _GENERIC)
    return {"expected_vi": vi, "expected_en": en}


def _dotted(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc)


def validate_record(located: Located, shown: str) -> tuple[RecordBase | None, list[Diagnostic]]:
    value: dict[str, Any] = located.value
    kinds = ", ".join(KINDS)
    kind = value.get("kind")
    if kind is None:
        return None, [diag("missing-kind", shown, 1, 1, kinds=kinds)]
    if kind not in KINDS:
        line, col = located.position(("kind",))
        close = difflib.get_close_matches(str(kind), list(KINDS), n=2, cutoff=0.5)
        return None, [diag("unknown-kind", shown, line, col, value=kind, kinds=kinds, close=tuple(close))]
    model = KINDS[kind]
    try:
        record = model.model_validate(value)
    except ValidationError as err:
        return None, [d for e in err.errors() if (d := _diagnostic(e, model, located, shown))]
    record._path = shown
    return record, []


def _diagnostic(error: Any, model: type[RecordBase], located: Located, shown: str) -> Diagnostic | None:
    loc = tuple(error["loc"])
    if any(loc[:end] in located.flagged for end in range(1, len(loc) + 1)):
        return None  # the YAML layer already said what is wrong here
    kind_ = error["type"]
    key = _dotted(loc) or "kind"
    if kind_ == "extra_forbidden":
        line, col = located.position(loc, key=True)
        fields = [f for f in model.model_fields if f != "kind"]
        close = tuple(difflib.get_close_matches(str(loc[-1]), fields, n=2, cutoff=0.6))
        return diag("unknown-field", shown, line, col, kind=model.model_fields["kind"].annotation.__args__[0],  # type: ignore[union-attr]
                    key=loc[-1], fields=", ".join(fields), close=close)
    if kind_ == "missing":
        line, col = located.position(loc[:-1])
        annotation = model.model_fields.get(str(loc[-1]))
        family = getattr(getattr(annotation, "annotation", None), "__name__", "string").lower()
        return diag("missing-field", shown, line, col, key=key, **_expected(family))
    line, col = located.position(loc)
    if kind_ == "enum":
        choices = error.get("ctx", {}).get("expected", "")
        options = [c.strip(" '") for c in choices.replace(" or ", ",").split(",") if c.strip()]
        close = tuple(difflib.get_close_matches(str(error["input"]), options, n=2, cutoff=0.5))
        return diag("invalid-choice", shown, line, col, key=key, value=error["input"], choices=", ".join(options), close=close)
    if kind_ == "greater_than_equal":
        return diag("negative-number", shown, line, col, key=key, value=error["input"])
    if kind_ == "value_error" and "end-before-start" in error["msg"]:
        line, col = located.position(("end",))
        return diag("end-before-start", shown, line, col, start=located.value.get("date"), end=located.value.get("end"))
    return diag("invalid-value", shown, line, col, key=key, problem=repr(error["input"])[:80], **_expected(kind_))


def check_partners(record: RecordBase, located: Located, catalog: Catalog, shown: str) -> list[Diagnostic]:
    """Every partner or country id must be in the catalog."""
    found = []
    for name in ("partners", "countries"):
        for index, ident in enumerate(getattr(record, name, ()) or ()):
            if ident not in catalog:
                line, col = located.position((name, index))
                found.append(diag("unknown-partner", shown, line, col, value=ident, close=tuple(catalog.closest(ident))))
    return found
