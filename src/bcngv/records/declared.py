"""Record kinds declared as data: each kind, its fields (type, Vietnamese label, required, default,
the words of its choices, unit), read from YAML and made into the pydantic class that validates its
records. Validation, the JSON Schema, `bcngv new`, the query API and `stats` all read the classes
and what the declarations say, so a kind an office declares is served exactly as a built-in one.

bcngv's own kinds are `kinds/builtin.yaml` beside this module: its first document holds the fields
every record has, each document after it one kind. An office declares its kinds in `kinds/*.yaml`
of its repository, one kind a file, in the same format: a new kind, or fields added to (or changed
in) a kind already declared. A declaration's own mistakes are diagnostics at their line (exit 2,
as for bcngv.yaml), and an office's kinds are read through `confine` like every file of it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
from collections.abc import Iterator
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, create_model,
                      field_validator)
from pydantic_core import SchemaValidator, core_schema

from bcngv.confine import Refused, read_inside
from bcngv.diagnostics import Diagnostic, diag
from bcngv.records.models import RecordBase, register, registered
from bcngv.records.values import Choices, Goods, Money
from bcngv.repository import KINDS_DIR
from bcngv.sourcetext import MAX_BYTES

if TYPE_CHECKING:
    from bcngv.yamlpos import Located

BUILTIN = Path(__file__).with_name("kinds") / "builtin.yaml"

FieldType = Literal["count", "number", "quantity", "money", "text", "date", "yes_no", "choice", "partner", "goods"]
_NUMERIC = ("count", "number", "quantity")
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Words = Annotated[str, StringConstraints(min_length=1, max_length=500, strip_whitespace=True)]
_MAX_FIELDS = 200  # a kind with more fields is a mistake (and each costs the validator time)
_MAX_KINDS = 200


class _Strict(BaseModel):
    # defer_build: bcngv's own declarations are taken as written; only an office's are validated
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class FieldDeclaration(_Strict):
    """One field of a kind. Every key may be left out where a field of the same name is already
    declared (a common field, or the kind an office extends): only the keys given change."""

    type: FieldType | None = None
    label: Words | None = None
    help: Words | None = None
    required: bool = False
    many: bool = Field(False, alias="list")  # `list: true`: a list of such values
    default: Any = None
    choices: dict[Key, Words] | None = Field(None, max_length=200)
    unit: Words | None = None
    min: int | None = None
    max: int | None = None
    pattern: Annotated[str, StringConstraints(max_length=200)] | None = None
    measure: bool = False
    total_of: list[Key] | None = None
    usual: tuple[int, int] | None = None  # [least, most] a record usually says: outside, a warning

    @field_validator("usual")
    @classmethod
    def _ordered(cls, usual: tuple[int, int] | None) -> tuple[int, int] | None:
        if usual is not None and usual[0] > usual[1]:
            raise ValueError("usual: [least, most]")
        return usual


class KindDeclaration(_Strict):
    kind: Key
    label: Words | None = None  # required of a new kind; an office extending one may keep its label
    fields: dict[Key, FieldDeclaration] = Field(default_factory=dict, max_length=_MAX_FIELDS)


@dataclass(frozen=True, eq=False)
class Kinds(Mapping[str, type[RecordBase]]):
    """The record kinds of an office, in the order they are declared (bcngv's, then its own). A
    kind's class is made the first time it is asked for: a run that takes every record from the
    cache never pays for making the classes of kinds it does not validate."""

    common: dict[str, FieldDeclaration]  # the fields every record has
    fields: dict[str, dict[str, FieldDeclaration]]  # each kind's fields, the common ones first
    labels: dict[str, str]
    fingerprint: str
    sources: tuple[tuple[str, bytes], ...]  # the office's declaration files: what a worker rebuilds from
    _classes: dict[str, type[RecordBase]] = dc_field(default_factory=dict)
    # one set of kinds is one object: compared and hashed as itself
    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def __contains__(self, kind: object) -> bool:
        return kind in self.fields

    def __iter__(self) -> Iterator[str]:
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    def __getitem__(self, kind: str) -> type[RecordBase]:
        made = self._classes.get(kind)
        if made is None:
            made = self._classes[kind] = _model(kind, self.fields[kind], self._base)
        return made

    @cached_property
    def _base(self) -> type[RecordBase]:
        return _common_model(self.common, self.fingerprint)

    @cached_property
    def attributes(self) -> frozenset[str]:
        """Every field and property a query may name, of any kind."""
        # bcngv's own (`path`), not pydantic's machinery (`model_fields_set`, `model_extra`)
        properties = {n for n, v in vars(RecordBase).items() if isinstance(v, property)}
        return frozenset({"kind", *properties, *(name for fields in self.fields.values() for name in fields)})

    @cached_property
    def references(self) -> frozenset[str]:
        """Every field that holds catalog ids, of any kind."""
        return frozenset(name for fields in self.fields.values() for name, f in fields.items() if f.type == "partner")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuilt, (self.sources,))

    def kept(self) -> tuple[Any, ...]:
        """The kinds as made, for a run that finds the same declarations (config.py) to take as they
        are, through `restored`, without reading them again."""
        return (self.common, self.fields, self.labels, self.fingerprint, self.sources)


def restored(common: dict[str, FieldDeclaration], fields: dict[str, dict[str, FieldDeclaration]],
             labels: dict[str, str], fingerprint: str, sources: tuple[tuple[str, bytes], ...]) -> Kinds:
    """Kinds kept by `Kinds.kept`: those this process made of the same declarations if any, so that
    no class is made twice."""
    known = registered(fingerprint)
    if isinstance(known, Kinds):
        return known
    kinds = Kinds(common, fields, labels, fingerprint, sources)
    register(fingerprint, kinds)
    return kinds


def builtin_kinds() -> Kinds:
    """bcngv's own kinds, those of an office that declares none."""
    return _rebuilt(())


def load_kinds(root: Path) -> tuple[Kinds, list[Diagnostic]]:
    """bcngv's kinds and the office's own from `kinds/*.yaml`, or bcngv's alone with the
    diagnostics of the office's declarations when any is wrong."""
    paths = declaration_files(root)
    if paths is None:
        return builtin_kinds(), []
    sources: list[tuple[str, bytes]] = []
    found: list[Diagnostic] = []
    for path in paths:
        shown = f"{KINDS_DIR}/{path.name}"
        try:
            sources.append((shown, read_inside(root, path, MAX_BYTES)))
        except Refused as refused:
            found.append(refused.diagnostic(shown))
    kinds, problems = _made(tuple(sources))
    found += problems
    return (kinds, []) if not found else (builtin_kinds(), found)


def declaration_files(root: Path) -> list[Path] | None:
    """The office's declaration files, or None when it has no folder of them (a link is none)."""
    folder = root / KINDS_DIR
    if not folder.is_dir() or folder.is_symlink():
        return None
    return sorted(folder.glob("*.yaml"))[:_MAX_KINDS]


@cache  # bcngv's own file does not change under a running process
def builtin_source() -> tuple[str, bytes]:
    """bcngv's own declarations, as what the kinds are made of besides the office's (config.py)."""
    return f"bcngv:{BUILTIN.name}", BUILTIN.read_bytes()


def _rebuilt(sources: tuple[tuple[str, bytes], ...]) -> Kinds:
    """The kinds made from declarations already checked (in a worker process, or again)."""
    return _made(sources)[0]


@lru_cache(maxsize=16)  # the same declarations give the same kinds: read bcngv.yaml again, or a worker, reuse them
def _made(sources: tuple[tuple[str, bytes], ...]) -> tuple[Kinds, list[Diagnostic]]:
    return _make(sources)


@cache
def _builtin_documents() -> tuple[bytes, list[Any]]:
    import yaml

    data = builtin_source()[1]
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # bcngv's own file: trusted, read fast
    return data, list(yaml.load_all(data, Loader=loader))


def _trusted(fields: dict[str, Any]) -> dict[str, FieldDeclaration]:
    """bcngv's own fields, taken as written (tests/records/test_declared.py validates the file as an
    office's): validating them at every start would cost more than the rest of the declarations."""
    return {name: FieldDeclaration.model_construct(**field) for name, field in fields.items()}


def _make(sources: tuple[tuple[str, bytes], ...]) -> tuple[Kinds, list[Diagnostic]]:
    from bcngv.yamlpos import parse_yaml_bytes

    data, documents = _builtin_documents()
    digest = hashlib.blake2b(data, digest_size=12)
    common = _trusted(documents[0]["common"])
    declared = {d["kind"]: KindDeclaration.model_construct(kind=d["kind"], label=d["label"], fields=_trusted(d["fields"]))
                for d in documents[1:]}
    found: list[Diagnostic] = []
    places: dict[str, tuple[str, Located]] = {}
    for shown, text in sources:
        digest.update(b"\0" + shown.encode() + b"\0" + text)
        located, problems = parse_yaml_bytes(text, shown)
        found += problems
        if located is None:
            continue
        kind, problems = _read(located, shown, declared, places)
        found += problems
        if kind is not None:
            places[kind.kind] = (shown, located)
            declared[kind.kind] = _extended(declared.get(kind.kind), kind)
    fingerprint = digest.hexdigest()
    kinds = Kinds(common, {}, {}, fingerprint, sources)
    for name, kind in declared.items():
        kinds.fields[name] = {**common, **{k: _merged(common.get(k), v) for k, v in kind.fields.items()}}
        kinds.labels[name] = kind.label or name
        if name in places:  # an office's declaration: checked, and its class made now, where it can fail
            problems = _field_problems(kinds.fields[name], *places[name]) or _made_now(kinds, name, *places[name])
            if problems:
                found += problems
                del kinds.fields[name], kinds.labels[name]
    register(fingerprint, kinds)
    return kinds, found


def _made_now(kinds: Kinds, name: str, shown: str, located: Located) -> list[Diagnostic]:
    """Make an office kind's class; what pydantic refuses is said at the kind, never a traceback."""
    try:
        kinds[name]
    except Exception as err:  # noqa: BLE001 - a declaration from a pull request may be refused in any way
        line, col = located.position(("kind",))
        return [diag("kind-invalid", shown, line, col, key=name, value=str(err).splitlines()[0][:80])]
    return []


def _read(located: Located, shown: str, declared: dict[str, KindDeclaration],
          places: dict[str, tuple[str, Located]]) -> tuple[KindDeclaration | None, list[Diagnostic]]:
    try:
        kind = KindDeclaration.model_validate(located.value)
    except ValidationError as err:
        return None, [_diagnostic(e, located, shown) for e in err.errors()]
    if kind.kind in places:  # two files of the office declare one kind: which one holds is unclear
        line, col = located.position(("kind",))
        return None, [diag("kind-twice", shown, line, col, kind=kind.kind, other=places[kind.kind][0])]
    if kind.label is None and kind.kind not in declared:
        line, col = located.position(("kind",))
        return None, [diag("kind-incomplete", shown, line, col, key=kind.kind, missing="label")]
    return kind, []


def _diagnostic(error: Any, located: Located, shown: str) -> Diagnostic:
    loc = tuple(error["loc"])
    key = ".".join(map(str, loc)) or "kind"
    if error["type"] == "extra_forbidden":
        line, col = located.position(loc, key=True)
        allowed = list((FieldDeclaration if "fields" in loc[:-1] else KindDeclaration).model_fields)
        close = tuple(difflib.get_close_matches(str(loc[-1]), allowed, n=2, cutoff=0.6))
        return diag("kind-unknown-key", shown, line, col, key=key, keys=", ".join(allowed), close=close)
    line, col = located.position(loc if error["type"] != "missing" else loc[:-1])
    return diag("kind-invalid", shown, line, col, key=key, value=str(error.get("input", ""))[:80])


def _merged(base: FieldDeclaration | None, change: FieldDeclaration) -> FieldDeclaration:
    return change if base is None else base.model_copy(update=change.model_dump(exclude_unset=True))


def _extended(base: KindDeclaration | None, change: KindDeclaration) -> KindDeclaration:
    """An office's declaration of a kind already declared adds fields to it, or changes them."""
    if base is None:
        return change
    fields = {**base.fields, **{k: _merged(base.fields.get(k), v) for k, v in change.fields.items()}}
    return KindDeclaration(kind=base.kind, label=change.label or base.label, fields=fields)


_RESERVED = frozenset(dir(RecordBase)) | {"kind"}


def _field_problems(fields: dict[str, FieldDeclaration], shown: str, located: Located) -> list[Diagnostic]:
    """What pydantic cannot check alone: each field complete, its keys fitting its type."""
    found = []
    for name, field in fields.items():
        where = ("fields", name)
        line, col = located.position(where, key=True)
        if name in _RESERVED:
            found.append(diag("kind-reserved-name", shown, line, col, key=name))
            continue
        missing = [k for k in ("type", "label") if getattr(field, k) is None]
        if missing:
            found.append(diag("kind-incomplete", shown, line, col, key=name, missing=", ".join(missing)))
            continue
        misplaced = _misplaced(field)
        if misplaced:
            line, col = located.position((*where, misplaced), key=True)
            found.append(diag("kind-key-misplaced", shown, line, col, key=f"{name}.{misplaced}", type=field.type))
            continue
        wrong = [p for p in field.total_of or () if p not in fields or fields[p].type not in _NUMERIC]
        if wrong:
            line, col = located.position((*where, "total_of"))
            found.append(diag("kind-bad-total", shown, line, col, key=name, value=", ".join(wrong)))
        if "default" in field.model_fields_set and not _fits(field, field.default):
            line, col = located.position((*where, "default"))
            found.append(diag("kind-bad-default", shown, line, col, key=name, value=str(field.default)[:80]))
        if field.pattern is not None and not _compiles(field.pattern):
            line, col = located.position((*where, "pattern"))
            found.append(diag("kind-bad-pattern", shown, line, col, key=name, value=field.pattern))
    return found


# the keys that only some types take
_ONLY_FOR: dict[str, tuple[str, ...]] = {
    "choices": ("choice",), "unit": ("quantity",), "min": ("count", "number"), "max": ("count", "number"),
    "pattern": ("text",), "total_of": _NUMERIC, "measure": (*_NUMERIC, "money", "goods"),
    "usual": _NUMERIC,
}


def _misplaced(field: FieldDeclaration) -> str | None:
    """A key the field's type does not take (a unit on a date), or a choice without its choices."""
    for key, types in _ONLY_FOR.items():
        if key in field.model_fields_set and getattr(field, key) not in (None, False) and field.type not in types:
            return key
    return "choices" if field.type == "choice" and not field.choices else None


def _fits(field: FieldDeclaration, value: Any) -> bool:
    """Whether a default is a value of the field: a list's default is the empty list."""
    if field.many:
        return value == []
    if value is None:
        return not field.required
    checks: dict[str, Any] = {
        "count": lambda v: type(v) is int and v >= 0,
        "number": lambda v: type(v) is int and (field.min is None or v >= field.min) and (field.max is None or v <= field.max),
        "quantity": lambda v: type(v) in (int, float) and v >= 0,
        "text": lambda v: isinstance(v, str),
        "yes_no": lambda v: isinstance(v, bool),
        "date": lambda v: isinstance(v, dt.date),
        "choice": lambda v: v in (field.choices or {}),
        "partner": lambda v: isinstance(v, str),
    }
    return field.type in checks and checks[field.type](value)


def _compiles(pattern: str) -> bool:
    """A pattern pydantic can use: its Rust engine runs in linear time and refuses what Python's
    would backtrack on (look-arounds, back-references)."""
    try:
        SchemaValidator(core_schema.str_schema(pattern=pattern))
    except Exception:  # noqa: BLE001 - a pattern from a pull request: any failure means "cannot use it"
        return False
    return True


def _annotation(field: FieldDeclaration, choices: Choices | None) -> Any:
    """The Python type a field's values take, with its bounds."""
    match field.type:
        case "count":
            inner: Any = Annotated[int, Field(ge=0)]
        case "number":
            inner = Annotated[int, Field(strict=True, ge=field.min, le=field.max)]
        case "quantity":
            inner = Annotated[Decimal, Field(ge=0)]
        case "money":
            inner = Money
        case "goods":
            inner = Goods
        case "date":
            inner = dt.date
        case "yes_no":
            inner = bool
        case "choice":
            choices = choices or Choices(field.choices or {})  # (a common field: made here)
            inner = Annotated[Literal[tuple(choices)], AfterValidator(choices.__getitem__), choices]  # type: ignore[misc]
        case _:  # text, partner (a catalog id, checked against the catalog by validate.check_partners)
            constraints = {"min_length": 1} if field.required and not field.many else {}
            inner = Annotated[str, StringConstraints(pattern=field.pattern, **constraints)]  # type: ignore[call-overload]
    return list[inner] if field.many else inner


def _model(kind: str, fields: dict[str, FieldDeclaration], base: type[RecordBase]) -> type[RecordBase]:
    """The kind's class: the fields every record has come from `base` (made once), the kind's own
    and those it changes are declared here (making each field costs: most are common)."""
    own = {name: field for name, field in fields.items() if base.declared.get(name) is not field}
    choices = {n: Choices(f.choices) for n, f in fields.items() if f.type == "choice" and f.choices}
    model = create_model(kind, __base__=base, __module__=__name__, kind=(Literal[kind], ...),
                         **_definitions(own, choices))
    model.declared = fields
    model.totals = {n: tuple(f.total_of) for n, f in fields.items() if f.total_of}
    model.units = {n: f.unit for n, f in fields.items() if f.unit}
    model.references = tuple(n for n, f in fields.items() if f.type == "partner")
    model.choices = choices
    model.measures = tuple(n for n, f in fields.items() if f.measure)
    return model


def _common_model(common: dict[str, FieldDeclaration], fingerprint: str) -> type[RecordBase]:
    """The fields every record has, whatever its kind: the base of every kind's class."""
    # `kind` first, as every record starts (each kind narrows it to its own name)
    model = create_model("record", __base__=RecordBase, __module__=__name__, kind=(str, ...), **_definitions(common, {}))
    model.fingerprint, model.declared = fingerprint, common
    return model


def _definitions(fields: dict[str, FieldDeclaration], choices: dict[str, Choices]) -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    for name, field in fields.items():
        annotation = _annotation(field, choices.get(name))
        about = field.label if field.help is None else f"{field.label}. {field.help}"
        extra = {"enumDescriptions": list((field.choices or {}).values())} if field.type == "choice" else None
        if field.required:
            definitions[name] = (annotation, Field(description=about, json_schema_extra=extra))
        elif field.many:
            definitions[name] = (annotation, Field(default_factory=list, description=about))
        else:
            default = _default(field)
            if default is None:
                annotation = annotation | None
            # a choice's default is its key, made a Choice by the field's own validator
            definitions[name] = (annotation, Field(default, description=about, json_schema_extra=extra,
                                                   validate_default=field.type == "choice"))
    return definitions


def _default(field: FieldDeclaration) -> Any:
    """An optional field's value when a record leaves it out, as a valid record would hold it."""
    if "default" not in field.model_fields_set:
        return False if field.type == "yes_no" else None
    if field.type == "quantity" and field.default is not None:
        return Decimal(str(field.default))
    return field.default
