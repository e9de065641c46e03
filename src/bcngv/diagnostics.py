"""Diagnostics: data problems as values, collected from every stage and reported together."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from bcngv import messages


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place. Message and hint come from the catalogue in `messages`,
    so the same diagnostic can be shown in Vietnamese or English."""

    code: str
    path: str
    line: int
    col: int
    args: tuple[tuple[str, object], ...] = field(default=())

    @property
    def severity(self) -> Severity:
        return Severity(messages.severity(self.code))

    @property
    def message(self) -> str:
        return messages.message(self.code, dict(self.args))

    @property
    def hint(self) -> str:
        return messages.hint(self.code, dict(self.args))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)


def diag(code: str, path: str, line: int = 1, col: int = 1, **args: object) -> Diagnostic:
    """Make a diagnostic; `args` fill the placeholders of the code's message and hint."""
    messages.severity(code)  # an unknown code is a programming error: fail loudly in tests
    return Diagnostic(code, path, max(line, 1), max(col, 1), tuple(sorted(args.items())))


def has_errors(diagnostics: Iterable[Diagnostic], strict: bool = False) -> bool:
    """True when any diagnostic must stop a build (warnings too under --strict)."""
    return any(d.is_error or strict for d in diagnostics)


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diagnostics), key=Diagnostic.sort_key)
