"""The built .docx read back as XML: every element of Decree 30/2020/NĐ-CP, Phụ lục I, with its size,
weight, slant, alignment and place; the page; real footnotes; the page number; clean package parts."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from lxml import etree

from bcngv.render.blocks import Body, Paragraph, Run
from bcngv.render.docx_writer import Letterhead, unbreakable_pieces, write_docx
from bcngv.render.oxml import escape, xml_text
from bcngv.render.textwidth import text_width_mm

from conftest import bcngv
from docx_sample import AWKWARD, LONG_WORD, NS, build, make_office, text_of, w

TWIPS_PER_MM = 1440 / 25.4
OFFICE = "application/vnd.openxmlformats-officedocument"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass
class Look:
    """The effective formatting of a paragraph: its runs, its style chain, the document defaults."""

    text: str
    size: float
    bold: bool
    italic: bool
    align: str
    first_line_cm: float
    after_pt: float
    line: float | None  # in lines, for automatic spacing
    border: bool


class Report:
    """A built .docx opened as XML, with the effective formatting of its paragraphs."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip = zipfile.ZipFile(path)
        self.document = self.xml("word/document.xml")
        self.styles = self.xml("word/styles.xml")
        self.body = self.document.find(w("body"))

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.zip.read(name))

    def style(self, style_id: str) -> etree._Element:
        found = self.styles.find(f"w:style[@w:styleId='{style_id}']", NS)
        assert found is not None, style_id
        return found

    def chain(self, p: etree._Element, props: str) -> list[etree._Element]:
        """The pPr or rPr elements that can set a property of `p`, nearest first."""
        found = []
        own = p.find("w:pPr", NS)
        if props == "w:pPr" and own is not None:
            found.append(own)
        style_el = own.find("w:pStyle", NS) if own is not None else None
        style_id = style_el.get(w("val")) if style_el is not None else "Normal"
        while style_id:
            style = self.style(style_id)
            if (props_el := style.find(props, NS)) is not None:
                found.append(props_el)
            based = style.find("w:basedOn", NS)
            style_id = based.get(w("val")) if based is not None else None
        defaults = "w:pPrDefault" if props == "w:pPr" else "w:rPrDefault"
        default = self.styles.find(f"w:docDefaults/{defaults}/{props}", NS)
        if default is not None:
            found.append(default)
        return found

    @staticmethod
    def first(chain: list[etree._Element], path: str, attr: str = "val") -> str | None:
        """The nearest setting: `<w:b/>` alone means on; an attribute left out is set further up."""
        for props in chain:
            element = props.find(path, NS)
            if element is None:
                continue
            if element.get(w(attr)) is not None:
                return element.get(w(attr))
            if attr == "val":
                return "true"
        return None

    def run_value(self, p: etree._Element, path: str) -> set[str | None]:
        """The value of a run property on every run of `p` that holds text."""
        styles = self.chain(p, "w:rPr")
        values = set()
        for run in p.findall("w:r", NS):
            if not text_of(run):
                continue
            own = run.find("w:rPr", NS)
            values.add(self.first(([own] if own is not None else []) + styles, path))
        return values or {self.first(styles, path)}

    def look(self, p: etree._Element) -> Look:
        ppr = self.chain(p, "w:pPr")
        (size,) = self.run_value(p, "w:sz")
        bold, italic = self.run_value(p, "w:b"), self.run_value(p, "w:i")
        assert len(bold) == 1 and len(italic) == 1, f"mixed weight or slant in {text_of(p)!r}"
        line_rule = self.first(ppr, "w:spacing", "lineRule")
        line = self.first(ppr, "w:spacing", "line")
        return Look(
            text=text_of(p),
            size=int(size) / 2,
            bold=bold.pop() not in (None, "0", "false"),
            italic=italic.pop() not in (None, "0", "false"),
            align=self.first(ppr, "w:jc") or "left",
            first_line_cm=int(self.first(ppr, "w:ind", "firstLine") or 0) / TWIPS_PER_MM / 10,
            after_pt=int(self.first(ppr, "w:spacing", "after") or 0) / 20,
            line=int(line) / 240 if line and line_rule in (None, "auto") else None,
            border=p.find("w:pPr/w:pBdr/w:bottom", NS) is not None,
        )

    def paragraph(self, text: str, within: etree._Element | None = None) -> etree._Element:
        found = [p for p in (within if within is not None else self.document).iter(w("p")) if text_of(p) == text]
        assert len(found) == 1, (text, len(found))
        return found[0]

    def cells(self, table: int) -> list[list[etree._Element]]:
        rows = self.body.findall("w:tbl", NS)[table].findall("w:tr", NS)
        return [row.findall("w:tc", NS) for row in rows]

    def cell_paragraphs(self, table: int, row: int, col: int) -> list[etree._Element]:
        return self.cells(table)[row][col].findall("w:p", NS)

    def rule_mm(self, p: etree._Element, room_mm: float) -> float:
        """The length of a rule drawn as the bottom border of an indented paragraph."""
        ind = p.find("w:pPr/w:ind", NS)
        left, right = (int(ind.get(w(side), 0)) / TWIPS_PER_MM for side in ("left", "right"))
        return room_mm - left - right

    def cell_room_mm(self, table: int, row: int, col: int) -> float:
        width = int(self.cells(table)[row][col].find("w:tcPr/w:tcW", NS).get(w("w"))) / TWIPS_PER_MM
        return width - 2 * 1.905


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    repo = make_office(tmp_path_factory.mktemp("office"))
    result = build(repo)
    assert result.exit_code == 0, result.output
    return Report(repo.root / "build" / "thang-2022-07.docx")


