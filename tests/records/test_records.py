"""Loading and validating records: typed values, and diagnostics at the right place."""

from __future__ import annotations

import pytest

from bcngv.records.loader import load_records

from conftest import DOAN_RA


def test_a_valid_record_is_typed_and_remembers_its_file(repo) -> None:
    repo.write("records/2022/07/doan.yaml", DOAN_RA)
    loaded = load_records(repo.root)
    assert loaded.diagnostics == []
    [record] = loaded.records
    assert record.kind == "doan_ra" and type(record).__name__ == "doan_ra"
    assert record.persons == 12 and record.funding == "ngan_sach"
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


@pytest.mark.parametrize(
    ("change", "code"),
    [(("persons: 12", "persons: 1.150"), "thousands-separator"), (("[bolikhamxay, khammuon]", "[NO]"), "ambiguous-boolean")],
)
def test_a_trap_is_reported_once_not_again_by_validation(repo, change: tuple[str, str], code: str) -> None:
    repo.write("records/2022/07/r.yaml", DOAN_RA.replace(*change))
    found = load_records(repo.root).diagnostics
    assert [d.code for d in found] == [code]


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


NGO = """\
kind: ngo
date: 2022-07-12
action: du_an
organisation: path
project: Nâng cao năng lực y tế cơ sở
committed: 250000 USD
"""

VIEN_TRO = """\
kind: vien_tro
date: 2022-07-12
partners: [bolikhamxay]
amounts: [2600000000 LAK]
goods:
  - name: máy vi tính
    quantity: 20
    unit: bộ
"""


@pytest.fixture
def ngo_catalog(repo):
    repo.write("records/_catalog/to_chuc.yaml", "path:\n  name: PATH\n  type: ngo\n")
    return repo


@pytest.mark.parametrize(
    ("text", "code", "line", "col"),
    [
        (DOAN_RA.replace("persons: 12", "persons:"), "empty-value", 3, 1),
        (DOAN_RA.replace("persons: 12", "persons: 1,150"), "thousands-separator", 3, 10),
        (DOAN_RA.replace("persons: 12", "persons: 1.150.000"), "thousands-separator", 3, 10),
        (NGO.replace("250000 USD", "1.150.000 USD"), "thousands-separator", 6, 12),
        (NGO.replace("250000 USD", "1.150 USD"), "thousands-separator", 6, 12),  # would be 1,15 dollars
        (VIEN_TRO.replace("[2600000000 LAK]", "[2.600.000.000 LAK]"), "thousands-separator", 4, 11),
        (NGO.replace("250000 USD", "250000"), "invalid-value", 6, 12),  # no currency
        (NGO.replace("250000 USD", "250000 EUR"), "invalid-choice", 6, 12),
        (NGO.replace("organisation: path", "organisation: patj"), "unknown-partner", 4, 15),
        (VIEN_TRO.replace("name: máy", "nme: máy"), "unknown-field", 6, 5),
        (VIEN_TRO.replace("quantity: 20", "quantity: -20"), "negative-number", 7, 15),
        ("kind: tham_muu\ndate: 2022-07-12\nfield: khac\ntext: ''\n", "empty-value", 4, 1),
        ("kind: tham_muu\ndate: 2022-07-12\ntext: x\n", "missing-field", 1, 1),
        ("kind: [doan_ra]\ndate: 2022-07-12\n", "unknown-kind", 1, 7),
        ("kind:\ndate: 2022-07-12\n", "missing-kind", 1, 6),
    ],
)
def test_more_record_problems(ngo_catalog, only, text: str, code: str, line: int, col: int) -> None:
    ngo_catalog.write("records/2022/07/r.yaml", text)
    found = only(load_records(ngo_catalog.root).diagnostics, code)
    assert (found.path, found.line, found.col) == ("records/2022/07/r.yaml", line, col)


def test_valid_amounts_and_goods_are_exact(ngo_catalog) -> None:
    ngo_catalog.write("records/2022/07/ngo.yaml", NGO)
    ngo_catalog.write("records/2022/07/vien-tro.yaml", VIEN_TRO)
    loaded = load_records(ngo_catalog.root)
    assert loaded.diagnostics == []
    ngo, gift = sorted(loaded.records, key=lambda r: r.kind)
    assert str(ngo.committed.amount) == "250000" and ngo.committed.currency == "USD"
    assert str(gift.amounts[0].amount) == "2600000000" and gift.goods[0].unit == "bộ"


def test_empty_optional_fields_mean_not_given(repo) -> None:
    repo.write("records/2022/07/r.yaml", DOAN_RA + "end:\nfield:\ncountries:\nfootnote:\n")
    loaded = load_records(repo.root)
    assert loaded.diagnostics == []
    assert loaded.records[0].field == "doan_ra_doan_vao" and loaded.records[0].countries == []


def test_a_year_written_as_a_number_is_text(repo) -> None:
    repo.write("records/2022/07/r.yaml", "kind: nhiem_vu\ndate: 2022-07-12\ntarget: 2023\ntext: Kế hoạch.\n")
    loaded = load_records(repo.root)
    assert loaded.diagnostics == [] and loaded.records[0].target == "2023"


def test_hints_say_what_to_write(repo) -> None:
    repo.write("records/2022/07/a.yaml", DOAN_RA.replace("date: 2022-07-12", "date: 12/7/2022"))
    repo.write("records/2022/07/b.yaml", DOAN_RA.replace("persons: 12", "persons:"))
    repo.write("records/2022/07/c.yaml", DOAN_RA.replace("funding: ngan_sach\n", ""))
    repo.write("records/2022/07/d.yaml", DOAN_RA.replace("[bolikhamxay, khammuon]", "[bolikhamxay, Khăm Muộn]"))
    hints = {d.path[-6:]: d.hint for d in load_records(repo.root).diagnostics}
    assert hints["a.yaml"].startswith("Có phải là '2022-07-12'?")
    assert "một số nguyên" in hints["b.yaml"] and "số lượt cán bộ" in hints["b.yaml"]
    assert "ngan_sach, tu_tuc, trung_uong, doi_tac" in hints["c.yaml"]
    assert hints["d.yaml"].startswith("Có phải là 'khammuon'?")  # an alias typed where the id goes


def test_a_spelling_belongs_to_one_catalog_entry(repo, only) -> None:
    repo.write("records/_catalog/quoc_gia.yaml", "laos:\n  name: Nước Lào\n  aliases: [CHDCND Lào, Bolykhamxay]\n")
    found = only(load_records(repo.root).diagnostics, "alias-conflict")
    assert (found.path, found.line, found.col) == ("records/_catalog/quoc_gia.yaml", 3, 25)
    assert "'bolikhamxay'" in found.message


def test_partner_ids_are_checked_even_when_the_record_has_other_mistakes(repo) -> None:
    repo.write("records/2022/07/r.yaml", DOAN_RA.replace("persons: 12", "persons: mười hai").replace("khammuon]", "khamuon]"))
    found = sorted((d.code, d.line, d.col) for d in load_records(repo.root).diagnostics)
    assert found == [("invalid-value", 3, 10), ("unknown-partner", 6, 25)]
