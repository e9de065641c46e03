"""The .docx writer: blocks laid out as Decree 30/2020/NĐ-CP (Phụ lục I) prescribes.

Page A4, Times New Roman; a borderless header table (agency | Quốc hiệu, Tiêu ngữ; Số | place and
date); BÁO CÁO and its summary or the V/v line and Kính gửi; the body; a borderless closing table
(Nơi nhận | signer). Paragraph styles are created once and referred to by id: looking a style up by
name for every paragraph is slow.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

import docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from bcngv.render.blocks import Body, Heading, Item, Paragraph, Run

FONT = "Times New Roman"
TEXT_WIDTH_MM = 210 - 30 - 15  # A4 less the left and right margins


@dataclass(frozen=True, slots=True)
class Letterhead:
    """Everything around the body: who writes, to whom, and who signs."""

    parent_body: str
    agency: str
    number_line: str  # "Số: 05/BC-SNgV" or "Số:      /BC-SNgV"
    place_date: str  # "Hà Tĩnh, ngày 29 tháng 7 năm 2022"
    shape: str  # "bao_cao" | "cong_van"
    title: str  # "BÁO CÁO"
    summary: str  # the summary line (báo cáo) or the V/v text (công văn)
    addressee: str | None
    recipients: tuple[str, ...]
    signer_lines: tuple[str, ...]
    signer_name: str
    created: datetime  # document properties are dated from the report, never from the clock
    keywords: str = ""  # the commit of the records the report was built from


# paragraph styles: id → (size pt, bold, italic, alignment, first-line indent, space after pt)
_J, _C, _L = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
STYLES: dict[str, tuple[float, bool, bool, WD_ALIGN_PARAGRAPH, float, float]] = {
    "BcBody": (14, False, False, _J, 1.27, 6),
    "BcHeading1": (14, True, False, _J, 1.27, 6),
    "BcHeading2": (14, True, False, _J, 1.27, 6),
    "BcHeading3": (14, False, False, _J, 1.27, 6),
    "BcHead": (13, False, False, _C, 0, 0),
    "BcTitle": (14, True, False, _C, 0, 0),
    "BcRecipients": (11, False, False, _L, 0, 0),
    "BcSigner": (14, True, False, _C, 0, 0),
}


def _fonts(rpr_parent: OxmlElement) -> None:
    """Set every font slot, so Word and LibreOffice agree on Times New Roman."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)


