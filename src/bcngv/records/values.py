"""The values a record's field may hold beyond numbers, words and dates: a choice with the words a
report prints, an exact amount of money, goods counted in their own unit.

Each is a plain immutable value, picklable by value (the record cache and the worker processes
move records between processes), and each knows its amount and unit (`measured`), which is how
`Selection.sum` adds money per currency and goods per unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError


class Choice(str):
    """One of a field's declared values: it compares and prints as its key (`ngan_sach`), and
    carries `label`, the words a report prints ("ngân sách Nhà nước"), and `rank`, its place
    among the declared values (the order `group()` gives)."""

    label: str  # no __slots__: a subclass of str cannot have them
    rank: int

    def __new__(cls, value: str, label: str, rank: int) -> Choice:
        made = super().__new__(cls, value)
        made.label, made.rank = label, rank
        return made

    @property
    def value(self) -> str:
        """The key, as a template writes `procedure.value`."""
        return str(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Choice, (str(self), self.label, self.rank))


class Choices(Mapping[str, Choice]):
    """A choice field's declared values in order, each with its words: the marker a field's
    annotation carries (so that hints, `new` and the JSON Schema list them) and the table that
    turns a valid key into its Choice."""

    __slots__ = ("_members",)
    # one field's values are one object: compared and hashed as itself (annotations are hashed)
    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def __init__(self, words: Mapping[str, str]) -> None:
        self._members = {key: Choice(key, label, rank) for rank, (key, label) in enumerate(words.items())}

    def __getitem__(self, key: str) -> Choice:
        return self._members[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._members)

    def __len__(self) -> int:
        return len(self._members)

    def listed(self) -> str:
        """`ngan_sach (ngân sách Nhà nước), tu_tuc (…)`: the keys with the words a report prints."""
        return ", ".join(f"{key} ({member.label})" for key, member in self._members.items())


class Currency(StrEnum):
    VND = "VND"
    USD = "USD"
    LAK = "LAK"


_MONEY_TEXT = re.compile(r"\s*([0-9][0-9.,]*)\s*([A-Za-z]{3})\s*")
_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]{1,2})?")
_GROUPED = re.compile(r"[0-9]{1,3}(?:[.,][0-9]{3})+")  # 1.150.000 or 1,150: thousands, not decimals


class Money(BaseModel):
    """An exact amount in a currency; also written as text: `250000 USD`."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    amount: Annotated[Decimal, Field(ge=0, description="số tiền, không có dấu chấm phân cách")]
    currency: Currency = Field(description="đơn vị tiền: VND, USD hoặc LAK")

    @property
    def measured(self) -> tuple[Decimal, str]:
        return self.amount, self.currency.value

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return value
        match = _MONEY_TEXT.fullmatch(value) if isinstance(value, str) else None
        if match is None:
            raise PydanticCustomError("money_format", "an amount and its currency, such as 250000 USD")
        amount, currency = match.groups()
        if _GROUPED.fullmatch(amount):  # "1.150 USD" would otherwise be read as 1.15 dollars
            intended = f"{re.sub('[.,]', '', amount)} {currency.upper()}"
            raise PydanticCustomError("thousands_separator", "thousands separator", {"intended": intended})
        if not _AMOUNT.fullmatch(amount):
            raise PydanticCustomError("money_format", "an amount and its currency, such as 250000 USD")
        return {"amount": amount, "currency": currency.upper()}


class Goods(BaseModel):
    """Goods given or received, counted in their own unit: 20 bộ máy vi tính, 9.000 lít dầu."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: str = Field(description="tên hàng, ví dụ máy vi tính")
    quantity: Annotated[Decimal, Field(ge=0, description="số lượng, không có dấu chấm phân cách")]
    unit: str = Field(min_length=1, description="đơn vị, ví dụ bộ, lít")

    @property
    def measured(self) -> tuple[Decimal, str]:
        """Goods add up per unit and name ("5 tấn gạo" and "3 tấn gạo" are "8 tấn gạo"; tons of rice
        and tons of cement never add up): the unit of a sum of goods is "tấn gạo"."""
        return self.quantity, f"{self.unit} {self.name}"
