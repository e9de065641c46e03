"""Validation of one record: the YAML values of a file become a typed record, and every problem
pydantic finds becomes a diagnostic at the line and column of the offending key or value."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from bcngv.diagnostics import Diagnostic, diag
from bcngv.period import date_meant
from bcngv.records import fields
from bcngv.records.catalog import Catalog
from bcngv.records.declared import Kinds
from bcngv.records.models import RecordBase
from bcngv.records.vocabulary import Sections
from bcngv.yamlslips import shown_value

if TYPE_CHECKING:
    from bcngv.yamlpos import Located

_GROUPED = re.compile(r"\s*[-+]?[0-9]{1,3}(?:[.,][0-9]{3})+\s*")  # 1.150.000 or 1,150 typed as a count
_NUMBER_ERRORS = {"int_parsing", "int_type", "decimal_parsing", "decimal_type", "int_from_float"}


def validate_record(located: Located, shown: str, kinds: Kinds) -> tuple[RecordBase | None, list[Diagnostic]]:
    value: dict[str, Any] = located.value
    kind = value.get("kind")
    if kind is None:
        return None, [diag("missing-kind", shown, *located.position(("kind",)), kinds=", ".join(kinds))]
    if not isinstance(kind, str) or kind not in kinds.fields:
        return None, [unknown_kind(kind, kinds, shown, *located.position(("kind",)))]
    model = kinds[kind]
    # an optional field left empty (`end:`) means "not given"; a required one left empty is reported
    given = value if None not in value.values() else {  # most files leave nothing empty: no copy
        k: v for k, v in value.items() if v is not None or _required(model, k)}
    try:
        record = model.__pydantic_validator__.validate_python(given)  # model_validate's work, a call less
    except ValidationError as err:
        return None, [d for e in err.errors() if (d := _diagnostic(e, model, located, shown))]
    # what `record._path = shown` does, without pydantic's __setattr__ (a tenth of validating a record)
    record.__pydantic_private__["_path"] = shown  # type: ignore[index]
    return record, []


def unknown_kind(value: object, kinds: Kinds, shown: str, line: int = 1, col: int = 1) -> Diagnostic:
    """A kind that is not one of the record kinds, with the nearest kinds as a suggestion."""
    close = tuple(difflib.get_close_matches(str(value), list(kinds), n=2, cutoff=0.5))
    return diag("unknown-kind", shown, line, col, value=value, kinds=", ".join(kinds), close=close)


def _required(model: type[BaseModel], name: str) -> bool:
    info = model.model_fields.get(name)
    return info is None or info.is_required()  # an unknown field is kept, to be reported


def _diagnostic(error: Any, model: type[RecordBase], located: Located, shown: str) -> Diagnostic | None:
    loc = tuple(error["loc"])
    if any(loc[:end] in located.flagged for end in range(1, len(loc) + 1)):
        return None  # the YAML layer already said what is wrong here
    type_, given = error["type"], error.get("input")
    name = loc[-1] if loc else "kind"
    key = ".".join(map(str, loc)) or "kind"
    parent = fields.model_at(model, loc[:-1])
    if type_ == "extra_forbidden":
        line, col = located.position(loc, key=True)
        names = [f for f in parent.model_fields if f != "kind"]
        close = tuple(difflib.get_close_matches(str(name), names, n=2, cutoff=0.6))
        kind = located.value["kind"]  # the model was chosen by it
        return diag("unknown-field", shown, line, col, kind=kind, key=name, fields=", ".join(names), close=close)
    annotation = fields.annotation_at(model, loc)
    vi, en = fields.expected(annotation)
    about = fields.description(parent, str(name))
    words = {"expected_vi": f"{vi} ({about})" if about else vi, "expected_en": en}  # descriptions are Vietnamese
    if type_ == "missing":
        line, col = located.position(loc[:-1])
        return diag("missing-field", shown, line, col, key=name, **words)
    line, col = located.position(loc)
    if given is None or (type_ == "string_too_short" and given == ""):
        line, col = located.position(loc, key=True)
        return diag("empty-value", shown, line, col, key=key, **words)
    grouped = type_ in _NUMBER_ERRORS and isinstance(given, str) and _GROUPED.fullmatch(given)
    if type_ == "thousands_separator" or grouped:
        intended = error.get("ctx", {}).get("intended") or re.sub(r"[.,\s]", "", given)
        return diag("thousands-separator", shown, line, col, text=str(given).strip(), intended=intended)
    if type_ in ("enum", "literal_error"):
        choices = model.choices.get(str(name)) if parent is model else None
        options = list(choices) if choices else [str(m.value) for m in fields.choices(annotation) or ()]
        close = tuple(difflib.get_close_matches(str(given), options, n=2, cutoff=0.5))
        listed = choices.listed() if choices else ", ".join(options)
        return diag("invalid-choice", shown, line, col, key=key, value=given, choices=listed, close=close)
    if type_ == "greater_than_equal":
        return diag("negative-number", shown, line, col, key=key, value=given)
    if type_ == "value_error" and "end-before-start" in error["msg"]:
        line, col = located.position(("end",))
        return diag("end-before-start", shown, line, col, start=located.value.get("date"), end=located.value.get("end"))
    return diag("invalid-value", shown, line, col, key=key, problem_vi=shown_value(given)[:80],
                problem_en=shown_value(given, "en")[:80], close=date_meant(given), **words)


def check_partners(located: Located, catalog: Catalog, shown: str, kinds: Kinds) -> list[Diagnostic]:
    """Every id of a field its kind declares a catalog reference (partners, countries, an
    organisation) must be in the catalog. Read from the file's values, not the record, so that a
    file with other mistakes still has its ids checked in the same run."""
    value = located.value
    kind = value.get("kind")
    found: list[Diagnostic] = []
    if not isinstance(kind, str) or kind not in kinds.fields:
        return found
    known = catalog.entries  # looked up directly, not through Catalog.__contains__: a Python call less an id
    for name in kinds[kind].references:
        given = value.get(name)
        if isinstance(given, str):
            if given and given not in known:
                _unknown_partner((name,), given, located, catalog, shown, found)
        elif isinstance(given, list):
            for index, ident in enumerate(given):
                if isinstance(ident, str) and ident not in known:
                    _unknown_partner((name, index), ident, located, catalog, shown, found)
    return found


def _unknown_partner(where: tuple[str | int, ...], ident: str, located: Located, catalog: Catalog, shown: str,
                     found: list[Diagnostic]) -> None:
    if where not in located.flagged:  # `NO` is reported as a boolean, not here
        line, col = located.position(where)
        found.append(diag("unknown-partner", shown, line, col, value=ident, close=tuple(catalog.closest(ident))))


def check_sections(located: Located, sections: Sections, shown: str) -> list[Diagnostic]:
    """A record's `field` and `topic` must be keys the office declares (bcngv.yaml's `fields:` and
    `topics:`, or the default fields): `invalid-choice` with the nearest keys, as for any choice.
    Read from the file's values, as partners are, so that other mistakes do not hide these; a kind
    whose own default field the office does not declare is reported at its `kind`."""
    value = located.value
    kind = value.get("kind")
    found = []
    for name in ("field", "topic"):
        given, where = value.get(name), (name,)
        if given is None and name == "field" and isinstance(kind, str) and kind in sections.kinds.fields:
            given, where = _default_field(sections.kinds, kind), ("kind",)
        if given is None or isinstance(given, bool) or not isinstance(given, (str, int)):  # a tuple: a union is slower
            continue  # not given, or not a key at all: validate_record says what is wrong with it
        allowed = sections.of(name)
        if str(given) not in allowed and where not in located.flagged:  # flagged asked of an unknown key alone
            line, col = located.position(where)
            close = tuple(difflib.get_close_matches(str(given), list(allowed), n=2, cutoff=0.5))
            # no topic declared yet: point at where they are declared (words of no language: cached)
            listed = ", ".join(f"{key} ({label})" for key, label in allowed.items()) or f"bcngv.yaml → {name}s:"
            found.append(diag("invalid-choice", shown, line, col, key=name, value=given, choices=listed, close=close))
    return found


@lru_cache(maxsize=256)  # asked for by most files (few name their field), the same for every record of a kind
def _default_field(kinds: Kinds, kind: str) -> Any:
    """The `field` a kind's record has when it names none (None: it must name one)."""
    info = kinds[kind].model_fields["field"]
    return None if info.is_required() else info.default
