"""A record kind's form, made from its declaration (no code per kind: an office's own kinds get
forms too): each field's widget follows its declared type — a date picker, a number field, a yes/no
choice, a list of choices in their words, partners from the catalog found by any spelling, a text
area offering the placeholders — with its label and help.

A field's value travels as the text the form shows (`shown`) and comes back as the value the
record file holds (`parsed`); a field whose text came back unchanged is left as the file has it.
A value that is not what its type wants is passed on as typed: `bcngv check`'s own checks say what
is wrong with it, at its field, in its words."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from bcngv.diagnostics import Diagnostic
from bcngv.records.catalog import Catalog
from bcngv.records.declared import FieldDeclaration
from bcngv.records.placeholders import TOLD, placeholders
from bcngv.records.vocabulary import Sections
from bcngv.skeleton import field_order
from bcngv.yamlpos import Located

# the widget of each declared type (a template shows each widget its own way)
WIDGETS = {"date": "date", "count": "integer", "number": "integer", "quantity": "decimal", "yes_no": "yes_no",
           "choice": "choice", "partner": "partner", "money": "line", "text": "line", "goods": "lines"}
_INTEGER = re.compile(r"[-+]?[0-9]{1,18}")
_DECIMAL = re.compile(r"[0-9]{1,18}(?:\.[0-9]{1,18})?")
_SEPARATORS = re.compile(r"[,\s]+")
GOODS_SEPARATOR = "|"  # a line of goods: quantity | unit | name


@dataclass(frozen=True, slots=True)
class Option:
    key: str
    words: str
    search: str = ""  # what the search box finds it by: the id, the name and its other spellings


@dataclass(slots=True)
class FormField:
    name: str
    label: str
    help: str
    widget: str
    required: bool
    many: bool
    value: str  # as the form shows it
    options: tuple[Option, ...] = ()
    unit: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    placeholders: tuple[str, ...] = ()
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def selected(self) -> frozenset[str]:
        return frozenset(_items(self.value)) if self.many else frozenset({self.value})


@dataclass(slots=True)
class Form:
    kind: str
    label: str
    path: str  # the record's file as the user sees it; "" for a record not written yet
    version: str  # the digest of the file when the form was opened
    fields: list[FormField]
    problems: list[Diagnostic] = field(default_factory=list)  # those at no field of the form

    def named(self, name: str) -> FormField | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def errors(self) -> bool:
        return any(d.is_error for d in self.all_problems)

    @property
    def all_problems(self) -> list[Diagnostic]:
        return [*self.problems, *(d for f in self.fields for d in f.problems)]


def build_form(kind: str, values: Mapping[str, Any], sections: Sections, catalog: Catalog,
               path: str = "", version: str = "") -> Form:
    """The form of a record of `kind` holding `values` (a file's values, or a new record's)."""
    declared = sections.kinds.fields[kind]
    offered = tuple(f"{{{name}}}" for name in placeholders(declared))
    fields = []
    for name in field_order(sections.kinds[kind]):
        if name == "kind":
            continue
        declaration = declared[name]
        made = _field(name, declaration, shown(declaration, values.get(name)), sections, catalog)
        made.placeholders = offered if name in TOLD else ()
        fields.append(made)
    return Form(kind, sections.kinds.labels[kind], path, version, fields)


def _field(name: str, declaration: FieldDeclaration, value: str, sections: Sections, catalog: Catalog) -> FormField:
    widget = "long_text" if name in TOLD else WIDGETS[declaration.type or "text"]
    options: tuple[Option, ...] = ()
    if name in ("field", "topic"):  # the office's headings, as bcngv.yaml declares them
        widget, options = "choice", tuple(Option(key, words) for key, words in sections.of(name).items())
    elif declaration.type == "choice":
        options = tuple(Option(key, words) for key, words in (declaration.choices or {}).items())
    elif declaration.type == "partner":
        options = tuple(Option(e.id, e.name, " ".join((e.id, e.name, *e.aliases)).casefold())
                        for e in catalog.entries.values())
    if declaration.many and declaration.type in ("money", "goods"):
        widget = "lines"
    known = {o.key for o in options}
    unknown = [v for v in _items(value) if v not in known] if widget in ("choice", "partner") else []
    options += tuple(Option(v, v, v) for v in unknown if v)  # a value the file has, kept to be reported
    minimum = 0 if declaration.type == "count" else declaration.min
    return FormField(name, declaration.label or name, declaration.help or "", widget, declaration.required,
                     declaration.many, value, options, declaration.unit, minimum, declaration.max)


def shown(declaration: FieldDeclaration, value: Any) -> str:
    """A value of a record file as its field shows it."""
    if value is None:
        return ""
    if isinstance(value, list):
        joiner = "\n" if declaration.type in ("money", "goods") else ", "
        return joiner.join(_one(declaration, v) for v in value)
    return _one(declaration, value)


def _one(declaration: FieldDeclaration, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict) and declaration.type == "goods":
        return f" {GOODS_SEPARATOR} ".join(str(value.get(k, "")) for k in ("quantity", "unit", "name"))
    if isinstance(value, dict) and declaration.type == "money":
        return f"{value.get('amount', '')} {value.get('currency', '')}".strip()
    return str(value)


def parsed(declaration: FieldDeclaration, text: str) -> Any:
    """What a field's text writes into the record file; None when it is left empty."""
    text = text.strip()
    if declaration.many:
        return [_value(declaration, item) for item in _items(text, declaration.type in ("money", "goods"))]
    return _value(declaration, text) if text else None