def _setup(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    _fonts(normal.element)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    for style_id, (size, bold, italic, align, indent, after) in STYLES.items():
        style = document.styles.add_style(style_id, 1)
        style.element.set(qn("w:styleId"), style_id)
        style.base_style = normal
        style.font.size, style.font.bold, style.font.italic = Pt(size), bold, italic
        fmt = style.paragraph_format
        fmt.alignment, fmt.first_line_indent, fmt.space_after = align, Cm(indent), Pt(after)
        fmt.line_spacing = 1.15 if after else 1.0
        fmt.widow_control = True


def _paragraph(container: Document | _Cell, style_id: str, runs: list[Run] | str = "") -> DocxParagraph:
    paragraph = container.add_paragraph()
    ppr = paragraph._p.get_or_add_pPr()
    pstyle = OxmlElement("w:pStyle")
    pstyle.set(qn("w:val"), style_id)
    ppr.insert(0, pstyle)
    for run in [Run(runs)] if isinstance(runs, str) else runs:
        _run(paragraph, run)
    return paragraph


def _run(paragraph: DocxParagraph, run: Run) -> None:
    if run.footnote is not None:
        ref = paragraph.add_run(str(run.footnote))
        ref.font.superscript = True
        return
    if not run.text:
        return
    added = paragraph.add_run(run.text)
    if run.bold:
        added.bold = True
    if run.italic:
        added.italic = True


_PPR_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                     "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                     "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                     "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                     "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _border(paragraph: DocxParagraph) -> None:
    """A bottom border: the rules of the header are borders, never typed characters."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    line = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        line.set(qn(key), value)
    borders.append(line)
    ppr.insert_element_before(borders, *_PPR_AFTER_BORDER)


# rough advance widths of Times New Roman, in ems, to size a rule to its text
_NARROW = set("iljtfrI.,:;'!()- ")
_WIDE = set("MWmwÐĐ")


def text_width_mm(text: str, size_pt: float, bold: bool) -> float:
    ems = 0.0
    for char in text:
        if char in _NARROW:
            ems += 0.3
        elif char in _WIDE:
            ems += 0.9
        elif char.isupper():
            ems += 0.72
        else:
            ems += 0.5
    return ems * size_pt * (1.05 if bold else 1.0) * 25.4 / 72


def _rule(cell: _Cell, width_mm: float, cell_mm: float) -> None:
    """A rule `width_mm` long, centred in the cell: the bottom border of an empty, 2 pt high paragraph."""
    rule = _paragraph(cell, "BcHead")
    fmt = rule.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(max((cell_mm - width_mm) / 2, 0))
    fmt.line_spacing, fmt.space_after = Pt(2), Pt(6)
    _border(rule)


def _borderless(table: docx.table.Table, widths_mm: tuple[float, float]) -> None:
    """A fixed-width table without borders; widths go on the grid too, which LibreOffice reads."""
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm):
        column.w = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)


def _styled(paragraph: DocxParagraph, size: float | None = None, bold: bool | None = None, italic: bool | None = None) -> DocxParagraph:
    for run in paragraph.runs:
        if size is not None:
            run.font.size = Pt(size)
        if bold is not None:
            run.bold = bold
        if italic is not None:
            run.italic = italic
    return paragraph


def _header(document: Document, head: Letterhead) -> None:
    left_mm, right_mm = 64.0, TEXT_WIDTH_MM - 64.0
    table = document.add_table(rows=2, cols=2)
    _borderless(table, (left_mm, right_mm))
    agency, nation = table.cell(0, 0), table.cell(0, 1)
    agency.paragraphs[0]._p.getparent().remove(agency.paragraphs[0]._p)
    nation.paragraphs[0]._p.getparent().remove(nation.paragraphs[0]._p)
    _paragraph(agency, "BcHead", head.parent_body.upper())
    _styled(_paragraph(agency, "BcHead", head.agency.upper()), bold=True)
    _rule(agency, text_width_mm(head.agency.upper(), 13, True) * 0.45, left_mm)
    _styled(_paragraph(nation, "BcHead", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), size=12, bold=True)
    motto = "Độc lập - Tự do - Hạnh phúc"
    _styled(_paragraph(nation, "BcHead", motto), size=13, bold=True)
    _rule(nation, text_width_mm(motto, 13, True), right_mm)
    number, date_cell = table.cell(1, 0), table.cell(1, 1)
    number.paragraphs[0]._p.getparent().remove(number.paragraphs[0]._p)
    date_cell.paragraphs[0]._p.getparent().remove(date_cell.paragraphs[0]._p)
    _paragraph(number, "BcHead", head.number_line)
    if head.shape == "cong_van":
        _styled(_paragraph(number, "BcHead", f"V/v {head.summary}"), size=12)
    _styled(_paragraph(date_cell, "BcHead", head.place_date), size=14, italic=True)


def _opening(document: Document, head: Letterhead) -> None:
    if head.shape == "bao_cao":
        title = _paragraph(document, "BcTitle", head.title.upper())
        title.paragraph_format.space_before = Pt(18)
        _paragraph(document, "BcTitle", head.summary).paragraph_format.space_after = Pt(12)
    if head.addressee:
        greeting = _paragraph(document, "BcTitle", f"Kính gửi: {head.addressee}")
        _styled(greeting, bold=False)
        greeting.paragraph_format.space_before = Pt(12)
        greeting.paragraph_format.space_after = Pt(12)
    elif head.shape == "cong_van":
        document.add_paragraph()


def _body(document: Document, body: Body) -> None:
    for block in body.blocks:
        if isinstance(block, Heading):
            runs = ([Run(f"{block.number} ")] if block.number else []) + block.runs
            _paragraph(document, f"BcHeading{min(block.level, 3)}", runs)
        elif isinstance(block, Item):
            _paragraph(document, "BcBody", [Run(f"{block.marker} ")] + block.runs)
        elif isinstance(block, Paragraph):
            _paragraph(document, "BcBody", block.runs)


def _closing(document: Document, head: Letterhead) -> None:
    document.add_paragraph()
    table = document.add_table(rows=1, cols=2)
    left_mm = 80.0
    _borderless(table, (left_mm, TEXT_WIDTH_MM - left_mm))
    recipients, signer = table.cell(0, 0), table.cell(0, 1)
    recipients.paragraphs[0]._p.getparent().remove(recipients.paragraphs[0]._p)
    signer.paragraphs[0]._p.getparent().remove(signer.paragraphs[0]._p)
    _styled(_paragraph(recipients, "BcRecipients", "Nơi nhận:"), size=12, bold=True, italic=True)
    for line in head.recipients:
        _paragraph(recipients, "BcRecipients", f"- {line}")
    for line in head.signer_lines:
        _paragraph(signer, "BcSigner", line.upper())
    for _ in range(4):  # room for the signature and the seal
        _paragraph(signer, "BcSigner")
    _paragraph(signer, "BcSigner", head.signer_name)


def _properties(document: Document, head: Letterhead) -> None:
    props = document.core_properties
    props.title = f"{head.title} {head.summary}".strip()
    props.subject = head.summary
    props.author = props.last_modified_by = head.agency
    props.keywords = head.keywords
    props.comments = ""
    props.created = props.modified = head.created
    props.revision = 1


def write_docx(body: Body, head: Letterhead) -> bytes:
    """The report as .docx bytes (not yet normalised for byte-identical output)."""
    document = docx.Document()
    _setup(document)
    _header(document, head)
    _opening(document, head)
    _body(document, body)
    _closing(document, head)
    _properties(document, head)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

