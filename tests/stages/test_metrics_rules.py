"""The rules figures rest on, each by its name, at its boundaries (issue 19): the comparison window's
last day, a year without records is never compared with, selections of several kinds, `field()`,
rounding of ratios, the order of groups, units in arithmetic and the query language's edges."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bcngv.metrics import (
    Figure,
    Ledger,
    QueryError,
    Selection,
    arithmetic,
    change,
    difference,
    evaluate,
    ratio,
    select_compared,
    select_period,
    telling_order,
)
from bcngv.period import parse_period
from bcngv.records.catalog import Catalog
from bcngv.records.values import Choice, Currency
from bcngv.records.vocabulary import Sections
from bcngv.render.templating import Renderer

from metrics_sample import ALL, EVERYTHING, YEAR_2022, doan_ra, make, paths

JUNE = parse_period("2022-06")
MAY_RECORDS = [make(f"records/2022/05/h-{day:02d}.yaml", kind="hoi_thao", date=f"2022-05-{day:02d}", organiser="a",
                    category="tap_huan") for day in (1, 29, 30, 31)]


# --- the comparison window: cut as far into the other period as as-of cuts into this one ------------
@pytest.mark.parametrize(
    ("as_of", "last_counted"),
    [(date(2022, 6, 30), "2022-05-31"),  # as-of on the last day cuts nothing: 31/5 stays in
     (date(2022, 7, 1), "2022-05-31"), (None, "2022-05-31"),
     (date(2022, 6, 29), "2022-05-29"), (date(2022, 6, 1), "2022-05-01")],
)
def test_the_comparison_windows_last_day(as_of: date | None, last_counted: str) -> None:
    before = select_compared(MAY_RECORDS, JUNE, JUNE.previous, as_of)
    assert before.query == f"records.dates('2022-05-01', '{last_counted}')"
    assert [r.date.isoformat() for r in before][-1] == last_counted


def test_a_window_counts_its_first_and_last_day() -> None:
    may = select_period(MAY_RECORDS, parse_period("2022-05"))
    assert len(may) == 4 and may.known
    assert len(select_period(MAY_RECORDS, parse_period("2022-05"), date(2022, 5, 30))) == 3
    assert len(Selection.of(MAY_RECORDS).dates("2022-05-29", "2022-05-30")) == 2
    assert len(Selection.of(MAY_RECORDS).dates(date(2022, 5, 30))) == 2
    assert len(Selection.of(MAY_RECORDS).dates(None, "2022-05-29")) == 2


# --- a year without records is unknown, and so is every figure of it -------------------------------------
UNKEPT = select_period(EVERYTHING, parse_period("2019"))


@pytest.mark.parametrize(
    "figure",
    [UNKEPT.kind("doan_ra").count(), UNKEPT.kind("doan_ra").sum("persons"), UNKEPT.sum("persons"),
     UNKEPT.kind("doan_ra").group("funding")[0][1].count() if UNKEPT.kind("doan_ra").group("funding") else
     UNKEPT.count(), ratio(YEAR_2022.count(), UNKEPT.count()), difference(YEAR_2022.count(), UNKEPT.sum("persons")),
     change(UNKEPT.sum("persons"), YEAR_2022.count()), YEAR_2022.count() + UNKEPT.sum("persons"),
     UNKEPT.sum("persons") - YEAR_2022.count(), UNKEPT.sum("persons") * 2, UNKEPT.sum("persons") / 2,
     UNKEPT.count() / YEAR_2022.count()],
    ids=lambda f: f.query[:70],
)
def test_every_figure_of_a_year_without_records_is_unknown(figure: Figure) -> None:
    assert figure.known is False


def test_figures_of_a_kept_year_are_known_even_when_zero() -> None:
    assert YEAR_2022.kind("hai_cot").sum("persons").known and YEAR_2022.kind("hai_cot").count().known
    assert (YEAR_2022.count() * 2).known and ratio(YEAR_2022.count(), YEAR_2022.count()).known


def test_a_sum_compared_with_a_year_without_records_says_there_is_nothing_to_compare_with(repo) -> None:
    repo.write("templates/t.md.j2", "{{ now.kind('doan_ra').sum('persons') | so_sanh("
                                    "then.kind('doan_ra').sum('persons'), 'người', 'năm 2019') }}")
    out, found = Renderer(repo.root / "templates", Catalog()).render("t.md.j2", {"now": YEAR_2022, "then": UNKEPT})
    assert found == [] and out == "chưa có số liệu năm 2019 để so sánh"  # never "tăng 33 người so với năm 2019"


# --- selections of several kinds: a kind without the field neither matches, groups nor sums it ----------
MIXED = Selection.of([doan_ra(3, "2022-03-02", "ngan_sach"), doan_ra(4, "2022-04-02", "tu_tuc", plan="trong_ke_hoach"),
                      *MAY_RECORDS[:2]])


def test_where_over_several_kinds_matches_only_the_kinds_with_the_field() -> None:
    assert len(MIXED.where(funding="ngan_sach")) == 1
    assert paths(MIXED.where(plan=None)) == ["records/doan-ra-3.yaml"]  # not the conferences, which have no plan
    assert len(MIXED.where(category="tap_huan")) == 2
    assert len(MIXED.where(funding=["ngan_sach", "tu_tuc"], plan="trong_ke_hoach")) == 1


def test_group_over_several_kinds_leaves_out_the_kinds_without_the_field() -> None:
    groups = MIXED.group("plan")
    assert [(key, paths(items)) for key, items in groups] == [
        ("trong_ke_hoach", ["records/doan-ra-4.yaml"]), (None, ["records/doan-ra-3.yaml"])]
    for _, items in groups:  # each group is its query: where(plan=…) gives it again
        assert evaluate(items.count().query, MIXED).value == len(items)
    assert [key for key, _ in MIXED.group("funding")] == ["ngan_sach", "tu_tuc"]


def test_sum_over_several_kinds_adds_only_the_kinds_with_the_field() -> None:
    total = MIXED.sum("persons")
    assert (total.value, len(total.records), total.unit) == (7, 2, None)


# --- field() and topic(): the office's headings ------------------------------------------------------------
def test_field_chooses_the_records_told_under_it() -> None:
    assert len(ALL.field("dich_thuat")) == 2  # the translation tallies' own field
    assert len(ALL.field("doan_ra_doan_vao")) == 8
    assert len(ALL.field("dich_thuat", "doan_ra_doan_vao")) == 10
    assert ALL.field("dich_thuat").query == "records.field('dich_thuat')"
    with pytest.raises(ValueError, match="hop_tac"):
        ALL.field("hop_tac")


def test_topic_chooses_the_records_of_a_declared_topic() -> None:
    sections = Sections(topics={"lao": "hợp tác với Lào", "ngo": "NGO"})
    records = [doan_ra(3, "2022-03-02", "ngan_sach", topic="lao"), doan_ra(4, "2022-04-02", "tu_tuc", topic="ngo"),
               doan_ra(5, "2022-05-02", "tu_tuc")]
    chosen = Selection.of(records, sections)
    assert paths(chosen.topic("lao")) == ["records/doan-ra-3.yaml"]
    keys = [key for key, _ in chosen.group("topic")]
    assert keys == ["lao", "ngo", None] and isinstance(keys[0], Choice)
    assert [(key.label, key.rank) for key in keys[:2]] == [("hợp tác với Lào", 0), ("NGO", 1)]
    with pytest.raises(ValueError, match="'xx'"):
        chosen.topic("xx")


def test_an_undeclared_heading_comes_after_the_declared_ones_with_its_key_as_words() -> None:
    records = [doan_ra(3, "2022-03-02", "ngan_sach", field="zz_khac"), doan_ra(4, "2022-04-02", "tu_tuc")]
    keys = [key for key, _ in Selection.of(records).group("field")]
    assert keys == ["doan_ra_doan_vao", "zz_khac"] and keys[1].label == "zz_khac"
    assert keys[1].rank == len(Sections().fields)


# --- ratios and changes: two decimals, rounded half up ------------------------------------------------------
def figure(value, known: bool = True) -> Figure:
    return Figure(value, (), f"records.count() * {value}", None, known)


@pytest.mark.parametrize(
    ("part", "whole", "value"),
    [(1, 800, Decimal("0.13")), (1, 801, Decimal("0.12")), (5, 8, Decimal("62.50")), (1, 3, Decimal("33.33")),
     (2, 3, Decimal("66.67")), (3, 0, Decimal(0)), (0, 5, Decimal(0))],
)
def test_ratio_is_a_percentage_to_two_decimals_half_up(part: int, whole: int, value: Decimal) -> None:
    assert ratio(figure(part), figure(whole)).value == value


@pytest.mark.parametrize(
    ("now", "before", "moved", "percent"),
    [(21, 15, 6, Decimal("40.00")), (15, 21, -6, Decimal("-28.57")), (5, 0, 5, Decimal(0)), (7, 7, 0, Decimal(0)),
     (801, 800, 1, Decimal("0.13"))],
)
def test_difference_and_change(now: int, before: int, moved: int, percent: Decimal) -> None:
    assert difference(figure(now), figure(before)).value == moved
    assert change(figure(now), figure(before)).value == percent


def test_a_combined_figure_keeps_both_sides_records_once_in_date_order() -> None:
    a, b = YEAR_2022.kind("doan_ra").count(), YEAR_2022.kind("doan_ra").where(plan="trong_ke_hoach").count()
    both = ratio(b, a)
    assert paths(both) == sorted(paths(a), key=lambda p: [r.date for r in a.records if r.path == p][0])
    assert len(both.records) == len(a.records) and both.query == f"ratio({b.query}, {a.query})"
    assert difference(a, b).unit is None


# --- arithmetic on figures: units and queries ---------------------------------------------------------------
USD = YEAR_2022.kind("ngo").sum("committed")
LAK = YEAR_2022.kind("vien_tro").sum("amounts", unit="LAK")
COUNT = YEAR_2022.kind("ngo").count()


@pytest.mark.parametrize(
    ("made", "value", "unit", "query_tail"),
    [(USD + USD, Decimal(3160000), "USD", "+ ("), (USD - USD, 0, "USD", "- ("),
     (USD * 2, Decimal(3160000), "USD", "* 2"),
     (2 * USD, Decimal(3160000), "USD", "* 2"), (USD / COUNT, Decimal(1580000) / 3, "USD", "/ ("),
     (USD / USD, 1, None, "/ ("), (COUNT * USD, Decimal(4740000), "USD", "* ("),
     (USD / 1.5, Decimal(1580000) / Decimal("1.5"), "USD", "/ 1.5"),
     (USD / 10**9, Decimal("0.00158"), "USD", "/ 1000000000"), (COUNT * Decimal("0.5"), Decimal("1.5"), None, "* 0.5"),
     (COUNT - COUNT, 0, None, "- (")],
)
def test_arithmetic_keeps_units_and_a_query_that_computes_it_again(made: Figure, value, unit, query_tail: str) -> None:
    assert (made.value, made.unit) == (value, unit)
    assert query_tail in made.query and made.query.startswith("(records.")
    assert evaluate(made.query, EVERYTHING).value == made.value


@pytest.mark.parametrize(
    "make_it", [lambda: USD + LAK, lambda: USD + COUNT, lambda: USD * LAK, lambda: LAK / USD, lambda: COUNT - USD],
)
def test_mixing_units_is_an_error(make_it) -> None:
    with pytest.raises(ValueError, match="USD|LAK"):
        make_it()


@pytest.mark.parametrize("make_it", [lambda: COUNT + 1, lambda: COUNT - 1, lambda: COUNT * "2", lambda: COUNT * True,
                                     lambda: arithmetic("+", COUNT, 2)])
def test_a_typed_number_is_not_added_to_a_figure(make_it) -> None:
    with pytest.raises(TypeError):
        make_it()


def test_a_query_never_writes_a_number_in_scientific_notation() -> None:
    assert (COUNT * Decimal("1E+9")).query.endswith("* 1000000000")
    assert str(COUNT) == "3"


# --- telling order and groups' order -------------------------------------------------------------------------
def test_telling_order_is_order_then_date_then_file() -> None:
    records = [doan_ra(3, "2022-03-02", "ngan_sach"), doan_ra(4, "2022-01-02", "tu_tuc", order=1),
               doan_ra(5, "2022-05-02", "tu_tuc", order=-1), doan_ra(6, "2022-03-02", "tu_tuc")]
    assert [r.persons for r in Selection.of(records)] == [5, 3, 6, 4]
    assert telling_order(records[1]) == (1, date(2022, 1, 2), "records/doan-ra-4.yaml")


def test_groups_are_choices_then_numbers_then_texts_then_none() -> None:
    assert [key for key, _ in YEAR_2022.kind("doan_ra").group("persons")] == [3, 4, 5, 6, 7, 8]
    assert [key for key, _ in ALL.kind("doan_ra").group("plan")] == ["trong_ke_hoach", "ngoai_ke_hoach", None]
    assert [key for key, _ in ALL.kind("nhiem_vu").group("target")] == ["2022-08", "2023", "2023-06", "sang năm"]
    leading = ALL.kind("doan_ra").group("led_by_provincial_leader")
    assert [(key, len(s)) for key, s in leading] == [(False, 5), (True, 2)]


# --- a selection is a sequence of records ---------------------------------------------------------------------
def test_a_selection_iterates_counts_and_is_false_when_empty() -> None:
    assert len(MIXED) == 4 and bool(MIXED) and not Selection([]) and list(Selection([])) == []
    assert Selection([]).count().value == 0 and Selection([]).known


# --- the query language's edges ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "query",
    ["records.count() +", "records.kind(x).count()", "records.where(persons=abs(1)).count()", "records",
     "ratio(records.count(), records.count(), records.count())", "ratio(records.count(), records)",
     "difference(records.count(), records.count(), x=1)", "(records.count()) + (records)", "records.count() + True",
     "records.sort().count()", "other.count()", "records.count().count()", "(records) * 2"],
)
def test_a_text_that_is_not_a_figures_query_is_refused(query: str) -> None:
    with pytest.raises(QueryError):
        evaluate(query, EVERYTHING)


@pytest.mark.parametrize(
    ("query", "value"),
    [("records.kind('doan_ra').count() * 2", 14),
     ("(records.kind('doan_ra').count()) - (records.kind('doan_ra').count())", 0),
     ("change(records.kind('doan_ra').count(), records.kind('ngo').count())", Decimal("133.33")),
     ("difference(records.kind('doan_ra').count(), records.kind('ngo').count())", 4),
     ("records.kind('doan_ra').count() / 2", Decimal("3.5")), ("records.kind('doan_ra').count() * 0.5", Decimal("3.5")),
     ("records.where(persons=[3, 4]).count()", 2), ("records.kind('doan_ra').where(plan=None).count()", 1)],
)
def test_queries_are_computed_again(query: str, value) -> None:
    assert evaluate(query, EVERYTHING).value == value


@pytest.mark.parametrize(
    ("step", "message"),
    [(lambda s: s.where(date=date(2022, 1, 1)), "không dùng được"),
     (lambda s: s.where(persons=object()), "không dùng được"),
     (lambda s: s.started_in(JUNE, "2022-07-01"), "2022-07-01"), (lambda s: s.kind("doan_ra", "xx"), "'xx'"),
     (lambda s: s.sum("kind"), "không phải số")],
)
def test_a_value_a_query_cannot_write_is_an_error(step, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        step(ALL)


def test_a_query_writes_values_as_literals() -> None:
    assert ALL.where(persons=(3, 4)).query == "records.where(persons=[3, 4])"
    assert ALL.where(plan=None, persons=3).query == "records.where(persons=3, plan=None)"
    assert ALL.dates(date(2022, 1, 1), None).query == "records.dates('2022-01-01', None)"
    assert ALL.kind("doan_ra", "ngo").query == "records.kind('doan_ra', 'ngo')"
    assert ALL.kind("ngo").sum("committed", unit="USD").query == "records.kind('ngo').sum('committed', unit='USD')"


# --- the plan that holds for a target: the latest, and those before it while one adds -----------------------
def task(n: int, day: str, target: str, adds: bool = False):
    return make(f"records/nv-{n}.yaml", kind="nhiem_vu", date=day, target=target, text=f"t{n}", adds=adds)


@pytest.mark.parametrize(
    ("tasks", "told"),
    [([task(1, "2022-11-01", "2023"), task(2, "2022-12-01", "2023")], ["t2"]),
     ([task(2, "2022-12-01", "2023"), task(1, "2022-11-01", "2023")], ["t2"]),
     ([task(1, "2022-11-01", "2023"), task(2, "2022-12-01", "2023", adds=True)], ["t1", "t2"]),
     ([task(1, "2022-11-01", "2023", adds=True), task(2, "2022-12-01", "2023")], ["t2"]),
     ([task(1, "2022-11-01", "2023"), task(2, "2022-12-01", "2023-06")], ["t1", "t2"])],
)
def test_a_later_plan_replaces_an_earlier_one_unless_it_adds(tasks: list, told: list[str]) -> None:
    assert [r.text for r in Selection.of(tasks).planned_for("2023")] == told


# --- a state: the latest record of its subject ------------------------------------------------------------------
def state(n: int, day: str, subject: str, value: int):
    return make(f"records/so-lieu-{n}.yaml", kind="so_lieu", date=day, subject=subject, value=value, unit="người",
                source="Ban Chỉ đạo")


STATES = Selection.of([state(1, "2021-06-30", "kieu_bao", 11000), state(2, "2022-06-30", "kieu_bao", 12180),
                       state(3, "2022-09-30", "luu_hoc_sinh", 300), *MAY_RECORDS[:1]])


def test_a_state_is_the_value_of_the_latest_record_of_its_subject() -> None:
    latest = STATES.state("kieu_bao")
    assert (latest.value, latest.unit, latest.known) == (12180, "người", True)
    assert paths(latest) == ["records/so-lieu-2.yaml"]
    assert latest.query == "records.state('kieu_bao')" and evaluate(latest.query, STATES).value == 12180
    assert STATES.state("luu_hoc_sinh").value == 300
    with pytest.raises(ValueError, match="'hoc_bong'"):
        STATES.state("hoc_bong")


# --- the words of a query's errors -----------------------------------------------------------------------------------
def test_the_errors_name_what_is_wrong_and_what_is_allowed() -> None:
    with pytest.raises(ValueError, match=r"'xx', 'yy'; .*: danh_gia, dich_thuat, doan_ra,"):
        ALL.kind("xx", "yy")
    with pytest.raises(ValueError, match="'[+]' .* USD .* -$"):
        USD + COUNT
    with pytest.raises(ValueError, match="'[+]' .* - .* USD$"):
        COUNT + USD
    with pytest.raises(TypeError, match=r"^\+ - \* / .*'2'"):
        COUNT * "2"


def test_a_ledger_keeps_each_printed_figure_in_order() -> None:
    ledger = Ledger()
    assert ledger.record("05", COUNT) == "05" and ledger.record("07", USD) == "07"
    assert [(use.text, use.figure) for use in ledger.uses] == [("05", COUNT), ("07", USD)]


def test_an_enum_value_is_written_as_its_value_and_steps_read_back() -> None:
    assert ALL.where(funding=Currency.USD).query == "records.where(funding='USD')"
    assert Selection(MAY_RECORDS).query == "records" and Selection(MAY_RECORDS).known
    sections = Sections(topics={"lao": "Lào"})
    records = [doan_ra(3, "2022-03-02", "ngan_sach", topic="lao"), *MAY_RECORDS]
    assert Selection.of(records, sections).topic("lao").query == "records.topic('lao')"
    for query in ("records.topic('lao').count()", "records.field('doan_ra_doan_vao').count()"):
        assert evaluate(query, records, sections).value == 1


def test_texts_group_before_no_value() -> None:
    records = [doan_ra(3, "2022-03-02", "ngan_sach"), doan_ra(4, "2022-04-02", "tu_tuc", footnote="b"),
               doan_ra(5, "2022-05-02", "tu_tuc", footnote="a")]
    assert [key for key, _ in Selection.of(records).group("footnote")] == ["a", "b", None]


def test_totals_gives_one_sum_a_unit_in_the_order_the_records_give_them() -> None:
    aid = YEAR_2022.kind("vien_tro").totals("amounts")
    assert [(t.value, t.unit) for t in aid] == [(Decimal(3700000000), "LAK"), (Decimal(20000), "USD")]
    assert [(t.value, t.unit) for t in YEAR_2022.kind("doan_ra").totals("persons")] == [(33, None)]
    assert [(t.value, t.unit) for t in YEAR_2022.kind("hai_cot").totals("amounts")] == [(0, None)]
