"""Figures: values computed from records, each remembering the records and the query behind it.

Templates get a `Selection` of the period's records and narrow it down (`kind`, `field`, `where`,
`dates`; for activities with an `end`, `started_in` or `active_during` a window), count it, sum a field of it or group it; the result is a `Figure`, never a bare number,
so a printed figure can always be traced back to its records.

A figure's `query` is the expression that computed it, written in the template API itself:

    records.dates('2022-01-01', '2022-07-31').kind('doan_ra').where(funding='ngan_sach').count()
    ratio(<query>, <query>)          difference(<query>, <query>)          change(<query>, <query>)
    (<query>) + (<query>)    (<query>) - (<query>)    (<query>) / (<query>)    (<query>) * 2

Every step is a filter that depends on the record alone, so `evaluate(query, records)` over any
records that include the figure's own gives the figure's value again: that is how sources.json
can be checked.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Any, NamedTuple

from bcngv import words
from bcngv.period import Period, PeriodError, parse_period
from bcngv.records.models import RecordBase
from bcngv.records.values import Choice, Currency
from bcngv.records.vocabulary import Sections, default_sections

Number = int | Decimal

_PERCENT_PLACES = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Figure:
    value: Number
    records: tuple[RecordBase, ...]
    query: str
    unit: str | None  # the currency of a sum of money, the unit of goods or of a declared quantity
    known: bool  # False when the figure's period has no record at all: its data was not kept (no default:
    # a figure that forgot it would compare with a year of no data as if it were a year of zeros)

    def __str__(self) -> str:
        return str(self.value)

    # Arithmetic gives a figure again, with both sides' records and a query `evaluate` reads back
    # ("(q1) + (q2)", "(q) / 1000000000"): a total computed in a template stays traced.
    def __add__(self, other: Figure) -> Figure:
        return arithmetic("+", self, other)

    def __sub__(self, other: Figure) -> Figure:
        return arithmetic("-", self, other)

    def __mul__(self, other: Figure | Number | float) -> Figure:
        return arithmetic("*", self, other)

    def __rmul__(self, other: Number | float) -> Figure:
        return arithmetic("*", self, other)  # scaling commutes: the query keeps the figure first

    def __truediv__(self, other: Figure | Number | float) -> Figure:
        return arithmetic("/", self, other)


class FigureUse(NamedTuple):
    """A figure as a template printed it."""

    text: str
    figure: Figure


@dataclass(slots=True)
class Ledger:
    """The figures a template printed, in order."""

    uses: list[FigureUse] = field(default_factory=list)

    def record(self, text: str, figure: Figure) -> str:
        self.uses.append(FigureUse(text, figure))
        return text


def _check_attribute(attribute: str, sections: Sections) -> None:
    """A misspelt field must fail loudly: filtering on it would silently count nothing."""
    if attribute not in sections.kinds.attributes:
        raise ValueError(words.text("query.no_field", attribute=attribute))


_CURRENCY_CODE = re.compile(r"[A-Z]{3}")


def _check_choices(given: Iterable[str], allowed: Iterable[str], problem: str) -> None:
    """`problem`: the catalogue's words for a value that is not among `allowed` (sorted only to be
    listed: every step of every template checks its names)."""
    allowed = allowed if isinstance(allowed, Collection) else list(allowed)
    wrong = [g for g in given if g not in allowed]
    if wrong:
        raise ValueError(words.text(problem, wrong=", ".join(map(repr, wrong)), allowed=", ".join(sorted(allowed))))


def _literal(value: Any) -> Any:
    """A value as it is written in a query: plain strings, numbers, booleans, None, lists."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [_literal(v) for v in value]
    if value is None or isinstance(value, str | int):
        return value
    raise ValueError(words.text("query.bad_value", value=repr(value)))


def _call(name: str, *args: Any, **kwargs: Any) -> str:
    shown = [repr(_literal(a)) for a in args] + [f"{k}={_literal(v)!r}" for k, v in sorted(kwargs.items())]
    return f"{name}({', '.join(shown)})"


_ABSENT = object()


def _values(record: RecordBase, attribute: str) -> list[Any]:
    """A field's values: the items of a list field, else the value itself; none at all when the
    record's kind has no such field, so that a selection of several kinds neither matches, groups
    nor sums it (`where(plan=None)` must not count every conference, which has no plan)."""
    value = getattr(record, attribute, _ABSENT)
    if value is _ABSENT:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _matches(values: list[Any], wanted: Any) -> bool:
    """`where(x=v)`: x equals v, or x is one of the list v; a list field matches when it holds v."""
    options = wanted if isinstance(wanted, list | tuple) else [wanted]
    return any(v == o for v in values for o in options)


