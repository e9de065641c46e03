"""Templates: plain-text Jinja, sandboxed and strict, producing the Markdown subset.

Every figure a template prints goes through the ledger, so the build knows which records are
behind each number in the document. Text that comes from records is escaped, so it can never
become Markdown markup.

The template API
----------------

Context (set by `build`):

- `period`: the report's period: `label` ("tháng 7/2022", "quý III/2022", "9 tháng đầu năm 2022"),
  `code` ("2022-07"), `start`, `end` (the first day after the window), `last` (its last day),
  `year`, `next`, `previous`, `same_period_last_year` (periods again: `period.next.label`).
- `as_of`: the date figures are counted up to (`--as-of`), or none: "tính đến ngày {{ as_of | dmy }}".
- `records`: a Selection of the period's records up to `as_of`.
- `previous`, `last_year`: Selections of the previous period and of the same period last year, up
  to `as_of` moved back by as much ("tính đến 07/11/2022" compares with 2021 up to 07/11/2021).
- `all_records`: every record up to `as_of`; `tasks`: the `nhiem_vu` records whose `target`
  period lies inside `period.next` ("2023" for a yearly report of 2022, "2024-06" for May 2024),
  of the latest plan made by the cut-off (see `planned_for`).
- Every selection holds only the records this report tells: not those kept to other report kinds
  (`reports: [nhiem-ky]`), kept out of this one (`not_in: [thang]`), or whose `until:` day comes
  before the cut-off (`as_of`, or the period's last day).
- `office`, `report`: bcngv.yaml's office and this report kind.

Selection (every step returns a new Selection; a misspelt kind, field or attribute is an error):

- `.kind('doan_ra', ...)`, `.field('hop_tac_quoc_te', ...)`: records of these kinds or fields (a
  field is a key of bcngv.yaml's `fields:`, or of the eleven default ones when it declares none).
- `.topic('lao', ...)`: records of these topics (keys of bcngv.yaml's `topics:`).
- A Selection is in telling order: by the records' `order` (0 when not given: records without
  one keep date order, a negative order comes before them, a positive one after), then date, then file.
- `.where(funding='ngan_sach')`: records whose attribute equals the value; a list value means
  "any of" (`where(funding=['ngan_sach', 'tu_tuc'])`); a list attribute (partners, countries)
  matches when it holds the value.
- `.dates('2022-07-01', '2022-07-15')`: records dated in these days (both included).
- Activities that span time (a programme from `date` to `end`; no `end` is a one-day activity, and
  a programme still running is recorded with its planned end): `.started_in('2021-01-01',
  '2021-12-31')` keeps those that started in these days (as `dates` does), `.active_during(...)` those
  under way on at least one of them; either takes a period too (`.active_during(period)`: its start
  to its last day). `records` holds only the period's records by start date, so the programmes under
  way in the period come from every record:
  `{{ all_records.kind('ngo').active_during(period.start, period.last) | count }}`.
- `.planned_for('2023')`: the `nhiem_vu` records whose target period lies inside that period; for
  each target, the tasks dated the same day are a plan, and only the latest plan is kept (with the
  plans before it while it says `adds: true`).
- `.count()`, `.sum('persons')`: Figures. `sum` adds numbers, number properties
  (`sum('pages')`), money of one currency (`sum('committed')` is in USD; for a field mixing
  currencies, `sum('amounts', unit='LAK')`), goods of one unit and name (`sum('goods', unit='lít
  dầu')`: goods add up per unit and name, never tons of rice with tons of cement) and quantities in
  the unit their kind declares.
- `.state('nguoi_ha_tinh_o_nuoc_ngoai')`: a figure that is a state, not an event: the value of the
  latest `so_lieu` record of that subject among the selection (`all_records`: up to the cut-off),
  in its unit, traced to it: `{{ all_records.state('nguoi_ha_tinh_o_nuoc_ngoai') | uoc(word='khoảng') }}`
  → "khoảng 76.000 người". A subject with no record is an error, never a 0.
- `.group('channel')`: a list of (key, Selection) in a stable order (enum members in declaration
  order, with `key.label` the words a report prints); iterating a Selection gives its records.
  `group('field')` and `group('topic')` follow the order of bcngv.yaml's `fields:` and `topics:`
  with `key.label` their words; the records without a topic come last, under the key None.
- Filters `count` and `sum('persons')` do the same: `{{ doan_ra | count }}`.

Filters that print (each Figure printed is recorded with its text, value, query and records):

- `so`: a count or number, "05" under ten when the report kind pads counts (`so(pad=false)`).
- `tien`: exact money, "1.150.000 USD", "2.901.810.000.000 đồng" (VND is "đồng" in prose;
  `tien('đồng')` names the unit of a plain number). `tien(unit, places)`: in a unit with a scale
  word (tỷ, triệu, nghìn) the value is scaled, with `places` decimals (half up): `tien('tỷ đồng', 2)`
  → "2.901,81 tỷ đồng", `tien('triệu USD', 1)` → "1,6 triệu USD". The unit must be the figure's
  currency (its code or its word): "tỷ đồng" of a USD sum, or money of a count, is an error.
- `uoc`: a round figure with its words, "gần 1,6 triệu USD", "trên 900.000 USD", "gần 5.000";
  `uoc(digits=3)` keeps three significant digits: "trên 1.150.000 USD"; `uoc(places=2)` two
  decimals in its scale ("1,58 triệu USD"; `uoc('tỷ đồng', places=0)` in the unit's scale).
  `uoc(word='hơn')` ('trên', 'hơn', 'gần', 'khoảng') says the template's word, rounding so it stays
  true (down after trên/hơn, up after gần, half up after khoảng), left out when the figure is exact.
- Figures combine: `a + b`, `a - b`, `a / b`, `a * 2`, `s / 1000000000` are figures with both
  sides' records and a query `evaluate` reads back ("(q1) + (q2)"); + and - take figures of one
  unit (đồng and USD, or money and a count, do not add up: an error at the line).
- `ty_le(part, whole)`: "05/08 (tỷ lệ 63%)"; `phan_tram`: "63%" (`part | phan_tram(whole)`).
- `so_sanh(figure, base, noun, base_label='cùng kỳ', percent=false)`: "tăng 06 hội thảo so với
  năm 2021" (a count padded as `so` pads it; money and percentages as they are), "giảm 30% so
  với cùng kỳ", "bằng cùng kỳ"; an empty `base_label` leaves out the "so với …" part; a base
  period without any record gives "chưa có số liệu … để so sánh".
- `ngay`: "ngày 29 tháng 7 năm 2022"; `dmy`: "28/01/2022", "07/11/2022"; `roman`: "III".
- `tell` (a record's text with `{partners}` as its partners' names and `{sets}`, `{persons}`…
  as its own figures; its `short:` text instead when the report kind says `depth: summary`, or
  as `tell(short=true)` asks, falling back to `text`: `tell(short=false)` always tells `text`), `qua` (the amounts and goods of a `vien_tro` record, for a footnote: each currency's total and each good's once, recorded),
  `names` (catalog ids → names),
  `join_texts` (the texts of records joined by "; ").
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes

from bcngv import words
from bcngv.builtin import templates as builtin_templates
from bcngv.confine import Refused
from bcngv.diagnostics import Diagnostic, diag
from bcngv.metrics import Figure, Ledger, Selection, change, difference, ratio
from bcngv.records.catalog import Catalog
from bcngv.records.models import RecordBase
from bcngv.records.placeholders import PLACEHOLDER
from bcngv.records.vocabulary import Sections
from bcngv.render import vietnamese
from bcngv.render.compiled import CompiledTemplates
from bcngv.render.markdown import escape
from bcngv.render.sandbox import (
    BoundedEnvironment,
    ControlCharacter,
    LimitReached,
    refuse_control_characters,
    run,
    search_loader,
)


class Markdown(str):
    """Text that is already Markdown and must not be escaped again."""


@dataclass(slots=True)
class Renderer:
    """A sandboxed, bounded Jinja environment over the template search path (render/sandbox.py):
    the office's `templates` folder, then bcngv's `builtin` ones; with the Vietnamese filters."""

    templates: Path
    catalog: Catalog
    pad_counts: bool = True
    summaries: bool = False  # `tell` tells a record's `short:` (the report kind's `depth: summary`)
    sections: Sections = field(default_factory=Sections)  # the office's kinds, for a record's own figures
    ledger: Ledger = field(default_factory=Ledger)
    told: set[str] = field(default_factory=set)  # the files of the records told in words (`tell`, `qua`)
    builtin: Path = field(default_factory=builtin_templates)
    compiled: CompiledTemplates | None = None  # where compiled templates are kept (None: compiled every time)
    env: BoundedEnvironment = field(init=False)

    def __post_init__(self) -> None:
        self.env = BoundedEnvironment(
            loader=search_loader(self.templates.parent, self.templates, self.builtin),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            autoescape=False,
            finalize=self._finalize,
            compiled=self.compiled,
        )
        self.env.filters.update(
            count=Selection.count,
            sum=Selection.sum,
            so=self.so,
            tien=self.tien,
            uoc=self.uoc,
            ty_le=self.ty_le,
            phan_tram=self.phan_tram,
            so_sanh=self.so_sanh,
            ngay=vietnamese.long_date,
            dmy=vietnamese.short_date,
            roman=vietnamese.roman,
            tell=self.tell,
            qua=self.qua,
            names=self.names,
            join_texts=self.join_texts,
        )

    # --- filters -----------------------------------------------------------------------------
    def _print(self, value: Figure | Any, show: Callable[[Any], str]) -> Markdown:
        """Print a number; a Figure is recorded in the ledger with the text it was printed as."""
        text = show(value.value if isinstance(value, Figure) else value)
        if isinstance(value, Figure):
            self.ledger.record(text, value)
        return Markdown(text)

    def so(self, value: Figure | Any, pad: bool | None = None) -> Markdown:
        """A count or amount as the office writes it."""
        pad = self.pad_counts if pad is None else pad
        return self._print(value, lambda raw: vietnamese.count(raw, pad))

    def tien(self, value: Figure | Any, unit: str | None = None, places: int | None = None) -> Markdown:
        """Exact money: '1.150.000 USD'; in a unit with a scale word and `places` decimals:
        '2.901,81 tỷ đồng' (`tien('tỷ đồng', 2)`). The unit must be the figure's own (_unit)."""
        unit = _unit(value, unit)
        return self._print(value, lambda raw: vietnamese.money(raw, unit, places))

    def uoc(self, value: Figure | Any, unit: str | None = None, digits: int | None = None, word: str | None = None,
            places: int | None = None) -> Markdown:
        """A round figure: 'gần 1,6 triệu USD', 'trên 900.000 USD'; `digits` fixes the significant
        digits kept ('trên 1.150.000 USD' with digits=3), `places` the decimals in its scale; `word`
        is the template's own approximation ('hơn', 'khoảng', 'trên', 'gần')."""
        unit = _unit(value, unit)
        return self._print(value, lambda raw: vietnamese.approximate(raw, unit, digits, word, places))

    def ty_le(self, part: Figure, whole: Figure) -> Markdown:
        """'05/08 (tỷ lệ 63%)'; a whole of zero prints only '00/00'."""
        share = ratio(_figure(part, "ty_le"), _figure(whole, "ty_le"))
        text = f"{vietnamese.count(part.value, self.pad_counts)}/{vietnamese.count(whole.value, self.pad_counts)}"
        if whole.value:
            text += f" (tỷ lệ {vietnamese.percent(share.value)})"
        return Markdown(self.ledger.record(text, share))

    def phan_tram(self, value: Figure | Any, whole: Figure | None = None) -> Markdown:
        """`part | phan_tram(whole)` → '63%'; a number alone is taken as a percentage already."""
        if whole is not None:
            value = ratio(_figure(value, "phan_tram"), _figure(whole, "phan_tram"))
        return self._print(value, vietnamese.percent)

    def so_sanh(self, figure: Figure, base: Figure | None, noun: str | None = None, base_label: str = "cùng kỳ",
                percent: bool = False) -> Markdown:
        """'tăng 06 hội thảo so với năm 2021' (a count padded as `so` pads it), 'giảm 30% so với cùng
        kỳ', 'bằng cùng kỳ'."""
        figure = _figure(figure, "so_sanh")
        if base is None or not _figure(base, "so_sanh").known:
            return Markdown(f"chưa có số liệu {base_label or 'kỳ trước'} để so sánh")
        against = f" so với {base_label}" if base_label else ""
        moved = difference(figure, base)
        if moved.value == 0:
            return Markdown(self.ledger.record(f"bằng {base_label}" if base_label else "không thay đổi", moved))
        if percent and base.value:
            moved = change(figure, base)
            amount = vietnamese.percent(abs(moved.value))
        else:
            # a count is padded as `so` pads it ("tăng 06 hội thảo"); money keeps its digits
            shown = vietnamese.number(abs(moved.value)) if moved.unit else vietnamese.count(abs(moved.value), self.pad_counts)
            amount = shown + (f" {noun}" if noun else "")
        word = "tăng" if moved.value > 0 else "giảm"
        return Markdown(self.ledger.record(f"{word} {amount}{against}", moved))

    def names(self, ids: Iterable[str], sep: str = ", ") -> str:
        return sep.join(self.catalog.name(i) for i in ids)

    def words_of(self, record: RecordBase, short: bool | None = None) -> str:
        """The words a report tells of a record: its `short:` text in a summary (the report kind's
        depth, or `short` when the template says), else its `text` (also when it has no short one)."""
        summary = self.summaries if short is None else short
        return record.short if summary and record.short else record.text

    def tell(self, record: RecordBase, short: bool | None = None, note: str | None = None) -> Markdown:
        """A record's text (or its short text: `words_of`), with `{partners}` replaced by the partners'
        canonical names and `{persons}`, `{sets}`… by the record's own figures, printed and recorded
        like any other (and `{school_year}`… by the record's own words). `note` is the label of a
        footnote the template writes for it: its mark goes where the text says `{footnote}`, or else
        at the end of the text, before its closing full stop (as the office marks a sentence)."""
        own = cache(lambda: _own(record, self.sections))  # made only when the text prints a figure of its own
        self.told.add(record.path)
        told = self.words_of(record, short)
        mark = f"[^{note}]" if note else ""
        if mark and "{footnote}" not in told:
            body = told.rstrip()
            told = f"{body[:-1]}{{footnote}}." if body.endswith(".") else f"{body}{{footnote}}"

        def fill(name: str) -> str:
            value = getattr(record, name, None)
            if name == "footnote":
                return mark
            if name == "partners":
                return escape(self.names(record.partners))
            if isinstance(value, int | Decimal) and not isinstance(value, bool):
                return self.so(own().sum(name))
            if isinstance(value, str) and name not in ("text", "short"):
                return escape(value)
            return escape(f"{{{name}}}")

        pieces = PLACEHOLDER.split(told)  # literal text at even places, names at odd ones
        # a blank line in the text is a paragraph break: the record tells two paragraphs, not one run-on
        return Markdown("".join(fill(p) if i % 2 else escape(p, keep_edges=True, paragraphs=True)
                                for i, p in enumerate(pieces)))

    def qua(self, record: RecordBase) -> Markdown:
        """Aid or gifts as a footnote tells them: '2 tỷ 600 triệu kíp Lào, 20 bộ máy vi tính, 9.000 lít dầu'.
        The money of each currency and the goods of each unit and name are told once, as their total
        (the figure a query can give again and the ledger records), in the record's order."""
        own = _own(record, self.sections)
        self.told.add(record.path)
        # totals(): one figure a currency or a unit, in the record's order (none for an empty list)
        parts = [self._print(f, lambda raw, c=f.unit: vietnamese.amount_words(raw, c))
                 for f in own.totals("amounts") if f.unit]
        parts += [self._print(f, lambda raw, u=f.unit: escape(f"{vietnamese.number(raw)} {u}"))
                  for f in own.totals("goods") if f.unit]
        return Markdown(", ".join(parts))

    def join_texts(self, records: Selection | Iterable[RecordBase], sep: str = "; ", short: bool | None = None) -> Markdown:
        """The records told as `tell` tells each (placeholders filled, figures recorded), joined
        into one sentence: each without its closing punctuation."""
        return Markdown(sep.join(self.tell(r, short).rstrip(" .;") for r in records))

    def told_files(self) -> set[str]:
        """The files of every record the report told: in words, or behind a figure it printed."""
        return self.told | {record.path for use in self.ledger.uses for record in use.figure.records}

    def _finalize(self, value: Any) -> Any:
        if isinstance(value, Markdown):
            return refuse_control_characters(value)
        if isinstance(value, Figure):
            return self.so(value)
        if isinstance(value, date):
            return vietnamese.short_date(value)
        if isinstance(value, str):
            return escape(refuse_control_characters(value), keep_edges=True)
        return value

    # --- rendering ---------------------------------------------------------------------------
    def render(self, name: str, context: dict[str, Any]) -> tuple[str | None, list[Diagnostic]]:
        return self._bounded(lambda: self.env.get_template(name).generate(context), f"templates/{name}")

    def render_string(self, source: str, context: dict[str, Any], shown: str, line: int = 1) -> tuple[str | None, list[Diagnostic]]:
        """A line of Jinja from `shown` (bcngv.yaml's `summary:`, at `line`)."""
        return self._bounded(lambda: self.env.from_string(source).generate(context), shown, line)

    def compile_all(self, names: Iterable[str] | None, strings: Iterable[tuple[str, int]], shown: str) -> list[Diagnostic]:
        """Compile the templates `names` (None: every template the loader can list) and every line
        of Jinja in `strings`, each with its line in `shown`."""
        found: list[Diagnostic] = []
        check = self._parsed if names is None else self.env.get_template
        for name in self.env.list_templates(filter_func=lambda n: n.endswith(".j2")) if names is None else names:
            found += self._guarded(lambda name=name: check(name), f"templates/{name}")[1]
        for source, line in strings:
            found += self._guarded(lambda source=source: self.env.from_string(source), shown, line)[1]
        return found

    def _parsed(self, name: str) -> None:
        """A template parsed, its filters and tests known, as compiling it would find (without the
        cost of generating its code: `check` reads every template, a build compiles what it uses)."""
        source, filename, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
        tree = self.env.parse(source, name, filename)
        for node in tree.find_all((nodes.Filter, nodes.Test)):
            kind, known = ("filter", self.env.filters) if isinstance(node, nodes.Filter) else ("test", self.env.tests)
            if node.name not in known:  # Jinja's own words, as its compiler says them
                raise jinja2.TemplateSyntaxError(f"No {kind} named {node.name!r}.", node.lineno, name, filename)

    def _bounded(self, pieces: Callable[[], Generator[str, None, None]], shown: str, line: int = 1) -> tuple[str | None, list[Diagnostic]]:
        """Render within the limits of render/sandbox.py."""
        return self._guarded(lambda: run(pieces), shown, line)

    def _guarded(self, work: Callable[[], Any], shown: str, line: int = 1) -> tuple[Any, list[Diagnostic]]:
        """Whatever goes wrong in `work` is a diagnostic at the template's line (or at
        `shown`:`line`), never a traceback."""
        try:
            return work(), []
        except jinja2.TemplateSyntaxError as err:
            where = (self._shown_file(err.filename, err.name), err.lineno or 1) if err.name else (shown, line + (err.lineno or 1) - 1)
            return None, [diag("template-syntax", *where, problem=err.message or "")]
        except jinja2.TemplateNotFound as err:
            # the report's own template is checked with bcngv.yaml: what is missing here is included
            return None, [diag("include-missing", *self._template_line(err, shown, line), value=err.name)]
        except ControlCharacter as err:  # in the template's own text, or in a value it prints
            place = (f"templates/{err.name}", err.line, err.col) if err.name else self._template_line(err, shown, line)
            return None, [diag("control-character", *place, char=err.char)]
        except Refused as refused:  # a template that is a link out of the repository, a FIFO…
            return None, [diag(refused.code, *self._template_line(refused, shown, line), **dict(refused.args_))]
        except jinja2.UndefinedError as err:
            return None, [diag("template-undefined", *self._template_line(err, shown, line), problem=str(err))]
        except LimitReached as err:
            return None, [diag(err.code, *self._template_line(err, shown, line), limit=err.limit)]
        except Exception as err:  # noqa: BLE001 - a template from a pull request may raise anything
            return None, [diag("template-error", *self._template_line(err, shown, line), problem=_problem(err))]

    def _template_line(self, err: BaseException, shown: str, line: int = 1) -> tuple[str, int]:
        """Jinja rewrites tracebacks so template frames carry the template's file and line; a
        string template's frames are '<template>', at lines counted from `line`."""
        for frame in reversed(traceback.extract_tb(err.__traceback__)):
            path = Path(frame.filename)
            if path.is_relative_to(self.templates):
                return f"templates/{path.relative_to(self.templates).as_posix()}", frame.lineno or 1
            if path.is_relative_to(self.builtin):
                return str(path), frame.lineno or 1
            if frame.filename == "<template>":
                return shown, line + (frame.lineno or 1) - 1
        return shown, line

    def _shown_file(self, filename: str | None, name: str) -> str:
        """A template as the user sees it: the office's under templates/, a built-in one by its full
        path (the office has no such file: copied into templates/, it would override it)."""
        return filename if filename and Path(filename).is_relative_to(self.builtin) else f"templates/{name}"


