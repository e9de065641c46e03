"""Checks beyond one field: partner spellings in words, totals, folders, the same activity twice;
and how `bcngv check` shows what it found."""

from __future__ import annotations

import json

import pytest

from bcngv.records.loader import load_records

from conftest import DOAN_RA, PROJECT, bcngv

DICH_THUAT = """\
kind: dich_thuat
date: 2024-05-01
end: 2024-05-31
pages: 886
pages_tu_phap: 472
pages_trung_tam: 273
pages_noi_dung: 73
pages_hieu_dinh: 68
"""


def codes(repo) -> list[tuple[str, str, int, int]]:
    return [(d.code, d.path, d.line, d.col) for d in load_records(repo.root).diagnostics]


# --- partner names spelled the old ways ----------------------------------------------------------

def test_an_alias_in_the_text_is_a_warning_at_its_column(repo, only) -> None:
    repo.write("records/2022/07/r.yaml", DOAN_RA.replace("Đoàn sang làm việc với các tỉnh {partners}.",
                                                         "Đoàn sang tỉnh Bolykhamxay và tỉnh Khăm Muộn."))
    found = load_records(repo.root).diagnostics
    assert [(d.code, d.line, d.col) for d in found] == [("partner-alias", 7, 22), ("partner-alias", 7, 42)]
    assert all(not d.is_error for d in found)
    assert "'Bolikhămxay'" in found[0].message and "'bolikhamxay'" in found[0].hint


def test_an_alias_in_a_folded_text_and_a_footnote(repo) -> None:
    repo.write("records/2022/07/r.yaml", """\
        kind: su_kien
        date: 2022-07-20
        field: hop_tac_quoc_te
        text: >-
          Đoàn công tác sang chúc tết các tỉnh
          Savannakhet, Bolikhamsay và Thủ đô Viêng Chăn.
        footnote: "Tặng tỉnh Khăm Muộn 20 bộ máy vi tính."
        """)
    assert codes(repo) == [
        ("partner-alias", "records/2022/07/r.yaml", 6, 16),
        ("partner-alias", "records/2022/07/r.yaml", 7, 22),
    ]


def test_an_alias_broken_across_two_lines_points_at_the_text(repo) -> None:
    repo.write("records/2022/07/r.yaml", "kind: su_kien\ndate: 2022-07-20\nfield: khac\ntext: >-\n"
                                         "  tỉnh Khăm\n  Muộn\n")
    assert codes(repo) == [("partner-alias", "records/2022/07/r.yaml", 4, 7)]


@pytest.mark.parametrize(
    "text",
    [
        "Đoàn sang Thủ đô Viêng Chăn.",  # an alias inside a canonical name is the canonical name
        "Đoàn sang tỉnh Bolikhămxay, Khăm Muồn và nước Lào.",  # canonical names
        "Đoàn sang CHDCND Lào và Bolykhamxayy.",  # not whole words
        "bolykhamxay viết thường",  # proper nouns keep their case
    ],
)
def test_canonical_names_and_lookalikes_are_not_warned(repo, text: str) -> None:
    repo.write("records/_catalog/doi_tac.yaml",
               "lao:\n  name: Lào\nvientiane:\n  name: Thủ đô Viêng Chăn\n  aliases: [Viêng Chăn]\n"
               "bolikhamxay:\n  name: Bolikhămxay\n  aliases: [Bolykhamxay]\nkhammuon:\n  name: Khăm Muồn\n")
    repo.write("records/2022/07/r.yaml", f"kind: su_kien\ndate: 2022-07-20\nfield: khac\ntext: {text}\n")
    assert codes(repo) == []


def test_ids_are_not_words(repo) -> None:
    repo.write("records/_catalog/doi_tac.yaml", "khammuon:\n  name: Khăm Muồn\n  aliases: [khammuon]\n")
    repo.write("records/2022/07/r.yaml", "kind: su_kien\ndate: 2022-07-20\nfield: khac\npartners: [khammuon]\ntext: x")
    assert codes(repo) == []


# --- a record against itself and its folder ------------------------------------------------------