def _group_order(key: Any) -> tuple[int, Any, str]:
    """Choices and the office's headings (a heading is a Choice too) in declaration order, then
    numbers, then text, then no value (a record without a topic comes last)."""
    if key is None:
        return (3, 0, "")
    if isinstance(key, Choice):
        return (0, key.rank, "")
    if isinstance(key, int | Decimal):
        return (1, key, "")
    return (2, 0, str(key))


def _inside(target: str, following: Period) -> bool:
    try:
        return following.covers(parse_period(target))
    except PeriodError:  # not a period: the records check reports it
        return False


def _current_plans(tasks: Sequence[RecordBase]) -> set[int]:
    """The ids of the tasks that hold. The tasks of one target period dated the same day are a plan;
    for each target the latest plan is told and the earlier ones are not, unless it says `adds: true`
    (any of its tasks): then the plan before it is told too, and so on back. Which plans there are
    depends on the selection: a selection cut at a report's cut-off holds the latest plan made by then.
    The tasks kept are a whole chain of plans, so the query gives them again over its own records."""
    plans: dict[str, dict[date, list[RecordBase]]] = {}
    for task in tasks:
        plans.setdefault(parse_period(task.target).code, {}).setdefault(task.date, []).append(task)  # type: ignore[attr-defined]
    kept: set[int] = set()
    for by_date in plans.values():
        for day in sorted(by_date, reverse=True):
            kept.update(id(task) for task in by_date[day])
            if not any(task.adds for task in by_date[day]):  # type: ignore[attr-defined]
                break
    return kept


def _iso(day: date | str | None) -> str | None:
    return day.isoformat() if isinstance(day, date) else day


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _window(first: Period | date | str | None, last: date | str | None) -> tuple[str | None, str | None]:
    """A window of days as a query writes it (ISO days, None for an open side). A Period stands for
    its own window, start to last day, so the query holds dates and recomputes without the period."""
    if isinstance(first, Period):
        if last is not None:  # a period already has its last day: a second one is a mistake
            raise ValueError(words.text("query.bad_value", value=repr(last)))
        return first.start.isoformat(), first.last.isoformat()
    return _iso(first), _iso(last)


def _dated(low: str | None, high: str | None) -> Callable[[RecordBase], bool]:
    """Whether a record is dated from `low` to `high` (ISO days, both included; None: open)."""
    start, stop = _day(low), _day(high)
    return lambda r: (start is None or start <= r.date) and (stop is None or r.date <= stop)


_HEADINGS = ("field", "topic")  # the attributes whose keys are the office's (bcngv.yaml)


def telling_order(record: RecordBase) -> tuple[int, date, str]:
    """The order a report tells records in: by `order` (0 when not given, so records without one
    keep their date order among themselves, and a negative order comes before them), then date,
    then file (stable across runs)."""
    return (record.order, record.date, record.path)


