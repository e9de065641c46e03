"""Diagnostics: data problems as values, collected from every stage and reported together."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from bcngv import words
from bcngv.repository import CONFIG_FILE


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place. Message and hint come from the catalogue in `words`,
    so the same diagnostic can be shown in Vietnamese or English."""

    code: str
    path: str
    line: int
    col: int
    args: tuple[tuple[str, object], ...] = field(default=())

    def __reduce__(self) -> tuple[type[Diagnostic], tuple[object, ...]]:
        # the fields as the constructor's arguments: a frozen slotted dataclass's own pickling sets
        # them one by one through object.__setattr__, the most of loading a cache's diagnostics
        return Diagnostic, (self.code, self.path, self.line, self.col, self.args)

    @property
    def severity(self) -> Severity:
        return Severity(words.severity(self.code))

    @property
    def message(self) -> str:
        return words.message(self.code, dict(self.args))

    @property
    def hint(self) -> str:
        return words.hint(self.code, dict(self.args))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def is_usage(self) -> bool:
        """A problem of the command line, of the configuration or of the machine, not of the data:
        its code says so, and every problem of bcngv.yaml is one of configuration, except what its
        `summary:` line does when it runs (a template's problem, the data's like any template's)."""
        return words.is_usage(self.code) or self.on_command_line or (self.path == CONFIG_FILE and not self.is_rendering)

    @property
    def is_rendering(self) -> bool:
        """Made while a template or a `summary:` line ran: the data's problem, wherever the line is."""
        return self.code.startswith("template-") and not words.is_usage(self.code)

    @property
    def on_command_line(self) -> bool:
        """Placed on an option (`--period`) or an argument (`KIND`, `TEXT`), not in a file."""
        return self.path.startswith("--") or (self.path.isupper() and self.path.isalpha())

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)


def diag(code: str, path: str, line: int = 1, col: int = 1, **args: object) -> Diagnostic:
    """Make a diagnostic; `args` fill the placeholders of the code's message and hint."""
    # an unknown code or a missing argument is a programming error: fail loudly here, in the caller's test
    words.check_arguments(code, args)
    return Diagnostic(code, path, max(line, 1), max(col, 1), tuple(sorted((k, _frozen(v)) for k, v in args.items())))


def _frozen(value: object) -> object:
    """An argument as a diagnostic keeps it: a value read from a file may be a mapping or a list
    (`kind: {a: b}`), and diagnostics are compared and deduplicated, so they must hash."""
    try:
        hash(value)
    except TypeError:
        return str(value)
    return value


def has_errors(diagnostics: Iterable[Diagnostic], strict: bool = False) -> bool:
    """True when any diagnostic must stop a build (warnings too under --strict)."""
    return any(d.is_error or strict for d in diagnostics)


EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def exit_code(diagnostics: Iterable[Diagnostic], strict: bool = False) -> int:
    """The one rule for a run's exit code: 2 for any error of usage or configuration (or of the
    machine), else 1 for any error of the data (or any warning under --strict), else 0."""
    found = list(diagnostics)
    if any(d.is_error and d.is_usage for d in found):
        return EXIT_USAGE
    return EXIT_DATA if has_errors(found, strict) else EXIT_OK


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diagnostics), key=Diagnostic.sort_key)
