"""Activities that span time (issue 15, item 3): a programme from `date` to `end` chosen as *started
in* a window or *active during* it; each figure's query recomputes it, in Python and in a template."""

from __future__ import annotations

from datetime import date

import pytest

from bcngv.metrics import Selection, evaluate
from bcngv.period import parse_period
from bcngv.records.catalog import Catalog
from bcngv.records.models import RecordBase
from bcngv.render.templating import Renderer

from metrics_sample import make


def programme(name: str, start: str, end: str | None = None) -> RecordBase:
    spans = {"end": end} if end else {}
    return make(f"records/ngo/{name}.yaml", kind="ngo", date=start, action="du_an", organisation="a", **spans)


# started 2019–2021, ending 2020–2023: five under way in 2021, two of them started in it
PROGRAMMES = [
    programme("p2019-2020", "2019-03-01", "2020-06-30"),
    programme("p2019-2021", "2019-09-01", "2021-03-31"),
    programme("p2020-2022", "2020-05-01", "2022-12-31"),
    programme("p2020-2020", "2020-01-01", "2020-12-31"),  # ends the day before the window
    programme("p2020-2023", "2020-11-15", "2023-06-30"),
    programme("p2021-2023", "2021-02-01", "2023-01-31"),
    programme("p2021-2021", "2021-07-01", "2021-09-30"),
]
OTHERS = [make("records/2021/hoi-thao.yaml", kind="hoi_thao", date="2021-05-10", organiser="Sở Ngoại vụ",
               category="tap_huan")]
ALL = Selection.of([*PROGRAMMES, *OTHERS])
YEAR = ("2021-01-01", "2021-12-31")


def names(selection: Selection) -> list[str]:
    return [r.path.removeprefix("records/ngo/").removesuffix(".yaml") for r in selection]


def test_active_during_a_year_counts_programmes_under_way_not_only_those_started() -> None:
    active = ALL.kind("ngo").active_during(*YEAR)
    started = ALL.kind("ngo").started_in(*YEAR)
    assert names(active) == ["p2019-2021", "p2020-2022", "p2020-2023", "p2021-2023", "p2021-2021"]
    assert names(started) == ["p2021-2023", "p2021-2021"]
    # started_in is what dates() keeps, under the name a span asks for
    assert list(started) == list(ALL.kind("ngo").dates(*YEAR))
    assert active.query == "records.kind('ngo').active_during('2021-01-01', '2021-12-31')"
    assert started.query == "records.kind('ngo').started_in('2021-01-01', '2021-12-31')"


@pytest.mark.parametrize(
    ("start", "end", "active"),
    [
        ("2020-01-01", "2020-12-31", False),  # ends the day before the window
        ("2020-06-01", "2021-01-01", True),  # ends on its first day
        ("2021-12-31", "2022-06-30", True),  # starts on its last day
        ("2022-01-01", "2022-06-30", False),  # starts the day after
        ("2019-01-01", "2023-12-31", True),  # covers it whole
        ("2020-12-31", None, False),  # one-day records: no end is the day itself
        ("2021-01-01", None, True),
        ("2021-12-31", None, True),
        ("2022-01-01", None, False),
    ],
)
def test_boundary_days_are_inside_and_a_record_without_end_is_one_day(start: str, end: str | None,
                                                                      active: bool) -> None:
    chosen = Selection.of([programme("x", start, end)]).active_during(*YEAR)
    assert len(chosen) == int(active)


def test_open_sides_and_dates_are_accepted_as_dates_does() -> None:
    assert names(ALL.kind("ngo").active_during(None, "2019-12-31")) == ["p2019-2020", "p2019-2021"]
    assert names(ALL.kind("ngo").active_during("2023-01-01")) == ["p2020-2023", "p2021-2023"]
    by_date = ALL.kind("ngo").active_during(date(2021, 1, 1), date(2021, 12, 31))
    assert by_date.query == ALL.kind("ngo").active_during(*YEAR).query


def test_a_period_stands_for_its_window_and_the_query_keeps_dates() -> None:
    year = parse_period("2021")
    assert ALL.kind("ngo").active_during(year).query == ALL.kind("ngo").active_during(*YEAR).query
    assert ALL.kind("ngo").started_in(year).query == ALL.kind("ngo").started_in(*YEAR).query
    with pytest.raises(ValueError):  # a period has its own last day
        ALL.active_during(year, "2021-06-30")


@pytest.mark.parametrize(
    "make_figure",
    [
        lambda s: s.kind("ngo").active_during(*YEAR).count(),
        lambda s: s.kind("ngo").started_in(*YEAR).count(),
        lambda s: s.active_during("2021-05-10", "2021-05-10").count(),
        lambda s: s.kind("ngo").active_during(parse_period("2022")).started_in(None, "2020-12-31").count(),
    ],
)
def test_evaluate_recomputes_each_figure_from_its_query(make_figure) -> None:
    figure = make_figure(ALL)
    again = evaluate(figure.query, [*PROGRAMMES, *OTHERS])
    assert (again.value, again.records, again.query) == (figure.value, figure.records, figure.query)


def test_a_template_prints_the_programmes_under_way_and_records_them(repo) -> None:
    repo.write("templates/t.md.j2", "{{ all_records.kind('ngo').active_during('2021-01-01', '2021-12-31') | count }}"
                                    " chương trình; {{ all_records.kind('ngo').active_during(period) | count }}")
    renderer = Renderer(repo.root / "templates", Catalog())
    out, found = renderer.render("t.md.j2", {"all_records": ALL, "period": parse_period("2021")})
    assert found == []
    assert out == "05 chương trình; 05"
    uses = renderer.ledger.uses
    assert [u.text for u in uses] == ["05", "05"]
    figure = uses[0].figure
    assert figure.query == "records.kind('ngo').active_during('2021-01-01', '2021-12-31').count()"
    assert names(Selection(figure.records)) == ["p2019-2021", "p2020-2022", "p2020-2023", "p2021-2023", "p2021-2021"]
    assert uses[1].figure.query == figure.query
    assert evaluate(figure.query, [*PROGRAMMES, *OTHERS]).records == figure.records