class Selection:
    """An ordered set of records with the query that chose them, and the office's fields and topics
    (what `.field()`, `.topic()` and `group()` check keys against and print)."""

    __slots__ = ("_records", "query", "known", "sections", "_kinds")

    def __init__(self, records: Sequence[RecordBase], query: str = "records", known: bool = True,
                 sections: Sections | None = None) -> None:
        self._records = tuple(records)
        self.query = query
        self.known = known
        self.sections = sections or default_sections()  # None: bcngv's own, made when first asked for
        self._kinds: dict[str, list[RecordBase]] | None = None  # by kind, in order: made by the first `kind`

    @classmethod
    def of(cls, records: Iterable[RecordBase], sections: Sections | None = None) -> Selection:
        """All the given records, in telling order: (order, date, path)."""
        return cls(sorted(records, key=telling_order), "records", sections=sections)

    def __iter__(self) -> Iterator[RecordBase]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __bool__(self) -> bool:
        return bool(self._records)

    def _narrow(self, keep: Callable[[RecordBase], bool], step: str) -> Selection:
        return Selection([r for r in self._records if keep(r)], f"{self.query}.{step}", self.known, self.sections)

    # --- choosing records ------------------------------------------------------------------
    def kind(self, *kinds: str) -> Selection:
        _check_choices(kinds, self.sections.kinds, "query.unknown_kind")
        step = _call("kind", *kinds)
        if len(kinds) != 1:
            return self._narrow(lambda r: r.kind in kinds, step)
        return Selection(self._by_kind().get(kinds[0], ()), f"{self.query}.{step}", self.known, self.sections)

    def _by_kind(self) -> dict[str, list[RecordBase]]:
        """The records parted by kind, in order: made once, as a template asks for kind after kind."""
        if self._kinds is None:
            self._kinds = {}
            for record in self._records:
                self._kinds.setdefault(record.kind, []).append(record)
        return self._kinds

    def field(self, *fields: str) -> Selection:
        """Records told under these fields (keys of the office's `fields:`)."""
        _check_choices(fields, self.sections.fields, "query.unknown_work_field")
        return self._narrow(lambda r: r.field in fields, _call("field", *fields))

    def topic(self, *topics: str) -> Selection:
        """Records of these topics (keys of the office's `topics:`)."""
        _check_choices(topics, self.sections.topics, "query.unknown_topic")
        return self._narrow(lambda r: r.topic in topics, _call("topic", *topics))

    def where(self, **conditions: Any) -> Selection:
        for attribute in conditions:
            _check_attribute(attribute, self.sections)
        wanted = {k: _literal(v) for k, v in conditions.items()}
        return self._narrow(lambda r: all(_matches(_values(r, k), v) for k, v in wanted.items()),
                            _call("where", **wanted))

    def dates(self, first: date | str | None = None, last: date | str | None = None) -> Selection:
        """The records dated from `first` to `last`, both included (either may be left out)."""
        low, high = _iso(first), _iso(last)
        return self._narrow(_dated(low, high), _call("dates", low, high))

    # Activities that span time (a programme from `date` to `end`): a window can ask which *started*
    # in it or which were *active* during it. A record without `end` is a one-day activity; a
    # programme still running is given its planned end (no open-ended marker: one rule, no guess).
    def started_in(self, first: Period | date | str | None = None, last: date | str | None = None) -> Selection:
        """The records whose start (`date`) lies from `first` to `last`, both included: what `dates`
        keeps, named for activities with a span. `first` may be a Period (its start to its last day)."""
        low, high = _window(first, last)
        return self._narrow(_dated(low, high), _call("started_in", low, high))

    def active_during(self, first: Period | date | str | None = None, last: date | str | None = None) -> Selection:
        """The records whose span, `date` to `end` (to `date` when there is no `end`), shares at least
        one day with `first`..`last` (both included; either may be left out). `first` may be a Period."""
        low, high = _window(first, last)
        start, stop = _day(low), _day(high)
        return self._narrow(lambda r: (start is None or start <= (r.end or r.date))
                            and (stop is None or r.date <= stop), _call("active_during", low, high))

    def planned_for(self, period: str) -> Selection:
        """The tasks (`nhiem_vu`) whose target period lies inside `period` ('2023' holds 2023-01),
        of the plan that holds for each target (_current_plans): a later plan replaces an earlier one."""
        following = parse_period(period)
        current = _current_plans([r for r in self._records if r.kind == "nhiem_vu" and _inside(r.target, following)])
        return self._narrow(lambda r: id(r) in current, _call("planned_for", following.code))

    # --- figures ---------------------------------------------------------------------------
    def count(self) -> Figure:
        return Figure(len(self._records), self._records, f"{self.query}.count()", None, self.known)

    def sum(self, attribute: str, unit: str | None = None) -> Figure:
        """The total of a number field or property, of amounts of money in one currency, or of goods
        in one unit (`unit` keeps only the amounts in that currency or the goods in that unit, for
        fields that mix them). A quantity keeps the unit its kind declares."""
        _check_attribute(attribute, self.sections)
        if unit is not None and _CURRENCY_CODE.fullmatch(unit):  # 'EUR' is a currency bcngv does not keep
            _check_choices([unit], (c.value for c in Currency), "query.unknown_currency")
        total: Number = 0
        used: list[RecordBase] = []
        units: set[str] = set()
        for record in self._records:
            part: Number = 0
            for item in _values(record, attribute):
                measured = getattr(item, "measured", None)  # money and goods: (amount, unit)
                item, of = measured if measured is not None else (item, type(record).units.get(attribute))
                if item is None or (unit is not None and of != unit):
                    continue
                if not isinstance(item, int | Decimal) or isinstance(item, bool):
                    raise ValueError(words.text("query.not_a_number", attribute=attribute))
                if of is not None:
                    units.add(of)
                part += item
            if part:
                used.append(record)
                total += part
        if len(units) > 1:
            raise ValueError(words.text("query.several_units", attribute=attribute,
                                        units=", ".join(sorted(units)), unit=min(units)))
        query = f"{self.query}.{_call('sum', attribute, **({'unit': unit} if unit else {}))}"
        return Figure(total, tuple(used), query, unit or next(iter(units), None), self.known)

    def totals(self, attribute: str) -> list[Figure]:
        """One sum a unit: money of each currency, goods of each unit and name ("20.000 bộ kit xét
        nghiệm", "8 tấn gạo"), in the order the records first give them; a plain number field, one sum."""
        _check_attribute(attribute, self.sections)
        units = dict.fromkeys(m[1] for r in self._records for i in _values(r, attribute)
                              if (m := getattr(i, "measured", None)) is not None)
        return [self.sum(attribute, unit) for unit in units] or [self.sum(attribute)]

    def state(self, subject: str) -> Figure:
        """A figure that is a state, not an event (`so_lieu`: "khoảng 76.000 người … tính đến 2022"):
        the value of the latest record of that subject among these, in its unit, traced to it. A
        subject with no record is an error: a state the office has not recorded must not print 0."""
        found = [r for r in self._records if r.kind == "so_lieu" and r.subject == subject]  # type: ignore[attr-defined]
        if not found:
            raise ValueError(words.text("query.no_state", subject=subject))
        latest = max(found, key=lambda r: (r.date, r.path))
        query = f"{self.query}.{_call('state', subject)}"
        return Figure(latest.value, (latest,), query, latest.unit, self.known)  # type: ignore[attr-defined]

    def group(self, attribute: str) -> list[tuple[Any, Selection]]:
        """The records by the value of a field, in a stable order (enums in declaration order);
        a record whose field is a list joins the group of each of its items, a record of a kind
        without the field none (each group is `where(field=key)`, which does not match it)."""
        _check_attribute(attribute, self.sections)
        groups: dict[Any, list[RecordBase]] = {}
        for record in self._records:
            for key in _values(record, attribute):
                groups.setdefault(key, []).append(record)
        if attribute in _HEADINGS:  # the office's keys, in its order, with its words
            declared = self.sections.of(attribute)
            ranks = {key: rank for rank, key in enumerate(declared)}
            groups = {(Choice(k, declared.get(k, k), ranks.get(k, len(ranks))) if k is not None else None): items
                      for k, items in groups.items()}
        return [(key, Selection(items, f"{self.query}.{_call('where', **{attribute: key})}", self.known, self.sections))
                for key, items in sorted(groups.items(), key=lambda item: _group_order(item[0]))]


