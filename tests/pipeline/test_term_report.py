"""A report of a shape the bundled ones don't have, written with configuration, templates and records
alone (no Python of the office's own): a term công văn whose section 2 has parts 2.1–2.9 from the
office's own sections, whose footnote lists projects, and whose narratives stay out of the monthly
and yearly reports of the same months."""

from __future__ import annotations

import re
import textwrap
import zipfile

from docx import Document

from bcngv.records.vocabulary import DEFAULT_FIELDS
from conftest import CONFIG, TERM_KIND, Repo, bcngv, year_kind
from docx_sample import seen

SECTIONS = {
    "hoi_nhap": "Hội nhập quốc tế", "ngoai_giao_kinh_te": "Ngoại giao kinh tế",
    "ngoai_giao_van_hoa": "Ngoại giao văn hóa", "hop_tac_lao": "Hợp tác với Lào",
    "hop_tac_han_quoc": "Hợp tác với Hàn Quốc", "phi_chinh_phu": "Viện trợ phi chính phủ",
    "cong_dong": "Công tác cộng đồng", "bien_gioi_dat_lien": "Biên giới đất liền",
    "thong_tin_doi_ngoai": "Thông tin đối ngoại",
}
# the office's sections after the eleven the monthly report tells, and two report kinds of its own
OFFICE = CONFIG + year_kind("nam") + TERM_KIND + "fields:\n" + "".join(
    f"  {key}: {words}\n" for key, words in {**DEFAULT_FIELDS, **SECTIONS}.items())

TERM_TEMPLATE = """\
Sở Ngoại vụ báo cáo kết quả công tác đối ngoại {{ period.label }} như sau:

# Kết quả thực hiện

## Công tác chỉ đạo, điều hành

Sở đã tham mưu kịp thời các chủ trương của tỉnh.

## Kết quả trên các lĩnh vực

{% for field, chosen in records.kind('su_kien').group('field') %}
### {{ field.label }}

{% for r in chosen %}
- {{ r | tell }}{% if field == 'phi_chinh_phu' %}[^1]{% endif %}

{% endfor %}
{% endfor %}

[^1]: Các dự án được phê duyệt:
{% for r in records.kind('ngo').where(action='du_an') %}
    - {{ r.project }}{{ ";" if not loop.last else "." }}
{% endfor %}
"""

YEAR_TEMPLATE = """\
# Kết quả

{% for r in records %}
- {{ r | tell }}
{% endfor %}
"""


def narrative(repo: Repo, month: int, field: str, words: str) -> None:
    repo.write(f"records/2022/{month:02d}/nhiem-ky-{field}.yaml", textwrap.dedent(f"""\
        kind: su_kien
        date: 2022-{month:02d}-10
        field: {field}
        reports: [nhiem-ky]
        text: {words}
        """))


def project(repo: Repo, number: int, name: str) -> None:
    repo.write(f"records/2022/05/du-an-{number}.yaml", textwrap.dedent(f"""\
        kind: ngo
        date: 2022-05-{number + 10}
        field: phi_chinh_phu
        action: du_an
        organisation: plan
        project: {name}
        reports: [nhiem-ky]
        """))


def term_office(repo: Repo) -> Repo:
    repo.write("bcngv.yaml", OFFICE)
    repo.write("records/_catalog/to_chuc.yaml", "plan:\n  name: Tổ chức Plan International\n")
    repo.write("templates/nhiem-ky.md.j2", TERM_TEMPLATE)
    repo.write("templates/nam.md.j2", YEAR_TEMPLATE)
    for month, (field, words) in enumerate(SECTIONS.items(), start=1):
        narrative(repo, month, field, f"Kết quả về {words.lower()} trong nhiệm kỳ.")
    for number, name in enumerate(["Dự án nước sạch", "Dự án trường học", "Dự án trạm y tế"], start=1):
        project(repo, number, name)
    return repo


def test_a_term_report_of_the_offices_own_shape_builds_from_configuration_and_records(repo: Repo) -> None:
    term_office(repo)
    assert bcngv("check", "--strict", root=repo).exit_code == 0
    result = bcngv("build", "--period", "2022", "--report", "nhiem-ky", "--out", "out", root=repo)
    assert result.exit_code == 0, result.output
    docx = repo.root / "out" / "nhiem-ky-2022.docx"
    paragraphs = [seen(p.text) for p in Document(str(docx)).paragraphs]
    parts = [p for p in paragraphs if p[:2] == "2." and p[2:3].isdigit()]
    assert parts == [f"2.{n}. {words}" for n, words in enumerate(SECTIONS.values(), start=1)]
    with zipfile.ZipFile(docx) as package:
        notes = package.read("word/footnotes.xml").decode()
    note = notes[notes.index('<w:footnote w:id="1">'):]
    lines = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in re.findall(r"<w:p>.*?</w:p>", note)]
    assert lines == [" Các dự án được phê duyệt:", "- Dự án nước sạch;", "- Dự án trường học;", "- Dự án trạm y tế."]


def test_its_narratives_stay_out_of_the_monthly_and_yearly_reports_of_the_same_months(repo: Repo) -> None:
    term_office(repo)
    for args in (["--period", "2022-03"], ["--period", "2022", "--report", "nam"]):
        result = bcngv("show", *args, root=repo)
        assert "trong nhiệm kỳ" not in result.output and "Dự án" not in result.output, result.output
    told = bcngv("show", "--period", "2022", "--report", "nhiem-ky", root=repo)
    assert "Kết quả về ngoại giao văn hóa trong nhiệm kỳ." in told.output
