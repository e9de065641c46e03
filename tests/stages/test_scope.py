"""Depth and scope: the same activity told differently in different reports. A record's `short:`
text in a long-period report, records kept to (or out of) report kinds, a later plan replacing an
earlier one, and a forecast not told after its `until:` day; each end to end on a built report."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from bcngv.metrics import Selection, evaluate
from bcngv.records.catalog import Catalog
from bcngv.records.declared import builtin_kinds
from bcngv.records.models import RecordBase
from bcngv.render.templating import Renderer

from conftest import CONFIG, bcngv, year_kind

# the monthly report of conftest, a yearly review told in summaries, and a term report
REPORTS = CONFIG + year_kind("kiem-diem") + """\
    depth: summary
  nhiem-ky:
    template: nam.md.j2
    number: BC-SNgV
    summary: "Báo cáo nhiệm kỳ {{ period.label }}"
    recipients: ["Lưu: VT."]
    signer: pgd
"""

# every narrative, a figure over the period's records, and the tasks of the next period
TEMPLATE = """\
# Kết quả

Đoàn ra: {{ records.kind('doan_ra') | count }} đoàn.

{% for r in records.kind('su_kien') %}
- {{ r | tell }}
{% endfor %}

# Nhiệm vụ

{% for r in tasks %}
- {{ r | tell }}
{% endfor %}
"""


@pytest.fixture
def office(repo):
    repo.write("bcngv.yaml", REPORTS)
    repo.write("templates/thang.md.j2", TEMPLATE)
    repo.write("templates/nam.md.j2", TEMPLATE)
    return repo


def event(repo, day: str, name: str, text: str, extra: str = "") -> None:
    year, month, _ = day.split("-")
    repo.write(f"records/{year}/{month}/{day}-{name}.yaml",
               f"kind: su_kien\ndate: {day}\nfield: hop_tac_quoc_te\ntext: {text}\n{extra}")


def task(repo, day: str, name: str, text: str, extra: str = "") -> None:
    year, month, _ = day.split("-")
    repo.write(f"records/{year}/{month}/{day}-{name}.yaml",
               f"kind: nhiem_vu\ndate: {day}\ntarget: '2023'\ntext: {text}\n{extra}")


def built(repo, *args: str) -> str:
    """The body of the built .docx as plain text, one paragraph a line."""
    run = bcngv("build", *args, "--out", str(repo.root / "out"), "--no-cache", root=repo)
    assert run.exit_code == 0, run.output
    docx = Path(run.output.strip().splitlines()[-1])
    with zipfile.ZipFile(docx) as package:
        xml = package.read("word/document.xml").decode()
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
    return "\n".join("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)) for p in paragraphs)


MONTH = ("--period", "2022-07")
YEAR = ("--period", "2022")
TERM = ("--period", "2022-01..2022-07", "--report", "nhiem-ky")


# --- kept to, or kept out of, report kinds ------------------------------------------------------
def test_a_record_kept_to_a_report_kind_is_told_by_it_alone(office) -> None:
    event(office, "2022-07-20", "chung", "Hoạt động chung của tháng.")
    event(office, "2022-07-21", "nhiem-ky", "Tổng kết riêng cho nhiệm kỳ.", "reports: [nhiem-ky]\n")
    office.write("records/2022/07/2022-07-22-doan.yaml", """\
        kind: doan_ra
        date: 2022-07-22
        persons: 3
        funding: ngan_sach
        reports: [nhiem-ky]
        """)
    for args in (MONTH, YEAR):
        text = built(office, *args)
        assert "Hoạt động chung của tháng." in text
        assert "riêng cho nhiệm kỳ" not in text
        assert "Đoàn ra: 00 đoàn." in text  # its figures do not count it either
    term = built(office, *TERM)
    assert "Hoạt động chung của tháng." in term and "Tổng kết riêng cho nhiệm kỳ." in term
    assert "Đoàn ra: 01 đoàn." in term


def test_a_record_kept_out_of_report_kinds_is_told_by_the_others(office) -> None:
    event(office, "2022-07-21", "ngoai", "Chỉ báo cáo nhiệm kỳ kể.", "not_in: [thang, kiem-diem]\n")
    assert "Chỉ báo cáo nhiệm kỳ kể." not in built(office, *MONTH)
    assert "Chỉ báo cáo nhiệm kỳ kể." not in built(office, *YEAR)
    assert "Chỉ báo cáo nhiệm kỳ kể." in built(office, *TERM)


def test_a_report_id_bcngv_yaml_lacks_is_an_error_at_its_item(office) -> None:
    event(office, "2022-07-21", "sai", "Sai mã báo cáo.", "reports: [thang, nhiem-ki]\n")
    for _ in range(2):  # the second check takes the file from the cache, and still says it
        run = bcngv("check", "--format", "json", root=office)
        assert run.exit_code == 1, run.output
        found = [d for d in json.loads(run.stdout) if d["code"] == "unknown-scope-report"]
        assert [(d["path"], d["line"], d["col"]) for d in found] == [("records/2022/07/2022-07-21-sai.yaml", 5, 18)]
        assert "'nhiem-ky'" in found[0]["hint"] and "nhiem-ki" in found[0]["message"]
    office.write("records/2022/07/2022-07-21-sai.yaml", "kind: su_kien\ndate: 2022-07-21\nfield: khac\ntext: x\nnot_in:\n  - thang\n  - nam\n")
    run = bcngv("check", "--format", "json", root=office)
    assert [(d["code"], d["line"], d["col"]) for d in json.loads(run.stdout)] == [("unknown-scope-report", 7, 5)]
    assert bcngv("build", *MONTH, "--out", str(office.root / "out"), root=office).exit_code == 1


# --- a short text for long-period reports -------------------------------------------------------
def test_the_yearly_review_tells_the_short_text_and_the_month_the_full_one(office) -> None:
    event(office, "2022-07-20", "doan", "Đoàn làm việc chi tiết với tỉnh {partners} ngày 20/7.",
          "partners: [khammuon]\nshort: Làm việc với tỉnh {partners}.\n")
    event(office, "2022-07-21", "khac", "Hoạt động không có bản tóm tắt.")
    month, year = built(office, *MONTH), built(office, *YEAR)
    assert "Đoàn làm việc chi tiết với tỉnh Khăm Muồn ngày 20/7." in month and "Làm việc với tỉnh" not in month
    assert "Làm việc với tỉnh Khăm Muồn." in year and "chi tiết" not in year
    assert "Hoạt động không có bản tóm tắt." in year  # without a short text, its text


def test_a_template_chooses_the_short_text_itself() -> None:
    record = builtin_kinds()["su_kien"](kind="su_kien", date=date(2022, 7, 20), field="khac", text="Dài {persons}.", short="Ngắn.")
    detail, summary = Renderer(Path("templates"), Catalog()), Renderer(Path("templates"), Catalog(), summaries=True)
    assert (detail.tell(record), detail.tell(record, short=True)) == ("Dài {persons}.", "Ngắn.")
    assert (summary.tell(record), summary.tell(record, short=False)) == ("Ngắn.", "Dài {persons}.")
    plain = builtin_kinds()["su_kien"](kind="su_kien", date=date(2022, 7, 20), field="khac", text="Chỉ có text.")
    assert summary.tell(plain) == "Chỉ có text." and summary.join_texts([record, plain]) == "Ngắn; Chỉ có text"


# --- a later plan replaces an earlier one -------------------------------------------------------
PLANS = [("2022-07-29", "thang-7", "Kế hoạch tháng 7"), ("2022-09-30", "thang-9", "Kế hoạch tháng 9"),
         ("2022-11-07", "thang-11", "Kế hoạch tháng 11")]


TASKS = ("rà soát hồ sơ đoàn ra", "chuẩn bị đón đoàn vào")  # two tasks of a plan, not one written twice


def plans(repo, adds: dict[str, bool] | None = None) -> None:
    """Three plans for 2023, two tasks each."""
    for day, name, words in PLANS:
        for n, what in enumerate(TASKS, 1):
            task(repo, day, f"{name}-{n}", f"{words}, {what}.", "adds: true\n" if (adds or {}).get(name) else "")


def told_plans(text: str) -> list[str]:
    return [words for _, _, words in PLANS if all(f"{words}, {what}." in text for what in TASKS)]


def test_the_latest_plan_replaces_the_earlier_ones(office) -> None:
    plans(office)
    assert told_plans(built(office, *YEAR)) == ["Kế hoạch tháng 11"]
    # the review counted to 15/10 knew the September plan, not November's
    assert told_plans(built(office, *YEAR, "--as-of", "2022-10-15")) == ["Kế hoạch tháng 9"]


def test_a_plan_that_adds_keeps_the_plan_before_it(office) -> None:
    plans(office, {"thang-11": True})
    assert told_plans(built(office, *YEAR)) == ["Kế hoạch tháng 9", "Kế hoạch tháng 11"]


def test_plans_that_add_in_turn_keep_every_plan(office) -> None:
    plans(office, {"thang-9": True, "thang-11": True})
    assert told_plans(built(office, *YEAR)) == [words for _, _, words in PLANS]


def test_a_plan_that_adds_before_a_plan_that_replaces_is_replaced(office) -> None:
    plans(office, {"thang-9": True})
    assert told_plans(built(office, *YEAR)) == ["Kế hoạch tháng 11"]


def nhiem_vu(day: str, target: str, text: str, adds: bool = False) -> RecordBase:
    made = builtin_kinds()["nhiem_vu"](kind="nhiem_vu", date=date.fromisoformat(day), target=target, text=text, adds=adds)
    made._path = f"records/{day}-{text}.yaml"
    return made


def test_plans_are_per_target_and_their_figure_is_recomputed_from_its_records() -> None:
    tasks = [nhiem_vu("2022-07-29", "2023", "a"), nhiem_vu("2022-11-07", "2023", "b"),
             nhiem_vu("2022-11-07", "2023", "c"), nhiem_vu("2022-07-29", "2023-06", "d"),
             nhiem_vu("2022-12-01", "2023", "e", adds=True)]
    chosen = Selection.of(tasks).planned_for("2023")
    assert [r.text for r in chosen] == ["d", "b", "c", "e"]  # 2023-06 is a target of its own
    figure = chosen.count()
    assert evaluate(figure.query, figure.records).value == figure.value == 4
    assert [r.text for r in Selection.of(tasks).dates(None, "2022-10-01").planned_for("2023")] == ["a", "d"]


# --- forecasts are not told after their time ----------------------------------------------------
def test_a_forecast_is_told_until_its_day_and_not_after(office) -> None:
    event(office, "2022-07-20", "du-bao", "Đến hết năm 2022 khó thực hiện.", "until: 2022-09-30\n")
    assert "khó thực hiện" in built(office, *MONTH)
    assert "khó thực hiện" in built(office, *YEAR, "--as-of", "2022-09-30")
    assert "khó thực hiện" not in built(office, *YEAR, "--as-of", "2022-11-07")
    assert "khó thực hiện" not in built(office, *YEAR)  # the December review