def select_period(records: Sequence[RecordBase] | Selection, period: Period, as_of: date | None = None,
                  sections: Sections | None = None) -> Selection:
    """The records dated inside the period's window and not after `as_of`. A window without any
    record is marked unknown: the office did not keep its data, so it must not be compared with.
    `records` may come as `Selection.of(records)`: sorted once for the windows of several periods."""
    ordered = records if isinstance(records, Selection) else Selection.of(records, sections)
    chosen = ordered.dates(period.start, period.counted_until(as_of))
    return Selection(chosen, chosen.query, known=bool(chosen), sections=chosen.sections)


def select_compared(records: Sequence[RecordBase] | Selection, period: Period, other: Period, as_of: date | None,
                    sections: Sections | None = None) -> Selection:
    """The records of `other` (the previous period, the same period last year) cut as far into it
    as `as_of` cuts into `period`."""
    cut = period.carry(as_of, other) if as_of is not None and as_of < period.last else None
    return select_period(records, other, cut, sections)


# --- figures made of two figures ---------------------------------------------------------------
def _percent(part: Number, whole: Number) -> Decimal:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(_PERCENT_PLACES, rounding=ROUND_HALF_UP)


def _combine(name: str, value: Number, first: Figure, second: Figure, unit: str | None = None) -> Figure:
    union = {id(r): r for r in (*first.records, *second.records)}.values()
    return Figure(value, tuple(sorted(union, key=lambda r: (r.date, r.path))),
                  f"{name}({first.query}, {second.query})", unit, first.known and second.known)


def ratio(part: Figure, whole: Figure) -> Figure:
    """`part` as a percentage of `whole` (0 when `whole` is 0), to two decimals."""
    return _combine("ratio", _percent(part.value, whole.value) if whole.value else Decimal(0), part, whole)


def difference(figure: Figure, base: Figure) -> Figure:
    return _combine("difference", figure.value - base.value, figure, base, figure.unit)


def change(figure: Figure, base: Figure) -> Figure:
    """The change from `base` as a percentage of it (0 when `base` is 0), to two decimals."""
    value = _percent(figure.value - base.value, base.value) if base.value else Decimal(0)
    return _combine("change", value, figure, base)