def test_a_total_that_disagrees_with_its_parts(repo, only) -> None:
    repo.write("records/2024/05/dich-thuat.yaml", DICH_THUAT.replace("pages: 886", "pages: 900"))
    found = only(load_records(repo.root).diagnostics, "total-mismatch")
    assert (found.path, found.line, found.col) == ("records/2024/05/dich-thuat.yaml", 4, 8)
    assert "900" in found.message and "886" in found.message and found.is_error


@pytest.mark.parametrize(
    "text", [DICH_THUAT, DICH_THUAT.replace("pages: 886\n", ""), "kind: dich_thuat\ndate: 2024-05-01\npages: 886\n"]
)
def test_a_total_alone_or_in_agreement_is_fine(repo, text: str) -> None:
    repo.write("records/2024/05/dich-thuat.yaml", text)
    assert codes(repo) == []


def test_a_date_a_few_days_outside_the_folders_month_is_a_warning(repo, only) -> None:
    repo.write("records/2022/08/r.yaml", DOAN_RA.replace("2022-07-12", "2022-07-25"))  # 7 days before August
    found = only(load_records(repo.root).diagnostics, "date-outside-folder")
    assert (found.path, found.line, found.col) == ("records/2022/08/r.yaml", 2, 7)
    assert not found.is_error and "2022/08" in found.message


@pytest.mark.parametrize(("day", "days", "meant"), [("2022-12-07", 129, "'2022-07-12'"), ("2021-07-12", 354, ""),
                                                     ("2022-08-08", 8, "")])
def test_a_date_far_from_the_folders_month_is_an_error(repo, only, day: str, days: int, meant: str) -> None:
    repo.write("records/2022/07/r.yaml", DOAN_RA.replace("2022-07-12", day))
    found = only(load_records(repo.root).diagnostics, "date-far-from-folder")
    assert (found.path, found.line, found.col, found.is_error) == ("records/2022/07/r.yaml", 2, 7, True)
    assert f"{days} ngày" in found.message and (meant in found.hint if meant else "Có phải" not in found.hint)


def test_folders_that_are_not_months_are_not_checked(repo) -> None:
    repo.write("records/cu/r.yaml", DOAN_RA)
    assert codes(repo) == []


# --- the same activity in two files --------------------------------------------------------------

def test_the_same_activity_recorded_twice(repo, only) -> None:
    repo.write("records/2022/07/a.yaml", DOAN_RA)
    retyped = DOAN_RA.replace("làm việc với", "làm viêc với").replace("persons: 12", "persons: 11")
    repo.write("records/2022/07/b.yaml", retyped)
    found = only(load_records(repo.root).diagnostics, "duplicate-record")
    assert (found.path, found.line, found.col) == ("records/2022/07/b.yaml", 7, 1)
    assert "records/2022/07/a.yaml:7" in found.message and found.is_error
    assert "tính hai lần 1 hồ sơ doan_ra, persons 11" in found.message and "distinct: true" in found.hint


def test_a_record_saying_it_is_distinct_is_no_duplicate(repo) -> None:
    repo.write("records/2022/07/a.yaml", DOAN_RA)
    repo.write("records/2022/07/b.yaml", DOAN_RA + "distinct: true\n")
    assert codes(repo) == []


def test_tallies_without_words_are_the_same_when_their_figures_are(repo, only) -> None:
    repo.write("records/2024/05/a.yaml", DICH_THUAT)
    repo.write("records/2024/05/b.yaml", DICH_THUAT)
    repo.write("records/2024/05/c.yaml", DICH_THUAT + "copies_tu_phap: 187\n")
    found = only(load_records(repo.root).diagnostics, "duplicate-record")
    assert (found.path, found.line, found.col) == ("records/2024/05/b.yaml", 2, 1)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (("date: 2022-07-12", "date: 2022-07-13"), "another day"),
        (("kind: doan_ra", "kind: doan_vao"), "another kind"),
        (("Đoàn sang làm việc với các tỉnh {partners}.", "Đoàn dự hội chợ thương mại tại Viêng Chăn."), "other words"),
    ],
)
def test_different_activities_are_not_duplicates(repo, change: tuple[str, str], reason: str) -> None:
    repo.write("records/2022/07/a.yaml", DOAN_RA)
    other = DOAN_RA.replace(*change)
    repo.write("records/2022/07/b.yaml", other.replace("persons", "visitors") if "doan_vao" in other else other)
    assert [c for c in codes(repo) if c[0] == "duplicate-record"] == [], reason