@pytest.fixture(scope="module")
def cong_van(tmp_path_factory: pytest.TempPathFactory) -> Report:
    repo = make_office(tmp_path_factory.mktemp("office"))
    result = build(repo, "--report", "kths")
    assert result.exit_code == 0, result.output
    return Report(repo.root / "build" / "kths-2022-07.docx")


# --- the page ----------------------------------------------------------------------------------

def test_page_is_a4_portrait_with_the_decree_margins(report: Report) -> None:
    sect = report.body.find("w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    assert (round(int(size.get(w("w"))) / TWIPS_PER_MM), round(int(size.get(w("h"))) / TWIPS_PER_MM)) == (210, 297)
    assert size.get(w("orient")) in (None, "portrait")
    page_margins = sect.find("w:pgMar", NS)
    margins = {side: int(page_margins.get(w(side))) / TWIPS_PER_MM for side in ("top", "bottom", "left", "right")}
    assert 20 <= round(margins["top"]) <= 25 and 20 <= round(margins["bottom"]) <= 25
    assert 30 <= round(margins["left"]) <= 35 and 15 <= round(margins["right"]) <= 20


def test_times_new_roman_in_every_font_slot(report: Report) -> None:
    fonts = report.styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        assert fonts.get(w(slot)) == "Times New Roman"
    assert not [a for a in fonts.attrib if "Theme" in a or "theme" in a]  # a theme font would win
    used = {p.get(w("val")) for p in report.document.iter(w("pStyle"))} | {"Normal"}
    for style_id in used:
        for named in report.style(style_id).iter(w("rFonts")):
            assert set(named.attrib.values()) == {"Times New Roman"}, style_id
    assert not list(report.document.iter(w("rFonts")))  # no run names another font


def test_text_is_vietnamese(report: Report) -> None:
    lang = report.styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(w("val")) == "vi-VN"


# --- the header --------------------------------------------------------------------------------

def test_header_is_a_borderless_two_column_table(report: Report) -> None:
    header = report.body.find("w:tbl", NS)
    borders = header.find("w:tblPr/w:tblBorders", NS)
    assert {b.get(w("val")) for b in borders} == {"nil"} and len(borders) == 6
    assert [len(row) for row in report.cells(0)] == [2, 2]
    assert report.body[0] is header  # the header comes first


def test_agency_side_of_the_header(report: Report) -> None:
    parent, agency, rule = report.cell_paragraphs(0, 0, 0)
    parent, agency = report.look(parent), report.look(agency)
    assert parent.text == "UBND TỈNH HÀ TĨNH" and 12 <= parent.size <= 13 and not parent.bold
    assert agency.text == "SỞ NGOẠI VỤ" and 12 <= agency.size <= 13 and agency.bold
    assert parent.align == agency.align == "center"
    assert report.look(rule).border and report.look(rule).text == ""  # a border, never typed characters
    ratio = report.rule_mm(rule, report.cell_room_mm(0, 0, 0)) / text_width_mm("SỞ NGOẠI VỤ", agency.size, bold=True)
    assert 1 / 3 <= ratio <= 1 / 2


@pytest.mark.parametrize(
    ("text", "size", "bold", "mm"),
    [  # measured with the font's own advance widths (Liberation Serif = Times New Roman metrics)
        ("Độc lập - Tự do - Hạnh phúc", 13, True, 56.14),
        ("SỞ NGOẠI VỤ", 13, True, 30.58),
        ("UBND TỈNH HÀ TĨNH", 13, False, 44.96),
        ("Hoạt động đối ngoại tháng 7/2022, kế hoạch tháng 8/2022", 14, True, 120.48),
    ],
)
def test_rules_are_sized_from_the_width_of_times_new_roman(text: str, size: float, bold: bool, mm: float) -> None:
    assert text_width_mm(text, size, bold) == pytest.approx(mm, abs=0.01)


def test_national_side_of_the_header(report: Report) -> None:
    nation, motto, rule = report.cell_paragraphs(0, 0, 1)
    nation, motto = report.look(nation), report.look(motto)
    assert nation.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and 12 <= nation.size <= 13 and nation.bold
    assert motto.text == "Độc lập - Tự do - Hạnh phúc" and 13 <= motto.size <= 14 and motto.bold
    assert nation.align == motto.align == "center" and report.look(rule).border
    length = report.rule_mm(rule, report.cell_room_mm(0, 0, 1))
    assert length == pytest.approx(text_width_mm(motto.text, motto.size, bold=True), abs=0.5)


def test_number_and_place_date_share_the_second_row(report: Report) -> None:
    (number,) = report.cell_paragraphs(0, 1, 0)
    (place_date,) = report.cell_paragraphs(0, 1, 1)
    number, place_date = report.look(number), report.look(place_date)
    assert number.text == "Số: 05/BC-SNgV" and number.size == 13 and not number.bold and not number.italic
    assert place_date.text == "Hà Tĩnh, ngày 29 tháng 7 năm 2022"
    assert 13 <= place_date.size <= 14 and place_date.italic and not place_date.bold


def test_the_clerk_can_be_left_the_number_and_the_day(tmp_path: Path) -> None:
    repo = make_office(tmp_path)
    result = bcngv("build", "--period", "2022-07", root=repo)
    assert result.exit_code == 0, result.output
    blank = Report(repo.root / "build" / "thang-2022-07.docx")
    assert text_of(blank.cell_paragraphs(0, 1, 0)[0]) == "Số:       /BC-SNgV"
    assert text_of(blank.cell_paragraphs(0, 1, 1)[0]) == "Hà Tĩnh, ngày" + " " * 8 + "tháng 7 năm 2022"


# --- báo cáo and công văn ----------------------------------------------------------------------

def test_bao_cao_has_its_title_and_summary_centred_under_the_header(report: Report) -> None:
    after_header = [el for el in report.body if el.tag == w("p")][:3]
    title, summary, rule = (report.look(p) for p in after_header)
    assert title.text == "BÁO CÁO" and title.bold and 13 <= title.size <= 14 and title.align == "center"
    assert summary.text == "Hoạt động đối ngoại tháng 7/2022, kế hoạch tháng 8/2022"
    assert summary.bold and 13 <= summary.size <= 14 and summary.align == "center"
    ratio = report.rule_mm(after_header[2], 165) / text_width_mm(summary.text, summary.size, bold=True)
    assert rule.border and 1 / 3 <= ratio <= 1 / 2
    assert not [p for p in report.document.iter(w("p")) if text_of(p).startswith("V/v")]


def test_cong_van_has_its_subject_under_the_number_and_kinh_gui_before_the_body(cong_van: Report) -> None:
    number, subject = (cong_van.look(p) for p in cong_van.cell_paragraphs(0, 1, 0))
    assert number.text == "Số: 05/SNgV-VPTTr"
    assert subject.text == "V/v Đánh giá tình hình thực hiện kế hoạch phát triển KTXH tháng 7/2022"
    assert 12 <= subject.size <= 13 and not subject.italic and not subject.bold and subject.align == "center"
    paragraphs = [cong_van.look(el) for el in cong_van.body if el.tag == w("p")]
    assert paragraphs[0].text == "Kính gửi: Sở Kế hoạch và Đầu tư"
    assert 13 <= paragraphs[0].size <= 14 and not paragraphs[0].bold and not paragraphs[0].italic
    assert paragraphs[1].text.startswith("Thực hiện chỉ đạo")
    assert "BÁO CÁO" not in [p.text for p in paragraphs]


# --- the body ----------------------------------------------------------------------------------

def body_paragraph(report: Report, start: str) -> Look:
    found = [p for p in report.body.findall("w:p", NS) if text_of(p).startswith(start)]
    assert found, start
    return report.look(found[0])


def test_body_paragraphs(report: Report) -> None:
    for start in ("Thực hiện chỉ đạo", "Đoạn 7. Sở Ngoại vụ", "- Đoàn ra: 01 đoàn với 12 lượt", "+ Có 01 đoàn"):
        look = body_paragraph(report, start)
        assert 13 <= look.size <= 14 and look.align == "both" and not look.bold
        assert 1 <= look.first_line_cm <= 1.27 and look.after_pt >= 6 and 1 <= look.line <= 1.5


def test_headings_are_numbered_and_an_empty_section_is_left_out(report: Report) -> None:
    headings = [p for p in report.body.findall("w:p", NS) if text_of(p)[:3] in ("I. ", "II.", "1. ", "2. ", "a) ")]
    looks = [report.look(p) for p in headings]
    assert [x.text for x in looks] == [
        "I. KẾT QUẢ THỰC HIỆN", "1. Hoạt động hợp tác quốc tế", "2. Đoàn ra, đoàn vào",
        "a) Đoàn do lãnh đạo tỉnh dẫn đầu", "II. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI",
    ]
    assert [x.bold for x in looks] == [True, True, True, False, True]
    assert all(13 <= x.size <= 14 and x.first_line_cm >= 1 for x in looks)
    assert "Công tác không có gì để báo cáo" not in report.zip.read("word/document.xml").decode()
    # a heading never ends a page
    assert all(report.first(report.chain(p, "w:pPr"), "w:keepNext") == "true" for p in headings)


def test_items_are_typed_markers_not_word_bullets(report: Report) -> None:
    assert not list(report.document.iter(w("numPr")))
    assert body_paragraph(report, "- Đoàn ra").text.startswith("- ")
    assert body_paragraph(report, "+ Có 01").text.startswith("+ ")


def test_awkward_data_is_kept_as_text(report: Report) -> None:
    assert body_paragraph(report, "- Hội nghị").text == f"- {AWKWARD}"
    read = docx.Document(str(report.path))  # python-docx opens the file
    assert any(LONG_WORD in p.text for p in read.paragraphs)


# --- footnotes ---------------------------------------------------------------------------------

def test_footnotes_are_real_word_footnotes(report: Report) -> None:
    types = report.xml("[Content_Types].xml")
    override = [o for o in types if o.get("PartName") == "/word/footnotes.xml"]
    assert override[0].get("ContentType") == f"{OFFICE}.wordprocessingml.footnotes+xml"
    rels = report.xml("word/_rels/document.xml.rels")
    assert [r.get("Target") for r in rels if r.get("Type").endswith("/footnotes")] == ["footnotes.xml"]
    notes = report.xml("word/footnotes.xml")
    kinds = [(n.get(w("id")), n.get(w("type"))) for n in notes]
    assert kinds[:2] == [("-1", "separator"), ("0", "continuationSeparator")]
    assert notes[0].find(".//w:separator", NS) is not None
    assert notes[1].find(".//w:continuationSeparator", NS) is not None
    settings = report.xml("word/settings.xml")
    assert [f.get(w("id")) for f in settings.findall("w:footnotePr/w:footnote", NS)] == ["-1", "0"]


def test_footnotes_are_numbered_in_order_of_appearance(report: Report) -> None:
    notes = {n.get(w("id")): n for n in report.xml("word/footnotes.xml")}
    refs = [r.get(w("id")) for r in report.document.iter(w("footnoteReference"))]
    assert refs == ["1", "2"]
    assert text_of(notes["1"]).strip() == "Chú thích ở đoạn mở đầu."
    assert text_of(notes["2"]).strip() == "Các doanh nghiệp tặng quà cho tỉnh Bolikhămxay trị giá 500 triệu kíp."
    assert notes["1"].find(".//w:footnoteRef", NS) is not None
    mark = report.style("FootnoteReference").find("w:rPr/w:vertAlign", NS)
    assert mark.get(w("val")) == "superscript"
    # the note the opening refers to is referred to again at the end: its number is shown again
    last = body_paragraph(report, "- Tiếp tục theo dõi")
    assert last.text.endswith("phần mở đầu1.")
    first_ref = report.paragraph("Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Sở Ngoại vụ báo cáo kết quả công "
                                 "tác đối ngoại tháng 7/2022 như sau:")
    assert first_ref.find(".//w:footnoteReference", NS).get(w("id")) == "1"


def test_a_report_without_footnotes_has_no_footnotes_part(tmp_path: Path) -> None:
    repo = make_office(tmp_path, "# Kết quả thực hiện\n\n- Không có chú thích.\n")
    assert build(repo).exit_code == 0
    names = zipfile.ZipFile(repo.root / "build" / "thang-2022-07.docx").namelist()
    assert "word/footnotes.xml" not in names


# --- the page number ---------------------------------------------------------------------------

def test_page_number_is_a_page_field_at_the_top_but_not_on_page_one(report: Report) -> None:
    sect = report.body.find("w:sectPr", NS)
    assert sect.find("w:titlePg", NS) is not None
    rels = {r.get("Id"): r.get("Target") for r in report.xml("word/_rels/document.xml.rels")}
    refs = {h.get(w("type")): report.xml(f"word/{rels[h.get(R_ID)]}") for h in sect.findall("w:headerReference", NS)}
    assert set(refs) == {"default", "first"}
    assert not list(refs["first"].iter(w("instrText"))) and text_of(refs["first"]) == ""
    (p,) = refs["default"].findall("w:p", NS)
    assert [t.text.strip() for t in p.iter(w("instrText"))] == ["PAGE"]
    assert [f.get(w("fldCharType")) for f in p.iter(w("fldChar"))] == ["begin", "separate", "end"]
    look = report.look(p)
    assert look.align == "center" and 13 <= look.size <= 14
    top_margin = int(sect.find("w:pgMar", NS).get(w("top")))
    assert int(sect.find("w:pgMar", NS).get(w("header"))) < top_margin  # in the top margin


# --- the closing -------------------------------------------------------------------------------

def test_closing_table_recipients_and_signer(report: Report) -> None:
    tables = report.body.findall("w:tbl", NS)
    assert len(tables) == 2 and {b.get(w("val")) for b in tables[1].find("w:tblPr/w:tblBorders", NS)} == {"nil"}
    assert tables[1].find("w:tr/w:trPr/w:cantSplit", NS) is not None  # never split across pages
    heading, *recipients = (report.look(p) for p in report.cell_paragraphs(1, 0, 0))
    assert heading.text == "Nơi nhận:" and heading.size == 12 and heading.bold and heading.italic
    assert [r.text for r in recipients] == ["- Văn phòng UBND tỉnh;", "- Lưu: VT, VPTTr."]
    assert all(r.size == 11 and not r.bold and not r.italic for r in recipients)
    signer = [report.look(p) for p in report.cell_paragraphs(1, 0, 1)]
    assert [s.text for s in signer[:2]] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert all(13 <= s.size <= 14 and s.bold and s.align == "center" for s in signer)
    assert [s.text for s in signer[2:-1]] == [""] * (len(signer) - 3) and len(signer) - 3 >= 3  # room to sign
    assert signer[-1].text == "Ngô Thị Hoài Nam"


# --- package and properties --------------------------------------------------------------------

def test_properties_are_dated_from_the_report_and_name_no_machine(report: Report) -> None:
    core = report.xml("docProps/core.xml")
    dated = {el.tag.split("}")[1]: el.text for el in core if el.tag.endswith(("created", "modified"))}
    assert dated == {"created": "2022-07-29T00:00:00Z", "modified": "2022-07-29T00:00:00Z"}
    assert core.findtext("{http://purl.org/dc/elements/1.1/}creator") == "SỞ NGOẠI VỤ"
    assert not [el for el in core if el.tag.endswith("lastPrinted")]
    app = report.xml("docProps/app.xml")
    assert [(el.tag.split("}")[1], el.text) for el in app] == [("Application", "bcngv"), ("Company", "SỞ NGOẠI VỤ")]


def test_the_template_leftovers_are_gone(report: Report) -> None:
    names = report.zip.namelist()
    assert names[0] == "[Content_Types].xml"
    assert not [n for n in names if "thumbnail" in n or "stylesWithEffects" in n or n.startswith("customXml")]
    assert report.xml("word/settings.xml").find("w:savePreviewPicture", NS) is None


def test_every_part_has_its_content_type_and_is_related(report: Report) -> None:
    names = report.zip.namelist()
    parts = {n for n in names if not n.endswith(".rels") and n != "[Content_Types].xml"}
    types = {o.get("PartName"): o.get("ContentType") for o in report.xml("[Content_Types].xml") if o.get("PartName")}
    assert set(types) == {f"/{n}" for n in parts}
    assert types["/word/document.xml"] == f"{OFFICE}.wordprocessingml.document.main+xml"
    related = {r.get("Target") for r in report.xml("_rels/.rels")}
    related |= {f"word/{r.get('Target')}" for r in report.xml("word/_rels/document.xml.rels")}
    assert related == parts
    assert {"word/styles.xml", "word/settings.xml", "word/theme/theme1.xml", "word/footnotes.xml"} <= parts


def test_the_text_of_a_part_reads_back_as_written() -> None:
    typed = 'a & b < c > d "e" \'f\' \r\n\tg\x01\ufffe \U0001f600 đ'
    read = etree.fromstring(f"<t>{escape(typed)}</t>").text
    assert read == xml_text(typed) == typed.replace("\x01", "").replace("\ufffe", "")


def test_a_build_imports_neither_python_docx_nor_lxml(tmp_path: Path) -> None:
    """The .docx is written as XML text: a build pays for neither python-docx nor lxml."""
    repo = make_office(tmp_path)
    code = ("import sys; from bcngv import cli\n"
            f"sys.argv = ['bcngv', 'build', '--period', '2022-07', '--root', {str(repo.root)!r}]\n"
            "try: cli.main()\nexcept SystemExit: pass\n"
            "print('bcngv.render.docx_writer' in sys.modules,"
            " sorted({m.split('.')[0] for m in sys.modules} & {'docx', 'lxml'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "True []"
    assert (repo.root / "build" / "thang-2022-07.docx").is_file()


# --- data that must not corrupt the file -------------------------------------------------------

HEAD = Letterhead(
    parent_body="UBND TỈNH HÀ TĨNH", agency="SỞ NGOẠI VỤ", number_line="Số: 05/BC-SNgV",
    place_date="Hà Tĩnh, ngày 29 tháng 7 năm 2022", shape="bao_cao", title="BÁO CÁO", summary="Hoạt động đối ngoại",
    addressee=None, recipients=("Như trên;",), signer_lines=("GIÁM ĐỐC",), signer_name="Thái Phúc Sơn",
    created=datetime(2022, 7, 29, tzinfo=timezone.utc),
)


def test_characters_xml_cannot_hold_are_dropped_not_fatal(tmp_path: Path) -> None:
    body = Body([Paragraph([Run("Báo\x01 cáo\x0b & <tab>\x1f")])], {})
    out = tmp_path / "x.docx"
    out.write_bytes(write_docx(body, HEAD._replace(agency="SỞ\x02 NGOẠI VỤ")))
    read = docx.Document(str(out))
    assert [p.text for p in read.paragraphs if "Báo" in p.text] == ["Báo cáo & <tab>"]
    assert read.core_properties.author == "SỞ NGOẠI VỤ"


def test_a_summary_longer_than_the_properties_allow(tmp_path: Path) -> None:
    long = "Báo cáo " + "rất dài " * 60
    out = tmp_path / "x.docx"
    out.write_bytes(write_docx(Body([Paragraph([Run("Nội dung.")])], {}), HEAD._replace(summary=long)))
    read = docx.Document(str(out))
    assert len(read.core_properties.title) == 255
    assert any(p.text.replace("\u00a0", " ") == long for p in read.paragraphs)  # the page still shows it whole


def test_a_title_breaks_between_words_not_inside_one(tmp_path: Path) -> None:
    """"phát triển" and "kinh tế - xã hội" hold together on the V/v line and the summary; the other
    spaces stay places to break."""
    summary = "báo cáo đánh giá tình hình KTXH năm 2022; kế hoạch phát triển kinh tế - xã hội năm 2023"
    out = tmp_path / "x.docx"
    out.write_bytes(write_docx(Body([Paragraph([Run("Nội dung.")])], {}), HEAD._replace(summary=summary)))
    (title,) = [p.text for p in docx.Document(str(out)).paragraphs if "2023" in p.text]
    assert "phát\u00a0triển kinh\u00a0tế\u00a0-\u00a0xã\u00a0hội năm 2023" in title
    assert "KTXH năm 2022;" in title and "tình\u00a0hình KTXH" in title


# --- an office's own look ----------------------------------------------------------------------

def test_an_office_reference_docx_restyles_the_report(tmp_path: Path) -> None:
    repo = make_office(tmp_path)
    assert build(repo).exit_code == 0
    out = repo.root / "build" / "thang-2022-07.docx"
    # the office copies a report, changes a style in Word and keeps it as templates/reference.docx
    reference = docx.Document(str(out))
    reference.styles["BcBody"].font.size = docx.shared.Pt(13)
    reference.styles["BcBody"].paragraph_format.first_line_indent = docx.shared.Cm(1)
    reference.save(str(repo.root / "templates" / "reference.docx"))
    assert build(repo).exit_code == 0
    restyled = Report(out)
    look = body_paragraph(restyled, "Đoạn 7.")
    assert look.size == 13 and look.first_line_cm == pytest.approx(1, abs=0.01)
    assert restyled.look(restyled.paragraph("BÁO CÁO")).size == 14  # the styles it did not change stay
    assert len(restyled.styles.findall("w:style[@w:styleId='BcBody']", NS)) == 1


def test_the_office_styles_replace_ours_by_id_and_add_their_own() -> None:
    from bcngv.render.reference import restyled

    word14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    styles = etree.fromstring(
        f'<w:styles xmlns:w="{NS["w"]}" xmlns:w14="{word14}">\n'
        '  <w:style w:styleId="BcBody" w14:flag="1"><w:name w:val="BcBody"/></w:style>\n'
        '  <w:style w:styleId="OfficeQuote"><w:name w:val="Office Quote"/></w:style>\n</w:styles>')
    ours = {"Normal": "our Normal", "BcBody": "our BcBody", "BcTitle": "our BcTitle"}
    normal, body, title, added = restyled(ours, styles.findall("w:style", NS))
    assert (normal, title) == (ours["Normal"], ours["BcTitle"])  # in our order, the ones it leaves alone kept
    assert body.endswith("</w:style>")  # without the whitespace that followed it in the office's file
    body, added = etree.fromstring(body), etree.fromstring(added)  # each holds its own namespaces
    assert body.get(f"{{{word14}}}flag") == "1"
    assert added.find("w:name", NS).get(w("val")) == "Office Quote"


def test_a_reference_docx_that_is_not_a_word_file_stops_the_build(tmp_path: Path) -> None:
    from bcngv.render.reference import read_reference

    repo = make_office(tmp_path)
    repo.write("templates/reference.docx", b"PK\x03\x04 not really a zip")
    result = build(repo)
    assert result.exit_code == 1
    assert "templates/reference.docx:1:1: error reference-invalid:" in result.output
    assert not (repo.root / "build").exists()
    styles, (problem,) = read_reference(repo.root)
    assert styles is None and (problem.code, problem.line, problem.col) == ("reference-invalid", 1, 1)
    with zipfile.ZipFile(repo.root / "templates" / "reference.docx", "w") as package:
        package.writestr("word/document.xml", "<w:document/>")  # a zip, but no styles in it
    assert read_reference(repo.root)[1][0].args == (("problem", "no word/styles.xml"),)


# --- the order of elements Word insists on -----------------------------------------------------

# ECMA-376 Part 1, the sequences of the property elements bcngv writes or edits
SCHEMA_ORDER = {
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
            "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
            "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
            "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
            "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"],
    "tblPr": ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
              "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"],
    "trPr": ["cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
             "tblHeader", "tblCellSpacing", "jc", "hidden"],
    "sectPr": ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
               "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
               "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid"],
    "rPr": ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
            "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
            "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
            "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"],
    "settings": ["zoom", "proofState", "defaultTabStop", "characterSpacingControl", "footnotePr", "compat",
                 "rsids", "mathPr", "themeFontLang", "clrSchemeMapping", "doNotAutoCompressPictures",
                 "shapeDefaults", "decimalSymbol", "listSeparator"],
}


