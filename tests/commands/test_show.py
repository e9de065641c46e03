"""`bcngv show`: the report to read in the terminal, with its figures and numbered headings, and no
.docx written."""

from __future__ import annotations


from bcngv.render.blocks import Body, Heading, Item, Paragraph, Run
from bcngv.render.preview import as_markdown
from conftest import DOAN_RA, PROJECT, bcngv


def test_show_prints_the_figures_and_writes_nothing(repo) -> None:
    repo.write("records/2022/07/2022-07-12-doan-ra.yaml", DOAN_RA)
    result = bcngv("show", "--period", "2022-07", root=repo.root)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("# BÁO CÁO\n\n**Hoạt động đối ngoại tháng 7/2022, kế hoạch tháng 8/2022**\n")
    assert "## I. KẾT QUẢ THỰC HIỆN" in text
    assert "01 đoàn với 12 lượt CBCCVC" in text
    assert "các tỉnh Bolikhămxay, Khăm Muồn" in text
    assert not (repo.root / "build").exists()


def test_show_keeps_the_footnotes_at_the_end() -> None:
    result = bcngv("show", "--period", "2022-07", "--as-of", "2022-07-29", root=PROJECT)
    assert result.exit_code == 0, result.output
    body, notes = result.stdout.split("\n---\n")
    assert "lãnh đạo cấp cao Lào" in body and "[1]" in body
    assert notes.strip().startswith("[1] ")


def test_show_reports_problems_instead_of_a_report(repo) -> None:
    repo.write("records/2022/07/r.yaml", DOAN_RA.replace("funding: ngan_sach", "funding: ngan_sach_tinh"))
    result = bcngv("show", "--period", "2022-07", root=repo.root)
    assert result.exit_code == 1 and result.stdout == ""
    assert "records/2022/07/r.yaml:4:10: error" in result.stderr
    assert bcngv("show", "--period", "2022-13", root=repo.root).exit_code == 2


def test_the_preview_keeps_styles_and_spaces_and_numbers() -> None:
    body = Body([
        Heading(1, [Run("KẾT QUẢ")], "I."),
        Heading(2, [Run("Đoàn ra")], "1."),
        Paragraph([Run("Có "), Run("05 đoàn ", bold=True), Run("trong đó", italic=True), Run("", footnote=1)]),
        Item("+", [Run("*không* phải chữ nghiêng")]),
    ], {1: [Paragraph([Run("Ghi chú:")]), Item("-", [Run("một;")])]})  # a note of a paragraph and an item
    assert as_markdown(body, "BÁO CÁO", "Tóm tắt").split("\n\n") == [
        "# BÁO CÁO", "**Tóm tắt**", "## I. KẾT QUẢ", "### 1. Đoàn ra",
        "Có **05 đoàn** *trong đó*[1]", "+ \\*không\\* phải chữ nghiêng", "---", "[1] Ghi chú:\n- một;\n",
    ]
