"""A build never loses a person's work and never leaves a file that misleads about which report is
current: a .docx changed in Word is kept beside the new one, a failed build says the report in the
folder is the previous one, and no PDF older than its .docx stays."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import docx
import pytest

from conftest import DOAN_RA, bcngv

BUILD = ("build", "--period", "2022-07")
RECORD = "records/2022/07/2022-07-12-doan.yaml"
# LibreOffice as the tests need it: one that converts (a PDF naming the .docx's size) and one that fails
CONVERTS = """#!/bin/sh
while [ $# -gt 1 ]; do [ "$1" = --outdir ] && out=$2; shift; done
mkdir -p "$out" && printf '%%PDF-1.4 %s' "$(wc -c < "$1")" > "$out/$(basename "$1" .docx).pdf"
"""
FAILS = "#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n"


@pytest.fixture
def built(repo) -> Path:
    """The July report built once; its folder."""
    repo.write(RECORD, DOAN_RA)
    assert bcngv(*BUILD, root=repo).exit_code == 0
    return repo.root / "build"


def soffice(monkeypatch: pytest.MonkeyPatch, folder: Path, script: str | None) -> None:
    """Put a fake `soffice` running `script` on the PATH, or none at all."""
    folder.mkdir(exist_ok=True)
    if script is not None:
        (folder / "soffice").write_text(script)
        (folder / "soffice").chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin" if script is not None else str(folder))
    monkeypatch.setattr("bcngv.pdf._INSTALLED", ())
    monkeypatch.setattr("shutil.which", lambda name, **_: str(folder / name) if script and name == "soffice" else None)


def edit_in_word(path: Path, when: datetime) -> bytes:
    document = docx.Document(str(path))
    document.add_paragraph("Ý kiến của Giám đốc: đồng ý.")
    document.save(str(path))
    os.utime(path, (when.timestamp(), when.timestamp()))
    return path.read_bytes()


def test_a_report_edited_in_word_is_kept_beside_the_new_one(repo, built: Path) -> None:
    report = built / "thang-2022-07.docx"
    edited = edit_in_word(report, datetime(2026, 12, 2, 10, 31))
    repo.write(RECORD, DOAN_RA.replace("persons: 12", "persons: 15"))
    result = bcngv(*BUILD, root=repo)
    assert result.exit_code == 0, result.output
    kept = built / "thang-2022-07 (đã sửa 2026-12-02 10-31).docx"
    assert kept.read_bytes() == edited
    assert f"được giữ lại thành {kept}" in result.output
    assert "15 lượt" in " ".join(p.text for p in docx.Document(str(report)).paragraphs)  # the new report
    again = bcngv(*BUILD, root=repo)  # the new report is bcngv's own: nothing more to keep
    assert "giữ lại" not in again.output
    assert sorted(p.name for p in built.iterdir()) == sorted([report.name, kept.name, "thang-2022-07.sources.json"])


def test_an_unchanged_report_is_replaced_without_a_copy(repo, built: Path) -> None:
    recorded = json.loads((built / "thang-2022-07.sources.json").read_text(encoding="utf-8"))["files"]
    assert set(recorded) == {"thang-2022-07.docx"}
    repo.write(RECORD, DOAN_RA.replace("persons: 12", "persons: 15"))
    result = bcngv(*BUILD, root=repo)
    assert result.exit_code == 0 and "giữ lại" not in result.output
    assert sorted(p.name for p in built.iterdir()) == ["thang-2022-07.docx", "thang-2022-07.sources.json"]


def test_a_report_without_a_record_of_what_was_written_is_kept(repo) -> None:
    # written by hand or by a bcngv that kept no digests: it may hold work, so it is kept
    repo.write(RECORD, DOAN_RA)
    repo.write("build/thang-2022-07.docx", b"a report typed by hand")
    result = bcngv(*BUILD, root=repo)
    assert result.exit_code == 0
    (kept,) = (repo.root / "build").glob("thang-2022-07 (đã sửa *).docx")
    assert kept.read_bytes() == b"a report typed by hand"


def test_a_failed_build_says_the_report_in_the_folder_is_the_previous_one(repo, built: Path) -> None:
    report = built / "thang-2022-07.docx"
    before = report.read_bytes()
    os.utime(report, (datetime(2022, 7, 29, 16, 5).timestamp(),) * 2)
    repo.write("records/2022/07/slip.yaml", "kind: su_kien\ndate: 2022-07-20\ntext: Đoàn công tác: thăm Lào\n")
    result = bcngv(*BUILD, root=repo)
    assert result.exit_code == 1
    assert f"Tệp {report} trong thư mục là báo cáo cũ, lập lúc 2022-07-29 16:05, chưa có các thay đổi mới." \
        in result.output
    assert report.read_bytes() == before
    english = bcngv("--lang", "en", *BUILD, root=repo)
    assert f"The file {report} in the folder is the previous report, built at 2022-07-29 16:05" in english.output


def test_a_failed_first_build_names_no_previous_report(repo) -> None:
    repo.write("records/2022/07/slip.yaml", "kind: doan_ra\ndate: 2022-07-12\npersons:12\n")
    result = bcngv(*BUILD, root=repo)
    assert result.exit_code == 1 and "báo cáo cũ" not in result.output


def test_a_build_without_pdf_removes_the_pdf_of_the_previous_report(repo, built: Path, monkeypatch, tmp_path) -> None:
    soffice(monkeypatch, tmp_path / "bin", CONVERTS)
    assert bcngv(*BUILD, "--pdf", root=repo).exit_code == 0
    pdf = built / "thang-2022-07.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    repo.write(RECORD, DOAN_RA.replace("persons: 12", "persons: 15"))
    result = bcngv(*BUILD, root=repo)
    assert result.exit_code == 0
    assert not pdf.exists()
    assert f"Đã xóa {pdf} vì là bản PDF của báo cáo cũ" in result.output


def test_a_signed_pdf_is_kept_when_the_old_pdf_goes(repo, built: Path, monkeypatch, tmp_path) -> None:
    soffice(monkeypatch, tmp_path / "bin", CONVERTS)
    assert bcngv(*BUILD, "--pdf", root=repo).exit_code == 0
    pdf = built / "thang-2022-07.pdf"
    pdf.write_bytes(pdf.read_bytes() + b" signed")
    os.utime(pdf, (datetime(2022, 7, 30, 9, 0).timestamp(),) * 2)
    repo.write(RECORD, DOAN_RA.replace("persons: 12", "persons: 15"))
    assert bcngv(*BUILD, root=repo).exit_code == 0
    assert not pdf.exists()
    assert (built / "thang-2022-07 (đã sửa 2022-07-30 09-00).pdf").read_bytes().endswith(b" signed")


def test_a_failed_conversion_leaves_the_previous_docx_and_pdf_together(repo, built: Path, monkeypatch,
                                                                         tmp_path) -> None:
    soffice(monkeypatch, tmp_path / "bin", CONVERTS)
    assert bcngv(*BUILD, "--pdf", root=repo).exit_code == 0
    before = {p.name: p.read_bytes() for p in built.iterdir()}
    soffice(monkeypatch, tmp_path / "bin", FAILS)
    repo.write(RECORD, DOAN_RA.replace("persons: 12", "persons: 15"))
    result = bcngv(*BUILD, "--pdf", root=repo)
    assert result.exit_code == 2
    assert "error pdf-failed" in result.output and "là báo cáo cũ" in result.output
    assert {p.name: p.read_bytes() for p in built.iterdir()} == before  # old .docx and its own PDF


def test_without_libreoffice_the_old_pdf_goes_with_the_old_report(repo, built: Path, monkeypatch, tmp_path) -> None:
    soffice(monkeypatch, tmp_path / "bin", CONVERTS)
    assert bcngv(*BUILD, "--pdf", root=repo).exit_code == 0
    soffice(monkeypatch, tmp_path / "empty", None)
    repo.write(RECORD, DOAN_RA.replace("persons: 12", "persons: 15"))
    result = bcngv(*BUILD, "--pdf", root=repo)
    assert result.exit_code == 2 and "error libreoffice-missing" in result.output
    assert not (built / "thang-2022-07.pdf").exists()
    assert f"Đã xóa {built / 'thang-2022-07.pdf'}" in result.output