def test_property_elements_are_in_schema_order_and_never_repeated(report: Report) -> None:
    checked = 0
    for part in ("word/document.xml", "word/styles.xml", "word/settings.xml", "word/footnotes.xml"):
        for element in report.xml(part).iter():
            name = etree.QName(element).localname
            if name not in SCHEMA_ORDER or etree.QName(element).namespace != NS["w"]:
                continue
            order = SCHEMA_ORDER[name]
            children = [etree.QName(c).localname for c in element if etree.QName(c).namespace == NS["w"]]
            children = [c for c in children if not (name == "sectPr" and c in ("headerReference",))]
            known = [c for c in children if c in order]
            assert known == sorted(known, key=order.index), (part, name, children)
            assert len(set(children)) == len(children), (part, name, children)
            checked += 1
    assert checked > 100


# --- prose a reader expects (issue 14, item 5) -------------------------------------------------

PROSE_TEMPLATE = """\
Thực hiện văn bản số 4006/UBND-TH và Nghị quyết số 22-NQ/TW (30/2020/NĐ-CP), tình hình kinh tế - xã hội
tháng {{ period.label }} như sau[^da]:

{% for r in records.kind('su_kien') %}
- {{ r | tell }}
{% endfor %}

- Mục cuối cùng của báo cáo.

[^da]: Tặng tỉnh Bolikhămxay các dự án:
    - Dự án trường học;
    - Dự án **trạm y tế**;
    - Dự án nước sạch.
"""

