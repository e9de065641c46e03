"""The query API: figures computed from records, each with the records and the query behind it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bcngv.metrics import (
    Figure,
    QueryError,
    Selection,
    change,
    difference,
    evaluate,
    ratio,
    select_compared,
    select_period,
)
from bcngv.period import parse_period

from metrics_sample import ALL, EVERYTHING, PAGES, YEAR_2022, doan_ra, paths


@pytest.mark.parametrize(
    ("figure", "value"),
    [
        (YEAR_2022.kind("hoi_thao").count(), 21),
        (YEAR_2022.kind("doan_ra").count(), 6),  # the delegation of 20/11 is after the as-of date
        (YEAR_2022.kind("doan_ra").sum("persons"), 33),
        (YEAR_2022.kind("doan_ra").where(funding="ngan_sach").count(), 3),
        (YEAR_2022.kind("doan_ra").where(funding=["ngan_sach", "tu_tuc"]).count(), 4),
        (YEAR_2022.kind("doan_ra").where(led_by_provincial_leader=True).count(), 2),
        (YEAR_2022.kind("doan_ra").where(countries="lao").count(), 2),
        (YEAR_2022.kind("doan_ra").where(plan="trong_ke_hoach").count(), 5),
        (YEAR_2022.field("doan_ra_doan_vao").kind("doan_ra", "ke_hoach_doan_ra").count(), 7),
        (YEAR_2022.kind("ke_hoach_doan_ra").sum("delegations"), 8),
        (YEAR_2022.kind("ngo").where(action="du_an").sum("committed"), Decimal(1580000)),
        (YEAR_2022.kind("ngo").sum("disbursed"), Decimal(912000)),
        (YEAR_2022.kind("vien_tro").sum("amounts", unit="LAK"), Decimal(3700000000)),
        (YEAR_2022.dates("2022-06-01", "2022-06-30").kind("ngo").count(), 2),
        (Selection.of(PAGES).dates("2024-05-01", "2024-05-31").sum("pages"), 886),
        (ALL.kind("dich_thuat").sum("pages"), 886 + 613),
    ],
)
def test_figures_from_records(figure: Figure, value) -> None:
    assert figure.value == value


def test_a_figure_remembers_its_records_and_a_sum_only_those_that_add_to_it() -> None:
    counted = YEAR_2022.kind("ngo").count()
    assert paths(counted) == ["records/2022/ngo-1.yaml", "records/2022/ngo-2.yaml", "records/2022/ngo-3.yaml"]
    committed = YEAR_2022.kind("ngo").sum("committed")
    assert (committed.unit, paths(committed)) == ("USD", ["records/2022/ngo-1.yaml", "records/2022/ngo-2.yaml"])
    assert committed.query == "records.dates('2022-01-01', '2022-11-07').kind('ngo').sum('committed')"


def test_money_in_several_currencies_is_not_added_up() -> None:
    with pytest.raises(ValueError, match="LAK, USD"):
        YEAR_2022.kind("vien_tro").sum("amounts")
    assert YEAR_2022.kind("vien_tro").sum("amounts", unit="USD").value == 20000


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (lambda s: s.kind("doan_raa"), "loại hồ sơ 'doan_raa'"),
        (lambda s: s.field("hop_tac"), "lĩnh vực 'hop_tac'"),
        (lambda s: s.where(led_by_provincial=True), "'led_by_provincial'"),
        (lambda s: s.sum("perons"), "'perons'"),
        (lambda s: s.group("fundin"), "'fundin'"),
        (lambda s: s.sum("text"), "không phải số"),
        (lambda s: s.sum("amounts", unit="EUR"), "loại tiền 'EUR'"),
        (lambda s: s.where(persons=2.5), "không dùng được"),
        (lambda s: s.group("model_fields_set"), "'model_fields_set'"),  # pydantic's, not a field of a record
    ],
)
def test_a_misspelt_name_is_an_error_not_a_silent_zero(step, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        step(YEAR_2022)


def test_groups_come_in_declaration_order_with_labels() -> None:
    groups = YEAR_2022.kind("doan_ra").group("funding")
    assert [(key, key.label, len(items)) for key, items in groups] == [
        ("ngan_sach", "ngân sách Nhà nước", 3),
        ("tu_tuc", "tự túc kinh phí", 1),
        ("trung_uong", "Trung ương đài thọ", 1),
        ("doi_tac", "đối tác đài thọ", 1),
    ]
    assert groups[0][1].query.endswith(".kind('doan_ra').where(funding='ngan_sach')")


def test_groups_without_an_enum_are_sorted_with_no_value_last() -> None:
    assert [key for key, _ in YEAR_2022.kind("doan_ra").group("plan")] == ["trong_ke_hoach", "ngoai_ke_hoach"]
    assert [key for key, _ in ALL.kind("doan_ra").group("plan")][-1] is None
    assert [(key, len(s)) for key, s in YEAR_2022.kind("doan_ra").group("countries")] == [("lao", 2), ("thai_lan", 1)]
    assert [key for key, _ in YEAR_2022.kind("doan_ra").group("persons")] == [3, 4, 5, 6, 7, 8]


def test_combined_figures() -> None:
    done = YEAR_2022.kind("doan_ra").where(plan="trong_ke_hoach").count()
    planned = YEAR_2022.kind("ke_hoach_doan_ra").sum("delegations")
    share = ratio(done, planned)
    assert share.value == Decimal("62.50")
    assert share.query.startswith("ratio(records.") and len(share.records) == 6
    assert ratio(done, YEAR_2022.kind("hai_cot").count()).value == 0
    this_year = YEAR_2022.kind("hoi_thao").count()
    last_year = select_period(EVERYTHING, parse_period("2021")).kind("hoi_thao").count()
    assert difference(this_year, last_year).value == 6
    assert change(this_year, last_year).value == Decimal("40.00")
    assert change(last_year, this_year).value == Decimal("-28.57")


def test_as_of_and_the_periods_compared() -> None:
    year = parse_period("2022")
    assert YEAR_2022.query == "records.dates('2022-01-01', '2022-11-07')"
    last_year = select_compared(EVERYTHING, year, year.same_period_last_year, date(2022, 11, 7))
    assert last_year.query == "records.dates('2021-01-01', '2021-11-07')"
    assert select_compared(EVERYTHING, year, year.previous, None).query == "records.dates('2021-01-01', '2021-12-31')"
    # an as-of date after the period cuts nothing
    july = parse_period("2022-07")
    assert select_compared(EVERYTHING, july, july.previous, date(2022, 9, 1)).query == \
        "records.dates('2022-06-01', '2022-06-30')"


def test_a_window_without_any_record_is_unknown() -> None:
    assert YEAR_2022.known and YEAR_2022.kind("hai_cot").count().known
    empty = select_period(EVERYTHING, parse_period("2019"))
    assert not empty.known and not empty.kind("hoi_thao").count().known


def test_tasks_planned_for_a_period() -> None:
    assert [r.text for r in ALL.planned_for("2023")] == ["b", "c"]
    assert [r.text for r in ALL.planned_for("2022-08")] == ["a"]
    assert ALL.planned_for("2022-08").count().query == "records.planned_for('2022-08').count()"


FIGURES = [
    YEAR_2022.kind("doan_ra").where(funding=["ngan_sach", "tu_tuc"]).count(),
    YEAR_2022.kind("doan_ra").where(countries="lao").sum("persons"),
    YEAR_2022.kind("ngo").sum("committed"),
    YEAR_2022.kind("vien_tro").sum("amounts", unit="LAK"),
    YEAR_2022.kind("doan_ra").group("funding")[0][1].count(),
    Selection.of(PAGES).dates("2024-05-01", "2024-05-31").sum("pages"),
    ALL.planned_for("2023").count(),
    ratio(YEAR_2022.kind("doan_ra").where(plan="trong_ke_hoach").count(), YEAR_2022.kind("ke_hoach_doan_ra").sum("delegations")),
    difference(YEAR_2022.kind("hoi_thao").count(), select_period(EVERYTHING, parse_period("2021")).kind("hoi_thao").count()),
    change(YEAR_2022.kind("hoi_thao").count(), select_period(EVERYTHING, parse_period("2021")).kind("hoi_thao").count()),
]


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.query[:60])
def test_a_query_computed_again_over_its_records_gives_its_value(figure: Figure) -> None:
    assert figure.records
    assert evaluate(figure.query, figure.records).value == figure.value
    assert evaluate(figure.query, reversed(EVERYTHING)).value == figure.value


@pytest.mark.parametrize(
    "query",
    ["__import__('os').system('true')", "records.kind('doan_ra')", "records._records", "records.count(",
     "records.kind(open('x')).count()", "ratio(records.count())", "len(records)", "records.group('funding')"],
)
def test_only_the_query_api_is_understood(query: str) -> None:
    with pytest.raises(QueryError):
        evaluate(query, EVERYTHING)


def test_kind_after_kind_gives_each_kind_in_telling_order_and_its_own_query() -> None:
    """One selection asked for kind after kind (as a template asks the period's records): each answer
    is that kind's records in the selection's order, whatever was asked before."""
    for kind in ("ngo", "doan_ra", "hoi_thao", "ngo", "vien_tro"):
        chosen = YEAR_2022.kind(kind)
        wanted = [p for r, p in zip(YEAR_2022, paths(YEAR_2022)) if r.kind == kind]
        assert wanted and (paths(chosen), chosen.query) == (wanted, f"{YEAR_2022.query}.kind({kind!r})")
    assert not YEAR_2022.kind("thu_tuc") and YEAR_2022.kind("thu_tuc").known == YEAR_2022.known
    both = YEAR_2022.kind("ngo", "doan_ra")
    assert paths(both) == [p for r, p in zip(YEAR_2022, paths(YEAR_2022)) if r.kind in ("ngo", "doan_ra")]
