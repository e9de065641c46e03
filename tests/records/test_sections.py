"""Sections and topics belong to the office: bcngv.yaml declares the fields a record's `field` may
name (their keys, words and order; the monthly report's eleven when it declares none) and the
topics a record's `topic` may name; records carry an `order` where dates do not give it."""

from __future__ import annotations

import json

import pytest

from bcngv.config import Config
from bcngv.metrics import Selection
from bcngv.records.loader import load_records
from bcngv.records.vocabulary import DEFAULT_FIELDS, Sections
from bcngv.schema import record_schema
from conftest import CONFIG, Repo, bcngv

# a term report of the office's own sections, told in the order bcngv.yaml declares them
TERM = """\
  nhiem-ky:
    template: nhiem-ky.md.j2
    number: BC-SNgV
    summary: "Báo cáo nhiệm kỳ {{ period.label }}"
    recipients: ["Lưu: VT."]
    signer: pgd
"""
FIELDS = """\
fields:
  hoi_nhap: hội nhập quốc tế
  ngoai_giao_van_hoa: ngoại giao văn hóa
  hop_tac_quoc_te: hợp tác quốc tế
topics:
  lao: hợp tác với Lào
  han_quoc: hợp tác với Hàn Quốc
"""
BY_FIELD = """\
Sở báo cáo như sau:

{% for field, items in records.group('field') %}
# Về {{ field.label }} ({{ field }})

{% for r in items %}
- {{ r | tell }}
{% endfor %}

{% endfor %}
"""
BY_TOPIC = """\
Sở báo cáo như sau:

{% for topic, items in records.group('topic') %}
# {{ topic.label if topic else 'Các nội dung khác' }}

{% for r in items %}
- {{ r | tell }}
{% endfor %}

{% endfor %}
# Lào

Có {{ records.topic('lao') | count }} nội dung.
"""


def event(repo: Repo, name: str, day: str, field: str = "hop_tac_quoc_te", extra: str = "") -> None:
    repo.write(f"records/2022/{day[5:7]}/{name}.yaml",
               f"kind: su_kien\ndate: {day}\nfield: {field}\ntext: {name}.\n{extra}")


def office(repo: Repo, template: str, declared: str = FIELDS) -> Repo:
    repo.write("bcngv.yaml", CONFIG + TERM + declared)
    repo.write("templates/nhiem-ky.md.j2", template)
    return repo


def show(repo: Repo) -> str:
    result = bcngv("show", "--period", "2022-07", "--report", "nhiem-ky", root=repo)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_an_office_declares_its_own_sections_and_a_report_groups_by_them(repo) -> None:
    office(repo, BY_FIELD)
    event(repo, "Ký kết hợp tác", "2022-07-01")
    event(repo, "Tham gia diễn đàn ASEAN", "2022-07-02", "hoi_nhap")
    event(repo, "Tuần văn hóa Việt Nam", "2022-07-03", "ngoai_giao_van_hoa")
    printed = show(repo)
    headings = [line for line in printed.splitlines() if line.startswith("## ")]
    # the order bcngv.yaml declares, with its words, whatever the dates (the preview prints level-1
    # headings in capitals, as the report does)
    assert headings == ["## I. VỀ HỘI NHẬP QUỐC TẾ (HOI\\_NHAP)", "## II. VỀ NGOẠI GIAO VĂN HÓA (NGOAI\\_GIAO\\_VAN\\_HOA)",
                        "## III. VỀ HỢP TÁC QUỐC TẾ (HOP\\_TAC\\_QUOC\\_TE)"]
    assert printed.index("Tham gia diễn đàn ASEAN") < printed.index("Tuần văn hóa") < printed.index("Ký kết hợp tác")


def test_a_field_the_office_does_not_declare_is_an_invalid_choice_at_its_line(repo, only) -> None:
    office(repo, BY_FIELD)
    event(repo, "a", "2022-07-01", "hoi_nhapp")
    found = only(load_records(repo.root, sections=Config.model_validate(_config(repo)).sections).diagnostics,
                 "invalid-choice")
    assert (found.path, found.line, found.col) == ("records/2022/07/a.yaml", 3, 8)
    assert "'hoi_nhap'" in found.hint and "ngoai_giao_van_hoa (ngoại giao văn hóa)" in found.hint
    # the same through the CLI: the office's fields are the ones checked
    result = bcngv("check", "--format", "json", root=repo)
    assert result.exit_code == 1
    assert [(d["code"], d["line"], d["col"]) for d in json.loads(result.stdout)] == [("invalid-choice", 3, 8)]