TWO_PARAGRAPHS = """\
kind: su_kien
date: 2022-07-25
field: hop_tac_quoc_te
text: |
  Đoạn thứ nhất của hồ sơ.

  - Đoạn thứ hai, *không* phải một mục.
"""


@pytest.fixture(scope="module")
def prose(tmp_path_factory: pytest.TempPathFactory) -> Report:
    repo = make_office(tmp_path_factory.mktemp("office"), PROSE_TEMPLATE)
    repo.write("records/2022/07/2022-07-25-hai-doan.yaml", TWO_PARAGRAPHS)
    result = build(repo)
    assert result.exit_code == 0, result.output
    return Report(repo.root / "build" / "thang-2022-07.docx")


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("Số: 752/SNgV-VPTTr", ["Số: 752/SNgV", "VPTTr"]),
        ("Số:      /BC-SNgV", ["Số:      /BC", "SNgV"]),
        ("số 22-NQ/TW, văn bản 4006/UBND-TH.", ["số 22", "NQ/TW, văn bản 4006/UBND", "TH."]),
        ("(30/2020/NĐ-CP)", ["(30/2020/NĐ", "CP)"]),
        ("giai đoạn 2021-2025;", ["giai đoạn 2021", "2025;"]),
        # no document number: a spaced dash, a list's dash, a name, a link
        ("kinh tế - xã hội", ["kinh tế - xã hội"]),
        ("- Đoàn ra", ["- Đoàn ra"]),
        ("Hà Tĩnh-Khăm Muồn", ["Hà Tĩnh-Khăm Muồn"]),
        (LONG_WORD, [LONG_WORD]),
    ],
)
def test_the_hyphens_of_document_numbers_are_found(text: str, pieces: list[str]) -> None:
    assert unbreakable_pieces(text) == pieces