def _value(declaration: FieldDeclaration, text: str) -> Any:
    kind = declaration.type
    if kind in ("count", "number") and _INTEGER.fullmatch(text):
        return int(text)
    if kind == "quantity":
        return _decimal(text)
    if kind == "yes_no" and text in ("true", "false"):
        return text == "true"
    if kind == "date":
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text
    if kind == "goods" and text.count(GOODS_SEPARATOR) == 2:
        quantity, unit, name = (part.strip() for part in text.split(GOODS_SEPARATOR))
        return {"name": name, "quantity": _decimal(quantity), "unit": unit}
    return text


def _decimal(text: str) -> Decimal | str:
    return Decimal(text) if _DECIMAL.fullmatch(text) else text


def _items(text: str, lines: bool = False) -> list[str]:
    """The items of a list field's text: one a line for amounts and goods, else separated by commas."""
    parts = text.splitlines() if lines else _SEPARATORS.split(text)
    return [part.strip() for part in parts if part.strip()]


def submitted(form: Form, given: Mapping[str, list[str]]) -> dict[str, str]:
    """Each field's text as the browser sent it (`f.<name>`; a list of partners as several values)."""
    texts = {}
    for item in form.fields:
        values = given.get(f"f.{item.name}", [])
        texts[item.name] = ", ".join(v for v in values if v) if item.widget == "partner" else (values[0] if values else "")
    return texts


def changes(form: Form, texts: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """The fields whose text changed, each with its text before and after (the same items in
    another order are no change: a list of partners comes back in the catalog's order)."""
    changed = {}
    for item in form.fields:
        before, after = item.value, texts.get(item.name, "").replace("\r\n", "\n").strip()
        same = sorted(_items(before)) == sorted(_items(after)) if item.many and item.widget == "partner" else before == after
        if not same:
            changed[item.name] = (before, after)
    return changed


def with_texts(form: Form, texts: Mapping[str, str]) -> Form:
    """The form showing what the person typed (after a refused save), the form it came from unchanged."""
    fields = [replace(item, value=texts.get(item.name, item.value).replace("\r\n", "\n").strip(), problems=[])
              for item in form.fields]
    return replace(form, fields=fields, problems=[])


def place_problems(form: Form, problems: list[Diagnostic], located: Located | None) -> Form:
    """Each diagnostic at its field: the field its `key` names, else the field written at its line;
    the others above the form."""
    lines = sorted((pos[0], path[0]) for path, pos in (located.key_positions.items() if located else ()) if len(path) == 1)
    for problem in problems:
        key = dict(problem.args).get("key")
        name = str(key).split(".")[0] if key is not None else _at_line(lines, problem.line)
        target = form.named(name) if name else None
        (target.problems if target is not None else form.problems).append(problem)
    return form


def _at_line(lines: list[tuple[int, Any]], line: int) -> str | None:
    """The top-level field whose lines hold `line`."""
    found = None
    for start, name in lines:
        if start > line:
            break
        found = str(name)
    return found