def test_the_default_fields_are_checked_with_a_suggestion(repo, only) -> None:
    event(repo, "a", "2022-07-01", "hop_tac")
    found = only(load_records(repo.root).diagnostics, "invalid-choice")
    assert (found.line, found.col) == (3, 8) and "'hop_tac_quoc_te'" in found.hint


def test_a_kind_whose_default_field_is_not_declared_is_reported_at_its_kind(repo, only) -> None:
    office(repo, BY_FIELD)
    repo.write("records/2022/07/d.yaml", "date: 2022-07-12\nkind: doan_ra\npersons: 3\nfunding: tu_tuc\n")
    found = only(load_records(repo.root, sections=Config.model_validate(_config(repo)).sections).diagnostics,
                 "invalid-choice")
    assert (found.line, found.col) == (2, 7) and "doan_ra_doan_vao" in found.message


def test_a_topic_must_be_declared(repo, only) -> None:
    office(repo, BY_TOPIC)
    event(repo, "a", "2022-07-01", extra="topic: lao_\n")
    sections = Config.model_validate(_config(repo)).sections
    found = only(load_records(repo.root, sections=sections).diagnostics, "invalid-choice")
    assert (found.line, found.col) == (5, 8) and "'lao'" in found.hint
    # an office that declares no topic at all: every topic is reported, with where to declare it
    found = only(load_records(repo.root).diagnostics, "invalid-choice")
    assert (found.line, found.col) == (5, 8) and "topics:" in found.hint


def test_the_defaults_are_the_eleven_of_the_monthly_report() -> None:
    assert list(DEFAULT_FIELDS) == ["hop_tac_quoc_te", "doan_ra_doan_vao", "lanh_su", "bien_gioi", "nguoi_viet",
                                    "thong_tin", "van_phong", "cai_cach", "dich_thuat", "chi_dao", "khac"]
    assert DEFAULT_FIELDS["dich_thuat"] == "dịch thuật, dịch vụ đối ngoại và thủ tục hành chính"
    import yaml

    assert Config.model_validate(yaml.safe_load(CONFIG)).sections == Sections()
    schema = record_schema()["$defs"]["WorkField"]
    assert schema["enum"] == list(DEFAULT_FIELDS) and schema["enumDescriptions"] == list(DEFAULT_FIELDS.values())
    assert "mặc định" in schema["description"] and "Topic" not in record_schema()["$defs"]


def test_schema_and_new_name_the_offices_fields(repo) -> None:
    office(repo, BY_FIELD)
    schema = json.loads(bcngv("schema", root=repo).stdout)
    assert schema["$defs"]["WorkField"]["enum"] == ["hoi_nhap", "ngoai_giao_van_hoa", "hop_tac_quoc_te"]
    assert schema["$defs"]["Topic"]["enum"] == ["lao", "han_quoc"]
    written = bcngv("new", "su_kien", "--date", "2022-07-12", root=repo).stdout.strip()
    text = (repo.root / written).read_text(encoding="utf-8") if not written.startswith("/") else open(written).read()
    assert "#   hoi_nhap: hội nhập quốc tế" in text and "#   lao: hợp tác với Lào" in text
    assert "#   lanh_su" not in text