def _own(record: RecordBase, sections: Sections) -> Selection:
    """The one record, as a selection whose figures can be traced to it (and recomputed)."""
    return Selection([record], sections=sections).where(path=record.path)


_MONEY_WORDS = {*vietnamese.CURRENCY_WORDS, *vietnamese.CURRENCY_WORDS.values()}  # codes and words


def _unit(value: Any, asked: str | None) -> str | None:
    """The unit a figure is printed in: the one the template asks, checked against the figure's
    currency (a unit it does not have is an error, never a number 10⁹ off), or its currency in
    the office's words ('đồng' for VND)."""
    currency = value.unit if isinstance(value, Figure) else None
    if asked is None:
        return vietnamese.CURRENCY_WORDS.get(currency, currency) if currency else None
    named = vietnamese.split_unit(asked)[2]
    if currency is not None and named not in (currency, vietnamese.CURRENCY_WORDS.get(currency)):
        raise ValueError(words.text("template.wrong_unit", unit=currency, asked=asked))
    if currency is None and isinstance(value, Figure) and named in _MONEY_WORDS:
        raise ValueError(words.text("template.wrong_unit", unit="-", asked=asked))  # a count is not money
    return asked


def _problem(err: BaseException) -> str:
    """An exception in words: its message, or its kind when it has none (a bare KeyError)."""
    return str(err) or type(err).__name__


def _figure(value: Any, name: str) -> Figure:
    """Filters that combine figures take Figures only: a typed number has no records behind it."""
    if not isinstance(value, Figure):
        raise TypeError(words.text("template.needs_figure", name=name, value=repr(value)))
    return value
