"""Templates run sandboxed and strict; their mistakes are diagnostics with the template line."""

from __future__ import annotations

from datetime import date

import pytest

from bcngv.metrics import Selection, evaluate, select_period
from bcngv.period import parse_period
from bcngv.records.catalog import Catalog, Entry
from bcngv.render.templating import Renderer

from metrics_sample import EVERYTHING, YEAR_2022, make


def render(repo, source: str, **context):
    repo.write("templates/t.md.j2", source)
    renderer = Renderer(repo.root / "templates", Catalog())
    return renderer, renderer.render("t.md.j2", context)


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("a\n{% if x %}\nb\n", "template-syntax", 3),
        ("a\n\n{{ nothing_here }}\n", "template-undefined", 3),
        ("a\n{{ 1 // 0 }}\n", "template-error", 2),
        ("{{ x.__class__.__mro__ }}\n", "template-error", 1),
    ],
)
def test_template_problem_gives_code_and_line(repo, only, text: str, code: str, line: int) -> None:
    _, (out, found) = render(repo, text, x=1)
    assert out is None
    problem = only(found, code)
    assert (problem.path, problem.line) == ("templates/t.md.j2", line)


def test_data_is_escaped_and_figures_are_recorded(repo) -> None:
    renderer, (out, found) = render(repo, "- {{ text }}: {{ s | count }} đoàn, {{ s | count | so(pad=false) }}\n",
                                    text="**x** & <y>", s=Selection([], "records"))
    assert found == []
    assert out == "- \\*\\*x\\*\\* \\& \\<y\\>: 00 đoàn, 0\n"
    assert [(u.text, u.figure.query) for u in renderer.ledger.uses] == [
        ("00", "records.count()"), ("0", "records.count()")]


# --- the filters, with the seeds' own figures ----------------------------------------------------
SEEDS = [
    make("records/2022/ngo-000.yaml", kind="ngo", date="2022-07-01", action="du_an", organisation="a",
         committed="1150000 USD"),
    make("records/2022/dich-thuat.yaml", kind="dich_thuat", date="2022-07-01", pages=4950),
]
CONTEXT = {
    "records": YEAR_2022,
    "last_year": select_period(EVERYTHING, parse_period("2021"), date(2021, 11, 7)),
    "unkept": select_period(EVERYTHING, parse_period("2019")),
    "seeds": Selection.of(SEEDS),
    "period": parse_period("2022"),
    "as_of": date(2022, 11, 7),
    "founded": date(2020, 1, 5),
    "signed": date(2022, 7, 29),
}
DONE = "records.kind('doan_ra').where(plan='trong_ke_hoach') | count"
PLANNED = "records.kind('ke_hoach_doan_ra') | sum('delegations')"
HOI_THAO_NOW, HOI_THAO_BEFORE = "records.kind('hoi_thao') | count", "last_year.kind('hoi_thao') | count"