def test_topics_group_records_in_declared_order_and_order_orders_them(repo) -> None:
    office(repo, BY_TOPIC)
    event(repo, "Đoàn Hàn Quốc thăm tỉnh", "2022-07-01", extra="topic: han_quoc\n")
    event(repo, "Trao học bổng cho sinh viên Lào", "2022-07-02", extra="topic: lao\n")
    event(repo, "Tập huấn nghiệp vụ", "2022-07-03")
    event(repo, "Đánh giá dự án với Lào", "2022-07-04", extra="topic: lao\norder: 2\n")
    event(repo, "Số liệu dự án với Lào", "2022-07-20", extra="topic: lao\norder: 1\n")
    event(repo, "Tiếp Tổng Lãnh sự Lào", "2022-07-25", extra="topic: lao\n")
    printed = show(repo)
    told = [line.removeprefix("- ") for line in printed.splitlines() if line.startswith("- ")]
    assert told == [
        # the Laos items together, first as topics: declares them; within, (order, date): the
        # figures before their assessment though dated after it
        "Trao học bổng cho sinh viên Lào.", "Tiếp Tổng Lãnh sự Lào.", "Số liệu dự án với Lào.",
        "Đánh giá dự án với Lào.",
        "Đoàn Hàn Quốc thăm tỉnh.",
        "Tập huấn nghiệp vụ.",  # no topic: last
    ]
    assert "Có 04 nội dung." in printed
    headings = [line for line in printed.splitlines() if line.startswith("## ")]
    assert headings == ["## I. HỢP TÁC VỚI LÀO", "## II. HỢP TÁC VỚI HÀN QUỐC", "## III. CÁC NỘI DUNG KHÁC", "## IV. LÀO"]


def test_records_without_order_keep_date_order() -> None:
    from datetime import date

    from bcngv.records.declared import builtin_kinds

    made = [builtin_kinds()["su_kien"](kind="su_kien", date=date(2022, 7, d), field="khac", text=str(d), order=o)
            for d, o in ((5, 0), (1, 0), (9, -1), (3, 1))]
    assert [r.text for r in Selection.of(made)] == ["9", "1", "5", "3"]


@pytest.mark.parametrize(("call", "name"), [(".field('hoi_nhapp')", "hoi_nhapp"), (".topic('laos')", "laos")])
def test_a_misspelt_field_or_topic_in_a_template_is_an_error_at_its_line(repo, call: str, name: str) -> None:
    office(repo, "Sở báo cáo như sau:\n\n# Kết quả\n\nCó {{ records" + call + " | count }} việc.\n")
    event(repo, "a", "2022-07-01")
    result = bcngv("build", "--period", "2022-07", "--report", "nhiem-ky", "--format", "json",
                   "--out", str(repo.root / "out"), root=repo)
    assert result.exit_code == 1, result.output
    [found] = json.loads(result.stdout)
    assert (found["code"], found["path"], found["line"]) == ("template-error", "templates/nhiem-ky.md.j2", 5)
    assert name in found["message"]


def test_the_cache_knows_which_fields_records_were_checked_against(repo) -> None:
    office(repo, BY_FIELD)
    event(repo, "a", "2022-07-01", "hoi_nhap")
    assert bcngv("check", root=repo).exit_code == 0
    repo.write("bcngv.yaml", CONFIG + TERM + FIELDS.replace("  hoi_nhap: hội nhập quốc tế\n", ""))
    result = bcngv("check", "--format", "json", root=repo)
    assert [d["code"] for d in json.loads(result.stdout)] == ["invalid-choice"]


def test_a_field_key_must_be_a_plain_key(repo) -> None:
    office(repo, BY_FIELD, FIELDS.replace("  hoi_nhap:", "  Hội nhập:"))
    result = bcngv("check", "--format", "json", root=repo)
    assert result.exit_code == 2
    [found] = json.loads(result.stdout)
    assert (found["code"], found["line"]) == ("config-invalid", len((CONFIG + TERM).splitlines()) + 2)


def _config(repo: Repo) -> dict:
    import yaml

    return yaml.safe_load((repo.root / "bcngv.yaml").read_text(encoding="utf-8"))


def test_worker_processes_check_against_the_offices_fields(repo, monkeypatch, only) -> None:
    from bcngv.records import loader

    monkeypatch.setattr(loader, "PARALLEL_FROM", 1)
    monkeypatch.setattr(loader, "CHUNK", 1)
    event(repo, "a", "2022-07-01", "hoi_nhap")
    event(repo, "b", "2022-07-02", "hoi_nhapp")
    found = only(load_records(repo.root, cache=False, sections=Sections({"hoi_nhap": "hội nhập quốc tế"})).diagnostics,
                 "invalid-choice")
    assert (found.path, found.line, found.col) == ("records/2022/07/b.yaml", 3, 8)
