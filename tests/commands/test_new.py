"""`bcngv new`: a skeleton with every field, that `check` explains until it is filled in."""

from __future__ import annotations

import re

import pytest

from bcngv.records.loader import load_records
from bcngv.records.declared import builtin_kinds

from conftest import bcngv

KINDS = builtin_kinds()

# a value for each field a skeleton leaves blank, as a user would type it
FILLED = {
    "persons": "12", "visitors": "25", "funding": "tu_tuc", "year": "2022", "delegations": "8",
    "organiser": "Trường Đại học Hà Tĩnh", "category": "tap_huan", "level": "cap_tinh", "action": "du_an",
    "organisation": "path", "case_type": "bao_ho_cong_dan", "sets": "11", "school_year": "2022-2023",
    "students": "131", "procedure": "ho_chieu", "dossiers": "21", "field": "khac", "text": "Nội dung.",
    "part": "ubnd_tinh", "target": "2022-08", "addressee": "UBND tỉnh", "subject": "luu_hoc_sinh_lao",
    "value": "1100", "unit": "lưu học sinh Lào", "source": "Công văn số 752/SNgV-VPTTr",
}


@pytest.fixture
def office(repo):
    repo.write("records/_catalog/to_chuc.yaml", "path:\n  name: PATH\n  type: ngo\n")
    return repo


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_skeleton_is_explained_by_check_then_valid_once_filled(office, kind: str) -> None:
    result = bcngv("new", kind, "--date", "2022-07-12", root=office)
    assert result.exit_code == 0, result.output
    relative = f"records/2022/07/2022-07-12-{kind}.yaml"
    assert result.stdout.strip() == relative
    path = office.root / relative
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schema/record.json\n")
    assert f"\nkind: {kind}\ndate: 2022-07-12\n" in text
    for name in KINDS[kind].model_fields:
        assert re.search(rf"^{name}:", text, re.M), f"{name} is missing from the skeleton"
    blanks = load_records(office.root).diagnostics
    assert {d.code for d in blanks} <= {"empty-value"}
    for d in blanks:  # each blank is named at its own line
        assert d.path == relative and text.splitlines()[d.line - 1] == f"{d.message.split(chr(39))[1]}:"
    for d in blanks:
        name = d.message.split("'")[1]
        text = re.sub(rf"^{name}:$", f"{name}: {FILLED[name]}", text, flags=re.M)
    path.write_text(text, encoding="utf-8")
    loaded = load_records(office.root)
    assert loaded.diagnostics == [] and [r.kind for r in loaded.records] == [kind]


def test_blanks_are_reported_with_their_line_and_column(office) -> None:
    bcngv("new", "doan_ra", "--date", "2022-07-12", root=office)
    lines = (office.root / "records/2022/07/2022-07-12-doan_ra.yaml").read_text(encoding="utf-8").splitlines()
    found = [(d.code, d.line, d.col) for d in load_records(office.root).diagnostics]
    assert found == [("empty-value", lines.index("persons:") + 1, 1), ("empty-value", lines.index("funding:") + 1, 1)]


@pytest.mark.parametrize("kind", ["doan_ra", "dich_thuat", "lanh_su", "vien_tro"])
def test_no_answer_is_written_that_the_person_has_not_given(office, kind: str) -> None:
    """A default written out (`led_by_provincial_leader: false`, `approved_by: tinh`, a count of 0)
    and left untouched would reach the report as a fact nobody stated: every field is left empty."""
    bcngv("new", kind, "--date", "2022-07-12", root=office)
    lines = (office.root / f"records/2022/07/2022-07-12-{kind}.yaml").read_text(encoding="utf-8").splitlines()
    answered = [line for line in lines if not line.startswith("#") and not line.endswith(":")]
    assert answered == [f"kind: {kind}", "date: 2022-07-12"]


def test_allowed_values_are_listed_with_their_words(office) -> None:
    bcngv("new", "doan_ra", "--date", "2022-07-12", root=office)
    text = (office.root / "records/2022/07/2022-07-12-doan_ra.yaml").read_text(encoding="utf-8")
    block = text.split("\nfunding:")[0].rsplit("# nguồn kinh phí", 1)[1]
    assert [line.strip() for line in block.splitlines()[1:]] == [
        "#   ngan_sach: ngân sách Nhà nước", "#   tu_tuc: tự túc kinh phí", "#   trung_uong: Trung ương đài thọ",
        "#   doi_tac: đối tác đài thọ"]


def test_an_existing_record_is_never_overwritten(office) -> None:
    first = bcngv("new", "tham_muu", "--date", "2022-07-12", root=office).stdout.strip()
    (office.root / first).write_text("kind: tham_muu\n", encoding="utf-8")
    second = bcngv("new", "tham_muu", "--date", "2022-07-12", root=office).stdout.strip()
    assert second == "records/2022/07/2022-07-12-tham_muu-2.yaml"
    assert (office.root / first).read_text(encoding="utf-8") == "kind: tham_muu\n"


def test_like_copies_the_values_but_not_the_dates(office) -> None:
    office.write("records/2024/04/dich-thuat.yaml", """\
        kind: dich_thuat
        date: 2024-04-01
        end: 2024-04-30
        pages_tu_phap: 472
        visa_countries: [lao]
        text: Dịch vụ thường xuyên tại Trung tâm.
        """)
    like = str(office.root / "records/2024/04/dich-thuat.yaml")
    result = bcngv("new", "dich_thuat", "--date", "2024-05-01", "--like", like, root=office)
    assert result.exit_code == 0, result.output
    text = (office.root / "records/2024/05/2024-05-01-dich_thuat.yaml").read_text(encoding="utf-8")
    assert "\npages_tu_phap: 472\n" in text and "\nvisa_countries: [lao]\n" in text
    assert "\ndate: 2024-05-01\n" in text and "\nend:\n" in text
    assert load_records(office.root).diagnostics == []


def test_a_long_text_is_folded_and_read_back_unchanged(office) -> None:
    words = "Tham mưu UBND tỉnh tổ chức Hội nghị cấp cao thường niên giữa tỉnh Hà Tĩnh với các tỉnh của Lào " * 3
    office.write("records/2022/06/a.yaml", f"kind: su_kien\ndate: 2022-06-01\nfield: khac\ntext: '{words.strip()}'\n")
    bcngv("new", "su_kien", "--date", "2022-07-12", "--like", str(office.root / "records/2022/06/a.yaml"),
          root=office)
    text = (office.root / "records/2022/07/2022-07-12-su_kien.yaml").read_text(encoding="utf-8")
    assert "\ntext: >-\n  Tham mưu" in text
    loaded = load_records(office.root)
    assert {r.text for r in loaded.records} == {words.strip()}


@pytest.mark.parametrize(
    ("args", "code"),
    [(["doan_raa"], "unknown-kind"), (["doan_ra", "--like", "nowhere.yaml"], "no-such-path")],
)
def test_usage_mistakes_exit_2(office, args: list[str], code: str) -> None:
    result = bcngv("new", *args, "--date", "2022-07-12", root=office)
    assert result.exit_code == 2
    assert f"error {code}" in result.output
    assert not (office.root / "records" / "2022").exists()


def test_a_broken_like_file_is_a_data_problem(office) -> None:
    office.write("records/2022/06/bad.yaml", "kind: doan_ra\npersons: [\n")
    like = str(office.root / "records/2022/06/bad.yaml")
    result = bcngv("new", "doan_ra", "--date", "2022-07-12", "--like", like, root=office)
    assert result.exit_code == 1
    assert "records/2022/06/bad.yaml:2:10: error list-written-wrongly" in result.output  # the open [
