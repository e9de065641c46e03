"""Issued documents: a report the office numbers and signs is a file, `bcngv build FILE` rebuilds
exactly it, its mistakes are diagnostics at their line, and `bcngv list` shows them."""

from __future__ import annotations

import json
import zipfile

from docx import Document

from conftest import DOAN_RA, Repo
from docx_sample import seen

ISSUED = """\
# the July 2022 report as signed
report: thang
period: 2022-07
as_of: 2022-07-20
date: 2022-07-29
number: "05"
answers:
  - {number: 4006/UBND-TH, date: 2022-07-25, issuer: UBND tỉnh}
"""
FILE = "van-ban/2022/05-thang.yaml"  # a command line names it from the working folder: here, absolute


def at(path: str, line: int, col: int, code: str) -> str:
    return f"{path}:{line}:{col}: error {code}"


def issued(repo: Repo, text: str = ISSUED) -> None:
    repo.write("records/2022/07/2022-07-12-doan_ra.yaml", DOAN_RA)
    repo.write("records/2022/07/2022-07-25-doan_ra.yaml", DOAN_RA.replace("2022-07-12", "2022-07-25"))
    repo.write(FILE, text)


def test_a_document_file_rebuilds_that_document_byte_for_byte(repo, cli) -> None:
    issued(repo)
    first = cli("build", str(repo.root / FILE), "--out", "out")
    assert first.exit_code == 0, first.output
    docx = repo.root / "out" / "05-thang.docx"
    made = docx.read_bytes()
    assert cli("build", str(repo.root / FILE), "--out", "out").exit_code == 0 and docx.read_bytes() == made
    text = seen("\n".join(p.text for p in Document(str(docx)).paragraphs))
    tables = seen("\n".join(c.text for t in Document(str(docx)).tables for row in t.rows for c in row.cells))
    assert "Số: 05/BC-SNgV" in tables and "ngày 29 tháng 7 năm 2022" in tables  # signed on its date
    assert "01 đoàn" in text  # counted up to its cut-off: the delegation of 25/7 is left out
    sources = json.loads((repo.root / "out" / "05-thang.sources.json").read_text(encoding="utf-8"))
    assert sources["document"] == FILE and sources["as_of"] == "2022-07-20"
    with zipfile.ZipFile(docx) as package:
        assert FILE.encode() in package.read("docProps/core.xml")


def test_a_draft_is_signed_on_its_own_date_apart_from_its_cut_off(repo, cli) -> None:
    issued(repo)
    result = cli("build", "--period", "2022-07", "--as-of", "2022-07-20", "--date", "2022-07-29", "--out", "out")
    assert result.exit_code == 0, result.output
    document = Document(str(repo.root / "out" / "thang-2022-07.docx"))
    assert "ngày 29 tháng 7 năm 2022" in "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "01 đoàn" in "\n".join(p.text for p in document.paragraphs)


def test_a_mistake_in_a_document_file_is_at_its_line(repo, cli) -> None:
    issued(repo, ISSUED.replace("number:", "numbr:"))
    result = cli("build", str(repo.root / FILE), "--out", "out")
    assert result.exit_code == 1 and at(FILE, 6, 1, "invalid-document") in result.output
    assert not (repo.root / "out").exists()
    assert at(FILE, 6, 1, "invalid-document") in cli("check").output  # check reads them too


def test_a_report_kind_the_office_has_not_is_at_its_line(repo, cli) -> None:
    issued(repo, ISSUED.replace("report: thang", "report: quy"))
    result = cli("build", str(repo.root / FILE))
    assert result.exit_code == 2 and at(FILE, 2, 9, "unknown-report") in result.output
    assert cli("check").exit_code == 2


def test_a_document_file_name_must_name_a_report(repo, cli) -> None:
    repo.write("van-ban/Báo cáo tháng 7.yaml", ISSUED)
    result = cli("build", str(repo.root / "van-ban/Báo cáo tháng 7.yaml"))
    assert result.exit_code == 1 and at("van-ban/Báo cáo tháng 7.yaml", 1, 1, "invalid-document-name") in result.output


def test_build_asks_for_a_document_or_a_period(repo, cli) -> None:
    issued(repo)
    for args in ([], [str(repo.root / FILE), "--period", "2022-07"]):
        result = cli("build", *args)
        assert result.exit_code == 2 and result.output.startswith("--period: error report-or-document: ")


def test_list_shows_the_issued_documents(repo, cli) -> None:
    issued(repo)
    result = cli("list")
    assert result.exit_code == 0 and "05-thang" in result.output and "2022-07" in result.output