def _typed(p: etree._Element) -> str:
    """The text of `p` as typed in w:t, the word joiners that hold hyphens included."""
    return "".join(p.itertext(w("t")))


def test_document_numbers_never_break_at_their_hyphen(report: Report, cong_van: Report, prose: Report) -> None:
    for built, number in ((report, "Số: 05/BC-SNgV"), (cong_van, "Số: 05/SNgV-VPTTr")):
        (p,) = built.cell_paragraphs(0, 1, 0)[:1]
        assert text_of(p) == number and _typed(p).count("-\u2060") == 1
    opening = [p for p in prose.body.findall("w:p", NS) if text_of(p).startswith("Thực hiện văn bản")][0]
    assert "4006/UBND-TH và Nghị quyết số 22-NQ/TW (30/2020/NĐ-CP), tình hình kinh tế - xã hội" in text_of(opening)
    assert _typed(opening).count("-\u2060") == 3
    assert "4006/UBND-\u2060TH" in _typed(opening) and "kinh tế - xã hội" in _typed(opening)  # the spaced dash stays
    # the motto's dashes and the recipients' list dashes stay typed hyphens
    assert _typed(prose.cell_paragraphs(0, 0, 1)[1]) == "Độc lập - Tự do - Hạnh phúc"
    assert all(_typed(p).startswith("- ") for p in prose.cell_paragraphs(1, 0, 0)[1:])


