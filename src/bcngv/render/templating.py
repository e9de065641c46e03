"""Templates: plain-text Jinja, sandboxed and strict, producing the Markdown subset.

Every figure a template prints goes through the ledger, so the build knows which records are
behind each number in the document. Text that comes from records is escaped, so it can never
become Markdown markup.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from bcngv.diagnostics import Diagnostic, diag
from bcngv.metrics import Figure, Selection
from bcngv.records.catalog import Catalog
from bcngv.records.models import RecordBase
from bcngv.render import vietnamese
from bcngv.render.markdown import escape


class Markdown(str):
    """Text that is already Markdown and must not be escaped again."""


@dataclass(frozen=True, slots=True)
class FigureUse:
    text: str
    figure: Figure


@dataclass(slots=True)
class Ledger:
    """The figures a template printed, in order."""

    uses: list[FigureUse] = field(default_factory=list)

    def record(self, text: str, figure: Figure) -> str:
        self.uses.append(FigureUse(text, figure))
        return text


@dataclass(slots=True)
class Renderer:
    """A sandboxed Jinja environment over one templates folder, with the Vietnamese filters."""

    templates: Path
    catalog: Catalog
    pad_counts: bool = True
    ledger: Ledger = field(default_factory=Ledger)
    env: SandboxedEnvironment = field(init=False)

    def __post_init__(self) -> None:
        self.env = SandboxedEnvironment(
            loader=jinja2.FileSystemLoader(self.templates),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            autoescape=False,
            finalize=self._finalize,
        )
        self.env.filters.update(
            count=lambda s: s.count(),
            sum=lambda s, attribute: s.sum(attribute),
            so=self.so,
            ngay=vietnamese.long_date,
            dmy=vietnamese.short_date,
            roman=vietnamese.roman,
            tell=self.tell,
            names=self.names,
            join_texts=self.join_texts,
        )

    # --- filters -----------------------------------------------------------------------------
    def so(self, value: Figure | int | Any, pad: bool | None = None) -> Markdown:
        """A count or amount as the office writes it; a Figure is recorded in the ledger."""
        pad = self.pad_counts if pad is None else pad
        raw = value.value if isinstance(value, Figure) else value
        text = vietnamese.count(raw, pad) if isinstance(raw, int) else vietnamese.number(raw)
        if isinstance(value, Figure):
            self.ledger.record(text, value)
        return Markdown(text)

    def names(self, ids: Iterable[str], sep: str = ", ") -> str:
        return sep.join(self.catalog.name(i) for i in ids)

    def tell(self, record: RecordBase) -> Markdown:
        """A record's text, with `{partners}` replaced by the partners' canonical names."""
        text = record.text.replace("{partners}", self.names(record.partners))
        return Markdown(escape(text))

    def join_texts(self, records: Selection | Iterable[RecordBase], sep: str = "; ") -> Markdown:
        return Markdown(sep.join(escape(r.text.rstrip(" .;")) for r in records))

    def _finalize(self, value: Any) -> Any:
        if isinstance(value, Markdown):
            return value
        if isinstance(value, Figure):
            return self.so(value)
        if isinstance(value, date):
            return vietnamese.short_date(value)
        if isinstance(value, str):
            return escape(value)
        return value

    # --- rendering ---------------------------------------------------------------------------
    def render(self, name: str, context: dict[str, Any]) -> tuple[str | None, list[Diagnostic]]:
        shown = f"templates/{name}"
        try:
            return self.env.get_template(name).render(context), []
        except jinja2.TemplateSyntaxError as err:
            return None, [diag("template-syntax", f"templates/{err.name or name}", err.lineno or 1, problem=err.message or "")]
        except jinja2.TemplateNotFound as err:
            return None, [diag("template-missing", shown, value=err.name)]
        except jinja2.UndefinedError as err:
            return None, [diag("template-undefined", *self._template_line(err, shown), problem=str(err))]
        except (jinja2.TemplateError, TypeError, ValueError, AttributeError, ArithmeticError) as err:
            return None, [diag("template-error", *self._template_line(err, shown), problem=str(err))]

    def render_string(self, source: str, context: dict[str, Any], shown: str) -> tuple[str | None, list[Diagnostic]]:
        try:
            return self.env.from_string(source).render(context), []
        except jinja2.TemplateError as err:
            return None, [diag("template-error", shown, problem=str(err))]

    def _template_line(self, err: BaseException, shown: str) -> tuple[str, int]:
        """Jinja rewrites tracebacks so template frames carry the template's file and line."""
        for frame in reversed(traceback.extract_tb(err.__traceback__)):
            path = Path(frame.filename)
            if path.is_relative_to(self.templates):
                return f"templates/{path.relative_to(self.templates).as_posix()}", frame.lineno or 1
        return shown, 1
