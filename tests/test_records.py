"""Loading and validating records: typed values, and diagnostics at the right place."""

from __future__ import annotations

import pytest

from bcngv.records.loader import load_records
from bcngv.records.models import DoanRa, Funding

from conftest import DOAN_RA


def test_a_valid_record_is_typed_and_remembers_its_file(repo) -> None:
    repo.write("records/2022/07/doan.yaml", DOAN_RA)
    loaded = load_records(repo.root)
    assert loaded.diagnostics == []
    [record] = loaded.records
    assert isinstance(record, DoanRa)
    assert record.persons == 12 and record.funding is Funding.NGAN_SACH
    assert record.funding.label == "ngân sách Nhà nước"
    assert record.path == "records/2022/07/doan.yaml"


def test_reference_folders_are_not_records(repo) -> None:
    repo.write("records/_drafts/x.yaml", "kind: nonsense\n")
    repo.write("records/2022/07/doan.yaml", DOAN_RA)
    loaded = load_records(repo.root)
    assert loaded.files == 1 and loaded.diagnostics == []


@pytest.mark.parametrize(
    ("text", "code", "line", "col"),
    [
        ("date: 2022-07-12\ntext: x\n", "missing-kind", 1, 1),
        ("kind: doan_raa\ndate: 2022-07-12\n", "unknown-kind", 1, 7),
        (DOAN_RA + "perons: 3\n", "unknown-field", 8, 1),
        ("kind: doan_ra\ndate: 2022-07-12\nfunding: tu_tuc\n", "missing-field", 1, 1),
        (DOAN_RA.replace("persons: 12", "persons: mười hai"), "invalid-value", 3, 10),
        (DOAN_RA.replace("funding: ngan_sach", "funding: ngansach"), "invalid-choice", 4, 10),
        (DOAN_RA.replace("persons: 12", "persons: -3"), "negative-number", 3, 10),
        (DOAN_RA + "end: 2022-07-01\n", "end-before-start", 8, 6),
        (DOAN_RA.replace("khammuon]", "khamuon]"), "unknown-partner", 6, 25),
    ],
)
def test_record_problem_gives_code_line_and_column(repo, only, text: str, code: str, line: int, col: int) -> None:
    repo.write("records/2022/07/r.yaml", text)
    found = only(load_records(repo.root).diagnostics, code)
    assert (found.path, found.line, found.col) == ("records/2022/07/r.yaml", line, col)
    assert found.hint


def test_did_you_mean_for_a_misspelt_field_and_choice(repo) -> None:
    repo.write("records/2022/07/a.yaml", DOAN_RA + "perons: 3\n")
    repo.write("records/2022/07/b.yaml", DOAN_RA.replace("funding: ngan_sach", "funding: ngansach"))
    repo.write("records/2022/07/c.yaml", DOAN_RA.replace("khammuon]", "khamuon]"))
    hints = {d.code: d.hint for d in load_records(repo.root).diagnostics}
    assert "'persons'" in hints["unknown-field"]
    assert "'ngan_sach'" in hints["invalid-choice"]
    assert "'khammuon'" in hints["unknown-partner"]


def test_a_trap_is_reported_once_not_again_by_validation(repo) -> None:
    repo.write("records/2022/07/r.yaml", DOAN_RA.replace("persons: 12", "persons: 1.150"))
    found = load_records(repo.root).diagnostics
    assert [d.code for d in found] == ["thousands-separator"]


def test_all_problems_of_all_files_are_collected_in_one_run(repo) -> None:
    repo.write("records/2022/07/a.yaml", "kind: doan_ra\n\tdate: x\n")
    repo.write("records/2022/07/b.yaml", DOAN_RA + "perons: 3\nfoo: 1\n")
    found = load_records(repo.root).diagnostics
    assert sorted((d.path[-6:], d.code) for d in found) == [
        ("a.yaml", "tab-indent"), ("b.yaml", "unknown-field"), ("b.yaml", "unknown-field")]


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("lao: Lào\n", "invalid-catalog", 1),
        ("lao:\n  name: Lào\n  alias: [x]\n", "invalid-catalog", 1),
    ],
)
def test_catalog_problems(repo, only, text: str, code: str, line: int) -> None:
    repo.write("records/_catalog/doi_tac.yaml", text)
    found = only(load_records(repo.root).diagnostics, code)
    assert (found.path, found.line) == ("records/_catalog/doi_tac.yaml", line)


def test_catalog_id_used_in_two_files(repo, only) -> None:
    repo.write("records/_catalog/zz.yaml", "\n\nlao:\n  name: Lào\n")
    found = only(load_records(repo.root).diagnostics, "duplicate-catalog-id")
    assert (found.path, found.line, found.col) == ("records/_catalog/zz.yaml", 3, 1)
    assert "records/_catalog/doi_tac.yaml:1" in found.message