def test_the_cong_van_has_6_pt_between_so_and_v_v(cong_van: Report) -> None:
    number, subject = cong_van.cell_paragraphs(0, 1, 0)
    assert text_of(subject).startswith("V/v ")
    assert cong_van.first(cong_van.chain(subject, "w:pPr"), "w:spacing", "before") == "120"
    assert cong_van.first(cong_van.chain(number, "w:pPr"), "w:spacing", "before") in (None, "0")


def test_a_footnote_holding_a_list_has_a_paragraph_per_item(prose: Report) -> None:
    (note,) = [n for n in prose.xml("word/footnotes.xml") if n.get(w("id")) == "1"]
    paragraphs = note.findall("w:p", NS)
    assert [text_of(p) for p in paragraphs] == [
        " Tặng tỉnh Bolikhămxay các dự án:", "- Dự án trường học;", "- Dự án trạm y tế;", "- Dự án nước sạch."]
    assert {p.find("w:pPr/w:pStyle", NS).get(w("val")) for p in paragraphs} == {"FootnoteText"}
    assert len(note.findall(".//w:footnoteRef", NS)) == 1  # the number heads the note once
    assert "true" in prose.run_value(paragraphs[2], "w:b")  # "**trạm y tế**" stays bold
    assert "true" not in prose.run_value(paragraphs[1], "w:b")


