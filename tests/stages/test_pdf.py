"""The built report through LibreOffice, the real client of our files: `bcngv build --pdf`, then the
PDF read back with pdftotext. Without LibreOffice the conversion tests skip; the message a user
gets without it is tested on every machine."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from bcngv.commands.build import build as run_build
from bcngv.pipeline import Options
from bcngv.repository import Repository
from bcngv.pdf import find_soffice, render_pdf

from conftest import bcngv
from docx_sample import AWKWARD, LONG_WORD, build, make_office

needs_libreoffice = pytest.mark.skipif(
    find_soffice() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or pdftotext is not installed; .ci/run installs both",
)


def pdftotext(pdf: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = make_office(tmp_path_factory.mktemp("office"))
    result = build(repo, "--pdf")
    assert result.exit_code == 0, result.output
    made = repo.root / "build" / "thang-2022-07.pdf"
    assert str(made) in result.output
    return made


@pytest.fixture(scope="module")
def pages(pdf: Path) -> list[str]:
    return pdftotext(pdf, "-layout").split("\f")[:-1]  # each page ends with a form feed


def words_in_top_margin(pdf: Path) -> list[list[tuple[str, float]]]:
    """Per page, the words printed above the top margin (20 mm), with the centre of each."""
    top_pt = 20 * 72 / 25.4
    found: list[list[tuple[str, float]]] = []
    for page in etree.fromstring(pdftotext(pdf, "-bbox").encode()).iter("{*}page"):
        found.append([(word.text, (float(word.get("xMin")) + float(word.get("xMax"))) / 2)
                      for word in page.iter("{*}word") if float(word.get("yMax")) < top_pt])
    return found


def lines(page: str) -> list[str]:
    return [" ".join(line.split()) for line in page.splitlines() if line.strip()]


@needs_libreoffice
def test_the_pdf_has_the_header_a_figure_and_a_footnote(pages: list[str]) -> None:
    assert len(pages) >= 2
    first = lines(pages[0])
    assert first[0] == "UBND TỈNH HÀ TĨNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert first[1] == "SỞ NGOẠI VỤ Độc lập - Tự do - Hạnh phúc"
    assert "Số: 05/BC-SNgV Hà Tĩnh, ngày 29 tháng 7 năm 2022" in first
    everything = " ".join(" ".join(lines(page)) for page in pages)
    assert "- Đoàn ra: 01 đoàn với 12 lượt cán bộ2." in everything  # the figure, with its footnote mark
    assert "2 Các doanh nghiệp tặng quà cho tỉnh Bolikhămxay trị giá 500 triệu kíp." in everything
    assert "1 Chú thích ở đoạn mở đầu." in " ".join(lines(pages[0]))  # at the foot of its page


@needs_libreoffice
def test_page_one_has_no_number_and_page_two_begins_with_2(pdf: Path, pages: list[str]) -> None:
    assert lines(pages[1])[0] == "2"
    assert lines(pages[0])[0].startswith("UBND TỈNH HÀ TĨNH")
    first, second, *_ = words_in_top_margin(pdf)
    assert first == []
    ((number, centre),) = second
    page_centre = (30 + (210 - 30 - 15) / 2) * 72 / 25.4  # the middle of the text, between the margins
    assert number == "2" and centre == pytest.approx(page_centre, abs=3)


@needs_libreoffice
def test_a_document_number_with_a_non_breaking_hyphen_reads_as_typed(tmp_path: Path) -> None:
    """The Số line holds its hyphen with a word joiner: LibreOffice prints a plain "-" and nothing
    for the joiner, so the PDF's text reads the number as typed and a search finds it."""
    repo = make_office(tmp_path)
    result = build(repo, "--report", "kths", "--pdf")
    assert result.exit_code == 0, result.output
    first = lines(pdftotext(repo.root / "build" / "kths-2022-07.pdf", "-layout").split("\f")[0])
    assert "Số: 05/SNgV-VPTTr Hà Tĩnh, ngày 29 tháng 7 năm 2022" in first


@needs_libreoffice
def test_a_line_never_breaks_at_a_document_numbers_hyphen(tmp_path: Path) -> None:
    """Forty numbers at every position of a justified paragraph: no line of the PDF ends with the
    hyphen of one, while plain words (a hyphen that may break) still wrap."""
    sentence = " ".join(f"{'x' * (n % 9 + 1)} số {4000 + n}/UBND-TH ngày" for n in range(40))
    repo = make_office(tmp_path, f"# Kết quả\n\n{sentence}.\n")
    result = build(repo, "--pdf")
    assert result.exit_code == 0, result.output
    text = pdftotext(repo.root / "build" / "thang-2022-07.pdf")
    ends = [line.rstrip() for line in text.splitlines() if line.strip()]
    assert not [line for line in ends if line.endswith("/UBND-") or line.endswith("UBND-")], ends
    assert sum(f"{4000 + n}/UBND-TH" in text for n in range(40)) == 40  # every number read whole


@needs_libreoffice
def test_awkward_data_survives_the_round_trip(pages: list[str]) -> None:
    everything = "".join("".join(page.split()) for page in pages)  # the long word is broken over lines
    assert "".join(AWKWARD.split()) in everything
    assert LONG_WORD in everything


def test_without_libreoffice_the_docx_is_still_written(repo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr("bcngv.pdf._INSTALLED", ())
    from conftest import DOAN_RA

    repo.write("records/2022/07/2022-07-12-doan.yaml", DOAN_RA)
    result = bcngv("build", "--period", "2022-07", "--pdf", root=repo)
    assert result.exit_code == 2
    assert "--pdf: error libreoffice-missing: không tìm thấy LibreOffice" in result.output
    assert (repo.root / "build" / "thang-2022-07.docx").is_file()
    assert not (repo.root / "build" / "thang-2022-07.pdf").exists()
    (problem,) = run_build(Repository(repo.root), Options("2022-07", pdf=True)).written.pdf_problems
    assert (problem.code, problem.path, problem.line, problem.col) == ("libreoffice-missing", "--pdf", 1, 1)


def test_a_failed_conversion_is_reported(tmp_path: Path) -> None:
    document = tmp_path / "thang-2022-07.docx"
    written, problems = render_pdf(document, b"not a report", shutil.which("false") or "false")
    assert written is None
    (problem,) = problems
    assert (problem.code, problem.path, problem.line, problem.col) == ("pdf-failed", str(document), 1, 1)
    assert list(tmp_path.iterdir()) == []
