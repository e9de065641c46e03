"""What used to reach a report without a word: a placeholder the report cannot fill, a record file
the loader does not read, an implausible figure. Each is said at its line (and column)."""

from __future__ import annotations

import pytest

from bcngv.records.declared import load_kinds
from bcngv.records.loader import load_records

from conftest import DOAN_RA, PROJECT

HEAD = "kind: doan_ra\ndate: 2022-07-12\npersons: 12\nfunding: ngan_sach\n"


def found(repo, code: str) -> list[tuple[int, int, str]]:
    return [(d.line, d.col, d.message) for d in load_records(repo.root).diagnostics if d.code == code]


@pytest.mark.parametrize(("tail", "places"), [
    ("partners: [lao]\ntext: Làm việc với {partner} về hợp tác.\n", [(6, 20)]),
    ("partners: [lao]\ntext: >\n  Đoàn {persons} người làm việc\n  với {partner} về hợp tác.\n", [(8, 7)]),
    ("partners: [lao]\ntext: 'Đoàn {persons} người, với {partner}.'\n", [(6, 34)]),
    ("partners: [lao]\ntext: Đoàn.\nshort: Đoàn với {Partners} và { doan }.\n", [(7, 17), (7, 31)]),
    ("partners: [lao]\ntext: Đoàn ngày {date}.\nfootnote: Xem {ghi_chu}.\n", [(6, 17), (7, 15)]),
])
def test_an_unknown_placeholder_is_an_error_at_its_brace(repo, tail: str, places: list[tuple[int, int]]) -> None:
    repo.write("records/2022/07/r.yaml", HEAD + tail)
    reported = found(repo, "unknown-placeholder")
    assert [(line, col) for line, col, _ in reported] == places
    assert all("báo cáo sẽ in nguyên văn" in message for _, _, message in reported)


def test_the_nearest_placeholder_is_suggested(repo) -> None:
    repo.write("records/2022/07/r.yaml", HEAD + "partners: [lao]\ntext: Làm việc với {partner}.\n")
    [diagnostic] = [d for d in load_records(repo.root).diagnostics if d.code == "unknown-placeholder"]
    assert "Có phải là '{partners}'?" in diagnostic.hint and "{persons}" in diagnostic.hint


@pytest.mark.parametrize(("tail", "line", "col"), [
    ("partners: []\ntext: Làm việc với {partners} về hợp tác.\n", 6, 20),
    ("text: Làm việc với {partners} về hợp tác.\n", 5, 20),
])
def test_a_placeholder_with_nothing_to_print_is_an_error(repo, tail: str, line: int, col: int) -> None:
    repo.write("records/2022/07/r.yaml", HEAD + tail)
    assert [(a, b) for a, b, _ in found(repo, "empty-placeholder")] == [(line, col)]


def test_filled_placeholders_are_no_slip(repo) -> None:
    repo.write("records/2022/07/r.yaml", DOAN_RA.replace("{partners}.", "{partners}, {persons} người{footnote}."))
    assert load_records(repo.root).diagnostics == []


@pytest.mark.parametrize("name", ["r.yml", "r.YAML", "r.yaml.txt", "r.yaml ", "r.Yml.TXT"])
def test_a_record_under_a_name_not_read_is_named(repo, name: str) -> None:
    repo.write(f"records/2022/07/{name}", DOAN_RA)
    [diagnostic] = load_records(repo.root).diagnostics
    assert (diagnostic.code, diagnostic.path, diagnostic.line, diagnostic.is_error) == (
        "not-a-record-file", f"records/2022/07/{name}", 1, True)
    assert "'r.yaml'" in diagnostic.hint


def test_other_files_beside_records_are_left_alone(repo) -> None:
    for name in ("ghi-chu.txt", "anh.jpg", "r.yaml.bak", "~r.docx"):
        repo.write(f"records/2022/07/{name}", "x")
    assert load_records(repo.root).diagnostics == []


@pytest.mark.parametrize(("value", "warned"), [("0", True), ("1200", True), ("1", False), ("200", False)])
def test_an_implausible_figure_is_a_warning_naming_the_usual_range(repo, value: str, warned: bool) -> None:
    repo.write("records/2022/07/r.yaml", DOAN_RA.replace("persons: 12", f"persons: {value}"))
    diagnostics = load_records(repo.root).diagnostics
    assert [(d.code, d.line, d.col, d.is_error) for d in diagnostics] == ([("unusual-value", 3, 10, False)] if warned else [])
    if warned:
        assert "từ 1 đến 200" in diagnostics[0].message and "số lượt cán bộ" in diagnostics[0].message


def test_an_office_declares_what_is_usual_for_its_own_field(repo) -> None:
    repo.write("kinds/cuu_tro.yaml", """\
        kind: cuu_tro
        label: Cứu trợ
        fields:
          families: {type: count, required: true, usual: [1, 50], label: số hộ}
          odd: {type: count, usual: [5, 1], label: số lẻ}
        """)
    assert [(d.code, d.line) for d in load_kinds(repo.root)[1]] == [("kind-invalid", 5)]
    repo.write("kinds/cuu_tro.yaml", "kind: cuu_tro\nlabel: Cứu trợ\nfields:\n  note: {type: text, usual: [1, 2], label: ghi chú}\n")
    assert [(d.code, d.line) for d in load_kinds(repo.root)[1]] == [("kind-key-misplaced", 4)]
    repo.write("kinds/cuu_tro.yaml", "kind: cuu_tro\nlabel: Cứu trợ\nfields:\n  families: {type: count, usual: [1, 50], label: số hộ}\n")
    kinds, problems = load_kinds(repo.root)
    assert problems == [] and kinds.fields["cuu_tro"]["families"].usual == (1, 50)


def test_a_copied_record_names_the_figures_it_would_count_twice(repo) -> None:
    gifts = (PROJECT / "records/2022/07/2022-07-13-tang-qua-bolikhamxay.yaml").read_text(encoding="utf-8")
    repo.write("records/_catalog/quoc_gia.yaml", (PROJECT / "records/_catalog/doi_tac.yaml").read_text(encoding="utf-8"))
    repo.write("records/2022/07/qua.yaml", gifts)
    repo.write("records/2022/07/qua - Copy.yaml", gifts)
    [copy] = [d for d in load_records(repo.root).diagnostics if d.code == "duplicate-record"]
    assert (copy.path, copy.line, copy.is_error) == ("records/2022/07/qua.yaml", 17, True)
    assert copy.message.endswith("1 hồ sơ vien_tro, amounts 2600000000 LAK, goods 20 bộ máy vi tính + 9000 lít dầu")


def test_a_selective_report_kind_does_not_list_what_it_leaves_out(repo) -> None:
    """A digest says it picks what it tells (`selective: true`): the records it leaves out are not
    listed, where the same report kind without it lists them."""
    from conftest import CONFIG, bcngv

    repo.write("records/2022/07/hoc-bong.yaml", "kind: hoc_bong\ndate: 2022-07-20\nschool_year: 2022-2023\nstudents: 30\n")
    listed = bcngv("build", "--period", "2022-07", "--out", str(repo.root / "build"), root=repo)
    assert listed.exit_code == 0 and "records/2022/07/hoc-bong.yaml:1:1: warning record-not-told" in listed.output
    repo.write("bcngv.yaml", CONFIG + "    selective: true\n")
    quiet = bcngv("build", "--period", "2022-07", "--out", str(repo.root / "build"), root=repo)
    assert quiet.exit_code == 0 and "record-not-told" not in quiet.output