# --- what `bcngv check` prints -------------------------------------------------------------------

def test_text_output_quotes_the_line_and_marks_the_column(repo) -> None:
    repo.write("records/2022/07/a.yaml", DOAN_RA.replace("funding: ngan_sach", "funding: ngansach"))
    repo.write("records/2022/07/b.yaml", "kind: doan_ra\n\tdate: x\n")
    result = bcngv("check", root=repo)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    start = lines.index(
        "records/2022/07/a.yaml:4:10: error invalid-choice: 'ngansach' không phải giá trị cho phép của 'funding'"
    )
    assert lines[start + 1] == "    4 | funding: ngansach"
    assert lines[start + 2] == "      |          ^"
    assert lines[start + 3].startswith("    gợi ý: Có phải là 'ngan_sach'?")
    assert lines[start + 4] == ""  # files are separated, so each file's problems stand together
    assert lines[start + 5].startswith("records/2022/07/b.yaml:2:1: error tab-indent")
    assert lines[start + 6] == "    2 | \tdate: x"
    assert lines[start + 7] == "      | ^"
    assert lines[-1] == "2 tệp, 0 hồ sơ hợp lệ; 2 lỗi, 0 cảnh báo."


def test_a_long_line_is_quoted_around_the_column(repo) -> None:
    text = "kind: su_kien\ndate: 2022-07-20\nfield: khac\ntext: " + "chữ " * 60 + "Bolykhamxay.\n"
    repo.write("records/2022/07/a.yaml", text)
    quoted = [line for line in bcngv("check", root=repo).output.splitlines() if line.startswith(("    4 |", "      |"))]
    assert quoted[0].startswith("    4 | …") and "Bolykhamxay" in quoted[0]
    assert quoted[1].index("^") == quoted[0].index("Bolykhamxay")


def test_json_and_github_formats(repo) -> None:
    repo.write("records/2022/07/a, b.yaml", DOAN_RA.replace("persons: 12", "persons: -3"))
    as_json = json.loads(bcngv("check", "--format", "json", root=repo).stdout)
    assert as_json == [{
        "code": "negative-number", "severity": "error", "path": "records/2022/07/a, b.yaml", "line": 3, "col": 10,
        "message": "'persons' không được âm (-3)", "hint": "Số lượng và số tiền phải từ 0 trở lên.",
    }]
    github = bcngv("check", "--format", "github", root=repo).stdout.strip()
    assert github.startswith(
        "::error file=records/2022/07/a%2C b.yaml,line=3,col=10,title=negative-number::negative-number: "
    )


def test_strict_makes_warnings_fail(repo) -> None:
    repo.write("records/2022/08/a.yaml", DOAN_RA.replace("2022-07-12", "2022-07-30"))  # just outside its folder: a warning
    assert bcngv("check", root=repo).exit_code == 0
    assert bcngv("check", "--strict", root=repo).exit_code == 1


def test_a_path_that_does_not_exist_is_a_usage_error(repo) -> None:
    result = bcngv("check", str(repo.root / "records" / "2099"), root=repo)
    assert result.exit_code == 2
    assert "2099:1:1: error no-such-path" in result.output


def test_the_bundled_records_are_clean_under_strict() -> None:
    result = bcngv("check", "--strict", root=PROJECT)
    assert result.exit_code == 0, result.output
    assert "0 lỗi, 0 cảnh báo" in result.output


def test_check_compiles_the_templates_and_names_a_syntax_error_at_its_line(repo) -> None:
    """A template's mistake is found by check, before any report is asked for."""
    repo.write("templates/thang.md.j2", "# Báo cáo\n\n{% for r in records %}\n{{ r.text }\n{% endfor %}\n")
    result = bcngv("check", root=repo)
    assert result.exit_code == 1, result.output
    assert "templates/thang.md.j2:4:1: error template-syntax" in result.output


def test_check_names_an_unknown_filter_at_its_line(repo) -> None:
    """What compiling the template would find, check finds without a report being asked for."""
    repo.write("templates/thang.md.j2", "# Báo cáo\n\n{{ records | count | sooo }}\n")
    result = bcngv("check", root=repo)
    assert result.exit_code == 1, result.output
    assert "templates/thang.md.j2:3:1: error template-syntax" in result.output and "sooo" in result.output
