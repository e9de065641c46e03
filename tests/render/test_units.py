"""Money, quantities and units: figures printed in a unit with decimals and the template's words,
arithmetic on figures that keeps their records, and units that do not match as template errors."""

from __future__ import annotations

import pytest

from bcngv.metrics import Selection, evaluate
from bcngv.records.catalog import Catalog
from bcngv.render.templating import Renderer

from metrics_sample import NGO, make

# nine investment projects (recorded as aid until item 1 declares their kind): 2.901,81 tỷ đồng
PROJECTS = [make(f"records/2022/du-an-{i}.yaml", kind="vien_tro", date=f"2022-0{i}-15",
                 amounts=[f"{300_000_000_000 if i < 9 else 501_810_000_000} VND"]) for i in range(1, 10)]
GIFT = make("records/2022/tang-qua.yaml", kind="vien_tro", date="2022-07-13",
            amounts=["1000000000000 VND", "127000000000 VND", "610000000 VND", "20000 USD"],
            goods=[{"name": "máy vi tính", "quantity": 20, "unit": "bộ"}])
CONTEXT = {"projects": PROJECTS, "ngo": NGO}


def render(repo, source: str, **context):
    repo.write("templates/t.md.j2", source)
    renderer = Renderer(repo.root / "templates", Catalog())
    context = {name: Selection.of(records) for name, records in (CONTEXT | context).items()}
    return renderer, renderer.render("t.md.j2", context)


def test_a_total_in_ty_dong_with_two_decimals_is_traced_to_every_project(repo) -> None:
    renderer, (out, found) = render(repo, "tổng vốn {{ projects.kind('vien_tro') | sum('amounts') | tien('tỷ đồng', 2) }}")
    assert found == [] and out == "tổng vốn 2.901,81 tỷ đồng"
    [use] = renderer.ledger.uses
    assert use.text == "2.901,81 tỷ đồng" and len(use.figure.records) == 9 == len({r.path for r in use.figure.records})
    assert evaluate(use.figure.query, PROJECTS).value == use.figure.value == 2_901_810_000_000


@pytest.mark.parametrize(("source", "text"), [
    ("{{ ngo.sum('committed') | tien('triệu USD', 1) }}", "1,6 triệu USD"),
    ("{{ ngo.sum('committed') | tien }}", "1.580.000 USD"),
    ("{{ projects.sum('amounts') | tien }}", "2.901.810.000.000 đồng"),  # đồng in prose, not VND
    ("{{ projects.sum('amounts') | uoc }}", "gần 3.000 tỷ đồng"),
    ("{{ projects.sum('amounts') | uoc(word='hơn', digits=2) }}", "hơn 2.900 tỷ đồng"),
    ("{{ projects.sum('amounts') | uoc('tỷ đồng', word='khoảng', places=0) }}", "khoảng 2.902 tỷ đồng"),
    ("{{ ngo.sum('committed') | uoc(word='khoảng', places=2) }}", "khoảng 1,58 triệu USD"),
    ("{{ ngo.sum('disbursed') | uoc(word='hơn') }}", "hơn 900.000 USD"),
    ("{{ ngo.sum('disbursed') | uoc(word='gần') }}", "gần 920.000 USD"),  # rounded up: 'gần' stays true
])
def test_units_scales_and_the_templates_own_words(repo, source: str, text: str) -> None:
    renderer, (out, found) = render(repo, source)
    assert found == [] and out == text
    [use] = renderer.ledger.uses
    assert use.figure.records and evaluate(use.figure.query, [*PROJECTS, *NGO]).value == use.figure.value


@pytest.mark.parametrize("source", [
    "{{ ngo.sum('committed') | tien('tỷ đồng') }}",  # a USD sum asked in đồng: never a number 10⁹ off
    "{{ projects.sum('amounts') | uoc('triệu USD') }}",
    "{{ projects.count() | tien('đồng') }}",  # a count is not money
    "{{ (projects.sum('amounts') + ngo.sum('committed')) | so }}",  # đồng and dollars do not add up
    "{{ (projects.sum('amounts') - projects.count()) | so }}",
    "{{ projects.sum('amounts') | uoc(word='chừng') }}",
    "{{ (projects.sum('amounts') + 5) | so }}",  # a typed number has no records behind it
])
def test_a_unit_the_figure_does_not_have_is_a_template_error_at_its_line(repo, only, source: str) -> None:
    _, (out, found) = render(repo, "a\n" + source + "\n")
    assert out is None
    assert only(found, "template-error").line == 2


@pytest.mark.parametrize(("source", "value", "unit", "records"), [
    ("ngo.sum('committed') + ngo.sum('disbursed')", 2_492_000, "USD", 2),
    ("ngo.sum('committed') - ngo.sum('disbursed')", 668_000, "USD", 2),
    ("ngo.sum('disbursed') / ngo.sum('committed')", 0.5772, None, 2),
    ("ngo.sum('committed') * 2", 3_160_000, "USD", 2),
    ("2 * ngo.sum('committed')", 3_160_000, "USD", 2),
    ("projects.sum('amounts') / 1000000000", 2901.81, "VND", 9),
    ("ngo.sum('committed') / ngo.kind('ngo').count()", 526_666.67, "USD", 3),
])
def test_arithmetic_on_figures_keeps_their_records_and_a_query_evaluate_reads(repo, source: str, value, unit, records) -> None:
    renderer, (out, found) = render(repo, f"{{{{ ({source}) | so }}}}")
    assert found == []
    [use] = renderer.ledger.uses
    figure = use.figure
    assert float(figure.value) == pytest.approx(value, abs=0.01) and figure.unit == unit
    assert len(figure.records) == records
    assert evaluate(figure.query, [*PROJECTS, *NGO]).value == figure.value


def test_qua_tells_each_currency_and_each_good_once_and_records_them(repo) -> None:
    """Three amounts in đồng are one total told once (it was told once per amount); goods are
    figures too, traced to the record."""
    repo.write("templates/t.md.j2", "{{ g | qua }}")
    renderer = Renderer(repo.root / "templates", Catalog())
    out, found = renderer.render("t.md.j2", {"g": GIFT})
    assert found == [] and out == "1.127 tỷ 610 triệu đồng, 20.000 USD, 20 bộ máy vi tính"
    assert [u.text for u in renderer.ledger.uses] == ["1.127 tỷ 610 triệu đồng", "20.000 USD", "20 bộ máy vi tính"]
    assert all(evaluate(u.figure.query, [GIFT]).value == u.figure.value for u in renderer.ledger.uses)