def test_a_record_text_of_two_paragraphs_is_told_as_two(prose: Report) -> None:
    first = prose.paragraph("- Đoạn thứ nhất của hồ sơ.")
    second = prose.paragraph("- Đoạn thứ hai, *không* phải một mục.")  # escaped: a paragraph, no item
    body = prose.body.findall("w:p", NS)
    assert body.index(second) == body.index(first) + 1
    assert {p.find("w:pPr/w:pStyle", NS).get(w("val")) for p in (first, second)} == {"BcBody"}


def test_the_last_item_is_not_pulled_to_the_page_of_the_signature(prose: Report, report: Report) -> None:
    for built in (prose, report):
        closing = built.body.findall("w:tbl", NS)[1]
        children = list(built.body)
        spacer, last = children[children.index(closing) - 1], children[children.index(closing) - 2]
        assert text_of(spacer) == "" and text_of(last).startswith(("- Mục cuối cùng", "- Tiếp tục theo dõi"))
        for p in (last, spacer):  # neither the last item nor the empty line is kept with the block
            assert built.first(built.chain(p, "w:pPr"), "w:keepNext") in (None, "0", "false")
        # the block itself never splits: Nơi nhận, title, room to sign and name stand together
        assert [r.find("w:trPr/w:cantSplit", NS) is not None for r in closing.findall("w:tr", NS)] == [True]