@pytest.mark.parametrize(
    ("source", "text", "value"),
    [
        ("{{ records.kind('doan_ra') | count }}", "06", 6),
        ("{{ records.kind('doan_ra') | count | so(pad=false) }}", "6", 6),
        ("{{ records.kind('doan_ra') | sum('persons') | so }}", "33", 33),
        ("{{ seeds.sum('committed') | tien }}", "1.150.000 USD", 1150000),
        ("{{ records.kind('ngo').sum('committed') | uoc }}", "gần 1,6 triệu USD", 1580000),
        ("{{ records.kind('ngo').sum('disbursed') | uoc }}", "trên 900.000 USD", 912000),
        ("{{ seeds.sum('pages') | uoc }}", "gần 5.000", 4950),
        ("{{ seeds.sum('pages') | tien('trang') }}", "4.950 trang", 4950),
        (f"{{{{ {DONE} | ty_le({PLANNED}) }}}}", "05/08 (tỷ lệ 63%)", 62.5),
        (f"{{{{ {DONE} | phan_tram({PLANNED}) }}}}", "63%", 62.5),
        (f"{{{{ {HOI_THAO_NOW} | so_sanh({HOI_THAO_BEFORE}, 'hội thảo', 'năm 2021') }}}}",
         "tăng 06 hội thảo so với năm 2021", 6),
        (f"{{{{ {HOI_THAO_BEFORE} | so_sanh({HOI_THAO_NOW}, 'hội thảo') }}}}", "giảm 06 hội thảo so với cùng kỳ", -6),
        (f"{{{{ {HOI_THAO_BEFORE} | so_sanh({HOI_THAO_NOW}, percent=true, base_label='') }}}}", "giảm 29%", -28.57),
        (f"{{{{ {HOI_THAO_NOW} | so_sanh({HOI_THAO_NOW}) }}}}", "bằng cùng kỳ", 0),
        (f"{{{{ {HOI_THAO_NOW} | so_sanh({HOI_THAO_NOW}, base_label='') }}}}", "không thay đổi", 0),
        # a base of zero in a period whose data was kept: the change in words, not a percentage
        ("{{ records.kind('ngo') | count | so_sanh(last_year.kind('ngo') | count, 'tổ chức', percent=true) }}",
         "tăng 03 tổ chức so với cùng kỳ", 3),
    ],
)
def test_each_filter_prints_as_the_office_writes_and_records_the_figure(repo, source: str, text: str, value) -> None:
    renderer, (out, found) = render(repo, source, **CONTEXT)
    assert found == [] and out == text
    [use] = renderer.ledger.uses
    assert use.text == text and float(use.figure.value) == value
    assert evaluate(use.figure.query, use.figure.records).value == use.figure.value


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (f"{{{{ {HOI_THAO_NOW} | so_sanh(unkept.kind('hoi_thao') | count, 'hội thảo', 'năm 2019') }}}}",
         "chưa có số liệu năm 2019 để so sánh"),
        (f"{{{{ {HOI_THAO_NOW} | so_sanh(none) }}}}", "chưa có số liệu cùng kỳ để so sánh"),
        ("{{ records.kind('hai_cot') | count | ty_le(records.kind('hai_cot') | count) }}", "00/00"),
        ("{{ 5 | so }} {{ 2500 | tien('đồng') }} {{ 4950 | uoc }} {{ 62.5 | phan_tram }}", "05 2.500 đồng gần 5.000 63%"),
        ("tính đến ngày {{ as_of | dmy }}; {{ founded | ngay }}; {{ signed | ngay }}; mục {{ 3 | roman }}",
         "tính đến ngày 07/11/2022; ngày 05 tháng 01 năm 2020; ngày 29 tháng 7 năm 2022; mục III"),
        ("{{ period.label }}, kế hoạch {{ period.next.label }}; {{ period.same_period_last_year.label }}",
         "năm 2022, kế hoạch năm 2023; năm 2021"),
    ],
)
def test_words_without_a_figure_of_their_own(repo, source: str, text: str) -> None:
    renderer, (out, found) = render(repo, source, **CONTEXT)
    assert found == [] and out == text
    assert all(use.figure.records or use.figure.value == 0 for use in renderer.ledger.uses)


@pytest.mark.parametrize(
    "source",
    ["{{ 21 | so_sanh(15, 'hội thảo') }}", "{{ 5 | ty_le(8) }}", "{{ records.kind('doan_raa') | count }}",
     "{{ records.where(fundin='ngan_sach') | count }}"],
)
def test_typed_numbers_and_misspelt_names_are_template_errors(repo, only, source: str) -> None:
    _, (out, found) = render(repo, "a\n" + source + "\n", **CONTEXT)
    assert out is None
    assert only(found, "template-error").line == 2


@pytest.mark.parametrize(("text", "told"), [
    ("Đoàn đã tặng quà cho các tỉnh của Lào.", "Đoàn đã tặng quà cho các tỉnh của Lào[^qua]."),  # before the full stop
    ("Đoàn đã tặng quà", "Đoàn đã tặng quà[^qua]"),
    ("Đoàn tặng quà{footnote} và dự lễ khởi công.", "Đoàn tặng quà[^qua] và dự lễ khởi công."),  # where the text says
])
def test_a_footnote_mark_goes_where_the_text_places_it(repo, text: str, told: str) -> None:
    record = make("records/2022/07/su-kien.yaml", kind="su_kien", date="2022-07-12", field="hop_tac_quoc_te", text=text)
    _, (out, found) = render(repo, "{{ r | tell(note='qua') }}", r=record)
    assert found == [] and out == told


def test_a_text_without_a_note_keeps_no_mark(repo) -> None:
    record = make("records/2022/07/su-kien.yaml", kind="su_kien", date="2022-07-12", field="hop_tac_quoc_te", text="Tặng quà{footnote}.")
    _, (out, found) = render(repo, "{{ r | tell }}", r=record)
    assert found == [] and out == "Tặng quà."


def test_joined_texts_fill_their_placeholders_as_tell_does(repo) -> None:
    records = [make(f"records/2024/05/tham-muu-{n}.yaml", kind="su_kien", date="2024-05-0" + str(n),
                    field="hop_tac_quoc_te", partners=["khammuon"], text=text)
               for n, text in enumerate(["thư gửi tỉnh {partners};", "báo cáo về *hợp tác*."], start=1)]
    catalog = Catalog({"khammuon": Entry("khammuon", "Khăm Muồn", "tinh", (), "records/_catalog/doi_tac.yaml", 1)})
    renderer = Renderer(repo.root / "templates", catalog)
    repo.write("templates/t.md.j2", "{{ rs | join_texts }}.")
    out, found = renderer.render("t.md.j2", {"rs": records})
    assert found == [] and out == "thư gửi tỉnh Khăm Muồn; báo cáo về \\*hợp tác\\*."
