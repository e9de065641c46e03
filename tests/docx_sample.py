"""The sample report the document tests build (render/test_docx_writer, stages/test_pdf,
pipeline/test_determinism): two pages long, with footnotes, an empty section, and data that could
break a careless writer."""

from __future__ import annotations

import shutil
from pathlib import Path

from lxml import etree
from typer.testing import Result


from conftest import CATALOG, CONFIG, DOAN_RA, PROJECT, Repo, bcngv

# a công văn beside the báo cáo of conftest.CONFIG, from the same template
CONG_VAN = """\
  kths:
    template: thang.md.j2
    shape: cong_van
    number: SNgV-VPTTr
    summary: "Đánh giá tình hình thực hiện kế hoạch phát triển KTXH {{ period.label }}"
    addressee: Sở Kế hoạch và Đầu tư
    recipients: [Như trên;, "Lưu: VT, VPTTr."]
    signer: pgd
"""

LONG_WORD = "https://hatinh.gov.vn/" + "tai-lieu-" * 31 + "x"  # 302 characters without a space
AWKWARD = f'Hội nghị "Hà Tĩnh & Khăm Muồn" bàn về thuế < 5% và > 3 tỷ đồng; tài liệu {LONG_WORD}.'

RECORDS = {
    "records/2022/07/2022-07-12-doan.yaml": DOAN_RA,
    "records/2022/07/2022-07-20-hoi-nghi.yaml": f"""\
        kind: su_kien
        date: 2022-07-20
        field: hop_tac_quoc_te
        text: '{AWKWARD.replace("'", "''")}'
        """,
}

PARAGRAPH = (
    "Sở Ngoại vụ tiếp tục tham mưu Ủy ban nhân dân tỉnh triển khai các hoạt động đối ngoại theo kế hoạch, "
    "phối hợp chặt chẽ với các sở, ban, ngành và địa phương trong việc đón tiếp các đoàn khách quốc tế, "
    "quản lý đoàn ra, đoàn vào, bảo đảm đúng quy định và tiết kiệm, hiệu quả."
)

TEMPLATE = f"""\
Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Sở Ngoại vụ báo cáo kết quả công tác đối ngoại
{{{{ period.label }}}} như sau[^dau]:

# Kết quả thực hiện

## Hoạt động hợp tác quốc tế

{{% for r in records.kind('su_kien') %}}
- {{{{ r | tell }}}}
{{% endfor %}}

## Công tác không có gì để báo cáo

## Đoàn ra, đoàn vào

{{% set doan_ra = records.kind('doan_ra') %}}
- Đoàn ra: {{{{ doan_ra | count }}}} đoàn với {{{{ doan_ra | sum('persons') }}}} lượt cán bộ[^qua].

### Đoàn do lãnh đạo tỉnh dẫn đầu

+ Có {{{{ doan_ra.where(led_by_provincial_leader=true) | count }}}} đoàn do lãnh đạo tỉnh dẫn đầu.

{{% for i in range(1, 13) %}}
Đoạn {{{{ i }}}}. {PARAGRAPH}

{{% endfor %}}

# Nhiệm vụ trọng tâm thời gian tới

- Tiếp tục theo dõi các nội dung đã nêu ở phần mở đầu[^dau].

[^qua]: Các doanh nghiệp tặng quà cho tỉnh Bolikhămxay trị giá 500 triệu kíp.
[^dau]: Chú thích ở đoạn mở đầu.
"""


def make_office(root: Path, template: str = TEMPLATE) -> Repo:
    """An office repository at `root` with the sample records and template."""
    repo = Repo(root)
    repo.write("bcngv.yaml", CONFIG + CONG_VAN)
    repo.write("records/_catalog/doi_tac.yaml", CATALOG)
    shutil.copytree(PROJECT / "templates", root / "templates", dirs_exist_ok=True)
    (root / "templates" / "thang.md.j2").write_text(template, encoding="utf-8")
    for path, text in RECORDS.items():
        repo.write(path, text)
    return repo


def build(repo: Repo, *args: str) -> Result:
    """`bcngv build --period 2022-07 --as-of 2022-07-29 --number 05` and `args` in the repository."""
    return bcngv("build", "--period", "2022-07", "--as-of", "2022-07-29", "--number", "05", *args, root=repo)


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def seen(text: str) -> str:
    """Text of the .docx as a reader sees it: a no-break space (in titles) reads " ", and the
    zero-width word joiner that holds a document number's hyphen is not seen."""
    return text.replace("\u00a0", " ").replace("\u2060", "")


def text_of(element: etree._Element) -> str:
    """The text of `element` as a reader sees it."""
    return seen("".join(node.text or "" for node in element.iter(w("t"))))
