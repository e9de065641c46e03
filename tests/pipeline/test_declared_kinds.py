"""What an office meets that the bundled kinds don't foresee, written with YAML alone: a kind of its
own (investment projects by Hà Tĩnh people abroad) checked, in the JSON Schema and in `new`, told in
a footnote with its total in tỷ đồng; a state figure ("khoảng 12.000 người"); programmes under way
during the year; gifts in goods summed per unit — every printed figure traced in sources.json."""

from __future__ import annotations

import json
import re
import zipfile

from docx import Document

from conftest import CONFIG, Repo, bcngv, year_kind
from docx_sample import seen
from records.test_declared import INVESTMENT

TEMPLATE = """\
Sở Ngoại vụ báo cáo như sau:

# Người Hà Tĩnh ở nước ngoài

Hiện có {{ all_records.state('nguoi_ha_tinh_o_nuoc_ngoai') | uoc(word='khoảng') }} Hà Tĩnh sinh sống ở nước ngoài; \
{{ records.kind('du_an_dau_tu') | count }} dự án đầu tư về quê hương[^1].

# Viện trợ phi chính phủ

Có {{ all_records.kind('ngo').where(action='du_an').active_during(period) | count }} chương trình, dự án đang triển \
khai; tỉnh đã trao tặng {% for g in records.kind('vien_tro').totals('goods') %}{{ g | tien }}\
{{ ", " if not loop.last }}{% endfor %}.

[^1]: Tổng vốn {{ records.kind('du_an_dau_tu') | sum('amount') | tien('tỷ đồng', 2) }}, gồm:
{% for r in records.kind('du_an_dau_tu') %}
    - {{ r.investor }} ({{ r.sector.label }}){{ ";" if not loop.last else "." }}
{% endfor %}
"""

PROJECTS = [("a", "Công ty Thành Đạt", "du_lich", "500000000000"), ("b", "Tập đoàn Hòa Bình", "cong_nghiep", "634560000000"),
            ("c", "Công ty Hưng Phát", "du_lich", "100000000000")]


def office(repo: Repo) -> Repo:
    repo.write("bcngv.yaml", CONFIG + year_kind("nam"))
    repo.write("templates/nam.md.j2", TEMPLATE)
    repo.write("kinds/du_an_dau_tu.yaml", INVESTMENT)
    repo.write("records/_catalog/to_chuc.yaml", "path:\n  name: PATH\n  type: ngo\n")
    for name, investor, sector, amount in PROJECTS:
        repo.write(f"records/2022/0{len(name) + 2}/du-an-{name}.yaml",
                   f"kind: du_an_dau_tu\ndate: 2022-0{len(name) + 2}-1{ord(name) - 96}\ninvestor: {investor}\n"
                   f"country: lao\nsector: {sector}\namount: {amount} VND\n")
    for day, value in (("2021-06-30", 11000), ("2022-06-30", 12180)):  # the later state holds
        repo.write(f"records/{day[:4]}/06/so-lieu.yaml",
                   f"kind: so_lieu\ndate: {day}\nsubject: nguoi_ha_tinh_o_nuoc_ngoai\nvalue: {value}\nunit: người\n"
                   "source: Báo cáo của Bộ Ngoại giao\n")
    for name, start, end in (("p1", "2020-03-01", "2022-12-31"), ("p2", "2021-09-01", "2023-06-30"),
                             ("p3", "2019-01-01", "2021-12-31")):  # p3 ended before 2022
        repo.write(f"records/{start[:4]}/{start[5:7]}/{name}.yaml",
                   f"kind: ngo\ndate: {start}\nend: {end}\naction: du_an\norganisation: path\nproject: {name}\n")
    repo.write("records/2022/08/qua-1.yaml", "kind: vien_tro\ndate: 2022-08-10\npartners: [lao]\ngoods:\n"
               "  - {name: kit xét nghiệm, quantity: 20000, unit: bộ}\n  - {name: gạo, quantity: 5, unit: tấn}\n")
    repo.write("records/2022/09/qua-2.yaml", "kind: vien_tro\ndate: 2022-09-10\npartners: [khammuon]\ngoods:\n"
               "  - {name: gạo, quantity: 3, unit: tấn}\n")
    return repo


