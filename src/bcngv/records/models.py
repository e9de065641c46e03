"""What every record is, whatever its kind: a pydantic model made from the kind's declaration
(records/declared.py), built on `RecordBase`.

The record classes are made at run time, so pickle cannot find them by name: a record pickles as
the name of its kind's declarations (their fingerprint), its kind and its values, and is rebuilt
from the class those declarations made in this process (`made`). The record cache and the worker
processes only ever unpickle records after making the same declarations' classes.
"""

# no `from __future__ import annotations`: pydantic would evaluate RecordBase's annotations, written
# as text, again for each of the kinds' classes (a third of the time of making them)
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict, PrivateAttr, model_validator

from bcngv.records.values import Choices

# fingerprint of a set of declarations → kind → its class: how a pickled record finds its class again
_MADE: dict[str, Mapping[str, type["RecordBase"]]] = {}


class _Declared:
    """What the declarations say beyond the fields, set on each made class. Not annotated where the
    code runs: pydantic reads every annotation of a model's bases again for each class made."""

    if TYPE_CHECKING:
        fingerprint: ClassVar[str]
        declared: ClassVar[dict[str, Any]]  # each field's declaration (records/declared.FieldDeclaration)
        totals: ClassVar[dict[str, tuple[str, ...]]]  # a stated total → the fields it must equal
        units: ClassVar[dict[str, str]]  # a quantity field → its declared unit
        references: ClassVar[tuple[str, ...]]  # the fields holding catalog ids
        choices: ClassVar[dict[str, Choices]]  # a choice field → its declared values and words
        measures: ClassVar[tuple[str, ...]]  # the fields a report adds up (`measure: true`)
    else:
        fingerprint, declared, totals, units, references, choices, measures = "", {}, {}, {}, (), {}, ()


class RecordBase(BaseModel, _Declared):
    """The behaviour every record shares; its fields all come from the declarations."""

    # `target: 2023` is a year to the office, not a number: text fields take numbers as text.
    # defer_build: a run that takes every record from the cache never builds a validator
    # protected_namespaces: a field that may shadow a method of pydantic's is refused by name
    # (declared._RESERVED); pydantic's own check of every field of every class costs a tenth of making it
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True, defer_build=True,
                              protected_namespaces=())

    _path: str = PrivateAttr("")

    @property
    def path(self) -> str:
        """The file the record came from, relative to the repository root."""
        # read where pydantic keeps it, not through its __getattr__ (a report sorts and tells by path
        # thousands of times: 20× slower that way)
        return self.__pydantic_private__["_path"]  # type: ignore[index]

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        # pydantic would set each record's private attributes in a post-init step that every class
        # between the kind and RecordBase wraps again (three Python calls a record): `_settle` does it
        cls.__pydantic_post_init__ = None

    @model_validator(mode="after")
    def _settle(self) -> "RecordBase":
        object.__setattr__(self, "__pydantic_private__", {"_path": ""})  # the path, placed by validate_record
        if self.end is not None and self.end < self.date:  # type: ignore[attr-defined]
            raise ValueError("end-before-start")
        for total, parts in self.totals.items():  # a total not stated is the sum of its parts
            if getattr(self, total) is None:
                self.__dict__[total] = sum(getattr(self, part) or 0 for part in parts)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (made, (self.fingerprint, self.kind), self.__getstate__())  # type: ignore[attr-defined]


def register(fingerprint: str, classes: Mapping[str, type[RecordBase]]) -> None:
    _MADE[fingerprint] = classes


def registered(fingerprint: str) -> Mapping[str, type[RecordBase]] | None:
    return _MADE.get(fingerprint)


def made(fingerprint: str, kind: str) -> RecordBase:
    """An empty record of a class made in this process, for pickle to fill in."""
    cls = _MADE[fingerprint][kind]
    return cls.__new__(cls)