# --- arithmetic on figures ---------------------------------------------------------------------
def _factor(value: Any) -> Number:
    """A number a figure is scaled by; a float becomes the Decimal of its shortest text, so the query
    (which writes that text) gives the same value again."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
        raise TypeError(words.text("template.needs_figure", name="+ - * /", value=repr(value)))
    return Decimal(repr(value)) if isinstance(value, float) else value


def _arithmetic_unit(operator: str, left: Figure, right: Figure | None) -> str | None:
    """The unit of the result; adding dollars to đồng (or to a count) is a mistake, never a number."""
    if right is None or (operator in "*/" and right.unit is None):
        return left.unit  # scaled, or per item: "USD per project" is still USD
    if operator == "/" and left.unit == right.unit:
        return None  # a ratio of two sums in one currency is a plain number
    if operator in "+-" and left.unit == right.unit:
        return left.unit
    if operator == "*" and left.unit is None:
        return right.unit
    raise ValueError(words.text("query.mixed_units", operation=operator, left=left.unit or "-", right=right.unit or "-"))


def arithmetic(operator: str, left: Figure, right: Figure | Number | float) -> Figure:
    """`left operator right` as a figure: + and - take two figures, * and / a figure or a number."""
    if isinstance(right, Figure):
        other, shown, unit = right.value, f"({right.query})", _arithmetic_unit(operator, left, right)
        records = {id(r): r for r in (*left.records, *right.records)}.values()
        known = left.known and right.known
    elif operator in "+-":  # a typed number added to a figure has no records behind it
        raise TypeError(words.text("template.needs_figure", name=operator, value=repr(right)))
    else:
        other = _factor(right)
        shown = str(other) if isinstance(other, int) else format(other, "f")  # never "1E+9": a query is plain text
        unit, records, known = left.unit, left.records, left.known
    if operator == "+":
        value: Number = left.value + other
    elif operator == "-":
        value = left.value - other
    elif operator == "*":
        value = left.value * other
    else:
        value = Decimal(left.value) / Decimal(other)
    return Figure(value, tuple(sorted(records, key=lambda r: (r.date, r.path))), f"({left.query}) {operator} {shown}",
                  unit, known)


_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


# --- recomputing a query -----------------------------------------------------------------------
_COMBINERS: dict[str, Callable[[Figure, Figure], Figure]] = {"ratio": ratio, "difference": difference, "change": change}
_STEPS = frozenset({"kind", "field", "topic", "where", "dates", "started_in", "active_during", "planned_for",
                    "count", "sum", "state"})


class QueryError(ValueError):
    """A text that is not a figure's query."""


def evaluate(query: str, records: Iterable[RecordBase], sections: Sections | None = None) -> Figure:
    """Compute a figure's query again over `records` (with the office's `sections`, which its
    `field`/`topic` steps name). Only the template API is understood (the text is parsed, never
    run), so a query read from a file cannot do anything else."""
    try:
        tree = ast.parse(query, mode="eval").body
    except SyntaxError as err:
        raise QueryError(query) from err
    result = _evaluate(tree, Selection.of(records, sections))
    if not isinstance(result, Figure):
        raise QueryError(query)
    return result


def _evaluate(node: ast.expr, root: Selection) -> Selection | Figure:
    if isinstance(node, ast.Name) and node.id == "records":
        return root
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _COMBINERS:
        operands = [_evaluate(a, root) for a in node.args]
        if len(operands) == 2 and not node.keywords and all(isinstance(o, Figure) for o in operands):
            return _COMBINERS[node.func.id](*operands)  # type: ignore[arg-type]
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:  # "(q1) + (q2)", "(q) / 1000"
        left = _evaluate(node.left, root)
        number = isinstance(node.right, ast.Constant) and isinstance(node.right.value, int | float) \
            and not isinstance(node.right.value, bool)
        right = node.right.value if number else _evaluate(node.right, root)  # type: ignore[union-attr]
        if isinstance(left, Figure) and not isinstance(right, Selection):
            return arithmetic(_OPERATORS[type(node.op)], left, right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _STEPS:
        target = _evaluate(node.func.value, root)
        if isinstance(target, Selection):
            try:
                args = [ast.literal_eval(a) for a in node.args]
                kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg}
            except ValueError as err:
                raise QueryError(ast.unparse(node)) from err
            return getattr(target, node.func.attr)(*args, **kwargs)
    raise QueryError(ast.unparse(node))