def test_an_office_kind_a_state_a_span_and_goods_are_told_and_traced(repo) -> None:
    office(repo)
    result = bcngv("build", "--period", "2022", "--report", "nam", "--out", str(repo.root / "build"), root=repo)
    assert result.exit_code == 0, result.output
    docx = repo.root / "build" / "nam-2022.docx"
    with zipfile.ZipFile(docx) as packed:  # the footnote is in its own part of the .docx
        notes = packed.read("word/footnotes.xml").decode("utf-8")
    text = "\n".join(seen(p.text) for p in Document(str(docx)).paragraphs) + seen(re.sub(r"<[^>]+>", "", notes))
    assert "Hiện có khoảng 12.000 người Hà Tĩnh sinh sống ở nước ngoài; 03 dự án đầu tư về quê hương" in text
    assert "Có 02 chương trình, dự án đang triển khai" in text
    assert "tỉnh đã trao tặng 20.000 bộ kit xét nghiệm, 8 tấn gạo." in text
    assert "Tổng vốn 1.234,56 tỷ đồng, gồm:" in text and "Tập đoàn Hòa Bình (công nghiệp)" in text
    figures = {f["text"]: f for f in json.loads((repo.root / "build" / "nam-2022.sources.json").read_text())["figures"]}
    assert figures["1.234,56 tỷ đồng"]["records"] == [f"records/2022/0{len(n) + 2}/du-an-{n}.yaml" for n, *_ in PROJECTS]
    assert figures["khoảng 12.000 người"]["records"] == ["records/2022/06/so-lieu.yaml"]
    assert figures["02"]["records"] == ["records/2020/03/p1.yaml", "records/2021/09/p2.yaml"]
    assert figures["8 tấn gạo"]["records"] == ["records/2022/08/qua-1.yaml", "records/2022/09/qua-2.yaml"]
    assert figures["20.000 bộ kit xét nghiệm"]["records"] == ["records/2022/08/qua-1.yaml"]


def test_the_office_kind_is_in_the_schema_and_in_new(repo) -> None:
    office(repo)
    schema = json.loads(bcngv("schema", root=repo).stdout)
    project = schema["$defs"]["du_an_dau_tu"]
    assert project["title"] == "Dự án đầu tư của người Hà Tĩnh ở nước ngoài"
    assert project["properties"]["sector"]["enum"] == ["cong_nghiep", "du_lich"]
    assert set(project["required"]) >= {"kind", "date", "investor", "country", "sector", "amount"}
    result = bcngv("new", "du_an_dau_tu", "--date", "2022-10-03", root=repo)
    assert result.exit_code == 0, result.output
    skeleton = (repo.root / "records/2022/10/2022-10-03-du_an_dau_tu.yaml").read_text(encoding="utf-8")
    assert "# Dự án đầu tư của người Hà Tĩnh ở nước ngoài." in skeleton
    assert "# lĩnh vực đầu tư (bắt buộc), một trong:\n#   cong_nghiep: công nghiệp\n#   du_lich: du lịch, dịch vụ\nsector:\n" in skeleton


def test_a_unit_the_figure_does_not_have_is_an_error_at_its_line(repo) -> None:
    office(repo)
    repo.write("templates/nam.md.j2", "Có\n{{ records.kind('vien_tro').sum('goods', 'tấn gạo') | tien('tỷ đồng') }}.\n")
    result = bcngv("build", "--period", "2022", "--report", "nam", "--out", str(repo.root / "build"), root=repo)
    assert result.exit_code == 1 and "templates/nam.md.j2:2:" in result.output
    assert not (repo.root / "build" / "nam-2022.docx").exists()


def test_a_state_never_recorded_is_an_error_not_a_zero(repo) -> None:
    office(repo)
    repo.write("templates/nam.md.j2", "Có\n{{ all_records.state('luu_hoc_sinh') | uoc }}.\n")
    result = bcngv("build", "--period", "2022", "--report", "nam", "--out", str(repo.root / "build"), root=repo)
    assert result.exit_code == 1 and "templates/nam.md.j2:2:" in result.output and "luu_hoc_sinh" in result.output
