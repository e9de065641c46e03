"""What each field of a record expects, said in the office's words.

One source for the hints of `check`, the comments of `bcngv new` and the descriptions of
`bcngv schema`: the models' annotations and descriptions, read the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
import types
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal, TypeGuard, Union, get_args, get_origin

from pydantic import BaseModel

from bcngv import words
from bcngv.records.values import Money

# what a value of each type looks like: the key of its words in the catalogue
_EXPECTED: dict[object, str] = {
    bool: "expected.bool",  # before int: bool is a kind of int in Python
    int: "expected.int",
    Decimal: "expected.decimal",
    dt.date: "expected.date",
    str: "expected.text",
    Money: "expected.money",
    list: "expected.list",
    BaseModel: "expected.mapping",
}


def unwrap(annotation: Any) -> Any:
    """The type inside `Annotated[...]` and `X | None`."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            inner = [a for a in get_args(annotation) if a is not type(None)]
            if len(inner) != 1:
                return annotation
            annotation = inner[0]
        else:
            return annotation


def item_type(annotation: Any) -> Any | None:
    """The type of the items of a list annotation, or None when it is not a list."""
    annotation = unwrap(annotation)
    return unwrap(get_args(annotation)[0]) if get_origin(annotation) is list else None


def annotation_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> Any | None:
    """The annotation of the value at `loc` inside `model` (None when `loc` leads nowhere)."""
    current: Any = model
    for part in loc:
        current = unwrap(current)
        if isinstance(part, int):
            current = item_type(current)
        elif _is_model(current) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return None
        if current is None:
            return None
    return current


def model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel]:
    """The model whose field the last name of `loc` is (the record itself for a top-level field)."""
    found = unwrap(annotation_at(model, loc))
    return found if _is_model(found) else model


def _is_model(annotation: Any) -> TypeGuard[type[BaseModel]]:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def choices(annotation: Any) -> type[Enum] | None:
    """The enumeration a field takes its values from, if any (a currency; a declared choice field's
    values are the `Literal` of its annotation, with their words in the model's `choices`)."""
    found = unwrap(annotation)
    return found if isinstance(found, type) and issubclass(found, Enum) else None


def expected(annotation: Any) -> tuple[str, str]:
    """What a value of `annotation` looks like, in Vietnamese and English."""
    found = unwrap(annotation)
    enum = choices(found)
    if enum is not None:
        values = ", ".join(str(m.value) for m in enum)
        return words.in_both("expected.one_of", values=values)
    if get_origin(found) is Literal:
        return words.in_both("expected.one_of", values=", ".join(map(str, get_args(found))))
    if item_type(found) is Money:
        return words.in_both("expected.money_list")
    key = get_origin(found) or found
    for kind, text in _EXPECTED.items():
        if isinstance(key, type) and isinstance(kind, type) and issubclass(key, kind):
            return words.in_both(text)
    return words.in_both("expected.other")


def description(model: type[BaseModel], name: str) -> str:
    """The field's description, from the nearest class that gives one (a kind that only changes a
    field's default keeps the description of its base)."""
    for cls in model.__mro__:
        info = getattr(cls, "model_fields", {}).get(name)
        if info is not None and info.description:
            return info.description
    return ""
