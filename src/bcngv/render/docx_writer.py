"""The .docx writer: blocks laid out as Decree 30/2020/NĐ-CP (Phụ lục I) prescribes.

Page A4, Times New Roman; a borderless header table (agency | Quốc hiệu, Tiêu ngữ; Số | place and
date); BÁO CÁO and its summary or the V/v line and Kính gửi; the body with real footnotes; a
borderless closing table (Nơi nhận | signer); the page number at the top from page 2 on.

Every element has its own paragraph style (STYLES) and no direct formatting, so an office's
templates/reference.docx can restyle any of them. Styles are referred to by id: looking a style up
by name for every paragraph is slow.
"""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import cast

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Mm, Pt
from docx.styles import BabelFish
from docx.styles.style import ParagraphStyle, StyleFactory
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from bcngv.render import oxml
from bcngv.render.blocks import Body, Heading, Item, Paragraph, Run
from bcngv.render.textwidth import text_width_mm
from bcngv.render.vietnamese import keep_together

FONT = "Times New Roman"
PAGE_MM = (210, 297)  # A4 portrait
MARGINS_MM = (20, 20, 30, 15)  # top, bottom, left, right: Decree 30 allows 20–25, 20–25, 30–35, 15–20
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM[2] - MARGINS_MM[3]
CELL_PADDING_MM = 1.905  # Word's default left and right cell margin (108 twips)
HEADER_LEFT_MM = 64.0  # the agency's column; the rest is the Quốc hiệu's
CLOSING_LEFT_MM = 80.0  # Nơi nhận; the rest is the signer's
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
CORE_TEXT_LIMIT = 255  # the longest title a .docx's core properties may hold


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


_J, _C, _L = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT


@dataclass(frozen=True, slots=True)
class Look:
    """A paragraph style: sizes in points, the first-line indent in centimetres."""

    size: float
    bold: bool = False
    italic: bool = False
    align: WD_ALIGN_PARAGRAPH = _C
    indent_cm: float = 0
    before: float = 0
    after: float = 0
    line: float = 1.0  # line spacing, in lines
    keep_next: bool = False  # a heading or a title never ends a page
    outline: int | None = None  # heading level in Word's navigation pane and the PDF's bookmarks


_BODY = Look(14, align=_J, indent_cm=1.27, after=6, line=1.15)
# the sizes and styles of Decree 30, Phụ lục I (see DESIGN.md)
STYLES: dict[str, Look] = {
    "BcParentBody": Look(13),
    "BcAgency": Look(13, bold=True),
    "BcNation": Look(12, bold=True),
    "BcMotto": Look(13, bold=True),
    "BcNumber": Look(13),
    "BcSubject": Look(12, before=6),  # V/v: 6 pt below the Số line of a công văn (Decree 30)
    "BcPlaceDate": Look(14, italic=True),
    "BcTitle": Look(14, bold=True, before=12, keep_next=True),
    "BcSummary": Look(14, bold=True, keep_next=True),
    "BcAddressee": Look(14, before=6, after=12),
    "BcRule": Look(2, before=2, after=6),  # an empty paragraph whose bottom border is a rule
    "BcBody": _BODY,
    # headings are body paragraphs: "I. …" in capitals and "1. …" in bold, "a) …" upright
    "BcHeading1": replace(_BODY, bold=True, keep_next=True, outline=0),
    "BcHeading2": replace(_BODY, bold=True, keep_next=True, outline=1),
    "BcHeading3": replace(_BODY, keep_next=True, outline=2),
    "BcHeading4": replace(_BODY, italic=True, keep_next=True, outline=3),  # `####`, numbered or not (outline.py)
    "BcRecipientsTitle": Look(12, bold=True, italic=True, align=_L),
    "BcRecipients": Look(11, align=_L),
    "BcSigner": Look(14, bold=True),
    "BcPageNumber": Look(14),
    "FootnoteText": Look(12, align=_J),
}
# Word's own footnote styles keep their built-in names, so Word treats them as the footnote styles
_NAMES = {"FootnoteText": "footnote text", "FootnoteReference": "footnote reference"}


def _language(rpr: BaseOxmlElement) -> None:
    """Vietnamese text, so Word checks spelling and breaks lines as for Vietnamese."""
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = oxml.element("w:lang", val="vi-VN")
    rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _defaults(document: Document) -> None:
    """Times New Roman 14 pt, Vietnamese, single spacing for everything that names no style."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    oxml.set_fonts(rpr, FONT)
    for size in ("w:sz", "w:szCs"):
        rpr.find(qn(size)).set(qn("w:val"), "28")
    _language(rpr)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    oxml.set_fonts(normal.element.get_or_add_rPr(), FONT)
    _language(normal.element.get_or_add_rPr())


def _add_style(document: Document, style_id: str, kind: WD_STYLE_TYPE) -> ParagraphStyle:
    # a character style (WD_STYLE_TYPE.CHARACTER) has the same font API, without paragraph_format;
    # made on the XML, as `styles.add_style` does after looking for the name among every style
    added = document.styles.element.add_style_of_type(BabelFish.ui2internal(_NAMES.get(style_id, style_id)), kind, False)
    style = cast(ParagraphStyle, StyleFactory(added))
    style.element.set(qn("w:styleId"), style_id)
    return style


def _styles(document: Document) -> None:
    normal = document.styles["Normal"]
    for style_id, look in STYLES.items():
        style = _add_style(document, style_id, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size, style.font.bold, style.font.italic = Pt(look.size), look.bold, look.italic
        fmt = style.paragraph_format
        fmt.alignment, fmt.first_line_indent = look.align, Cm(look.indent_cm)
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(look.before), Pt(look.after), look.line
        fmt.widow_control, fmt.keep_with_next = True, look.keep_next
        if look.outline is not None:
            oxml.outline_level(style.element, look.outline)
    mark = _add_style(document, "FootnoteReference", WD_STYLE_TYPE.CHARACTER)
    mark.font.superscript = True


def _apply_reference(document: Document, reference: list[etree._Element]) -> None:
    """The office's styles replace the built-in ones with the same id; new ones are added."""
    styles = document.styles.element
    existing = {style.get(qn("w:styleId")): style for style in styles.findall(qn("w:style"))}
    for style in reference:
        replacement = copy.deepcopy(style)
        old = existing.get(style.get(qn("w:styleId")))
        if old is not None:
            old.addprevious(replacement)
            styles.remove(old)
        else:
            styles.append(replacement)


def _setup(document: Document, reference: list[etree._Element]) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    top, bottom, left, right = MARGINS_MM
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)  # the page number sits in the margin
    _defaults(document)
    _styles(document)
    _apply_reference(document, reference)
    oxml.page_number_header(section, "BcPageNumber")


# A document number ("752/SNgV-VPTTr", "22-NQ/TW", "30/2020/NĐ-CP", "Số: /BC-SNgV") must not break at its
# hyphen: a word (between spaces, before trailing punctuation) of letters, digits and slashes joined by
# hyphens, holding a digit or a slash. " - " (a list's dash, "kinh tế - xã hội") is no word; a name
# like "Hà Tĩnh-Khăm Muồn" holds neither; a link holds ":" and "." and is left to break.
_DOCUMENT_NUMBER = re.compile(r"(?:^|(?<=[\s(\[“\"']))(?=[\w/-]*[\d/])[\w/]+(?:-[\w/]+)+(?=[,;:.…!?)\]”\"']*(?:\s|$))")


def unbreakable_pieces(text: str) -> list[str]:
    """`text` cut at the hyphens of its document numbers, which the writer joins with a
    hyphen that holds (oxml.text_with_hyphens); one piece when it has none."""
    pieces = [""]
    last = 0
    for match in _DOCUMENT_NUMBER.finditer(text):
        first, *rest = match.group().split("-")
        pieces[-1] += text[last:match.start()] + first
        pieces += rest
        last = match.end()
    pieces[-1] += text[last:]
    return pieces


class _Writer:
    """Adds paragraphs in a style, with their runs, and turns footnote marks into real footnotes.
    Paragraphs and runs are made as XML elements, not through python-docx's objects: the same
    elements, a fraction of the time."""

    def __init__(self, document: Document, body: Body) -> None:
        self.document = document
        self.notes = body.footnotes
        self.footnotes = oxml.Footnotes(document, "FootnoteText", "FootnoteReference") if body.footnotes else None
        self.numbers: dict[int, int] = {}  # footnote of the Markdown → its number in the document
        self._section = document.element.body.sectPr  # the body's paragraphs go before it

    def paragraph(self, container: Document | _Cell, style_id: str, runs: list[Run] | str = "") -> DocxParagraph:
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        ppr.append(oxml.element("w:pStyle", val=style_id))
        p.append(ppr)
        if isinstance(container, Document):
            self._section.addprevious(p)
        else:
            container._tc.append(p)
        paragraph = DocxParagraph(p, container)
        for run in [Run(runs)] if isinstance(runs, str) else runs:
            self.run(paragraph, run)
        return paragraph

    def run(self, paragraph: DocxParagraph, run: Run) -> None:
        if run.footnote is not None:
            self.footnote(paragraph, run.footnote)
        elif run.text:
            added = OxmlElement("w:r")
            if run.bold or run.italic:
                rpr = OxmlElement("w:rPr")
                rpr.extend(OxmlElement(tag) for tag, on in (("w:b", run.bold), ("w:i", run.italic)) if on)
                added.append(rpr)
            oxml.text_with_hyphens(added, unbreakable_pieces(run.text))
            paragraph._p.append(added)

    def footnote(self, paragraph: DocxParagraph, number: int) -> None:
        if self.footnotes is None or number not in self.notes:
            return
        if number in self.numbers:
            # a second mark of the same note shows its number again rather than a copy of the note
            oxml.styled_run(paragraph, str(self.numbers[number]), "FootnoteReference")
            return
        self.numbers[number] = len(self.numbers) + 1  # Word numbers notes in the order they appear
        for index, block in enumerate(self.notes[number]):
            # the first paragraph follows the note's number; an item of a list is its own paragraph
            note = self.footnotes.add() if index == 0 else self.footnotes.paragraph()
            for run in ([Run(f"{block.marker} ")] if isinstance(block, Item) else []) + block.runs:
                if run.footnote is None:
                    self.run(note, run)
        if not self.notes[number]:
            self.footnotes.add()
        self.footnotes.reference(paragraph)


def _room(container: Document | _Cell) -> float:
    """The width text can take in the body or in a table cell, in millimetres."""
    return TEXT_WIDTH_MM if isinstance(container, Document) else container.width.mm - 2 * CELL_PADDING_MM


def _rule(writer: _Writer, container: Document | _Cell, width_mm: float) -> None:
    """A rule `width_mm` long, centred: the bottom border of an empty paragraph 2 pt high."""
    rule = writer.paragraph(container, "BcRule")
    fmt = rule.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(max((_room(container) - width_mm) / 2, 0))
    oxml.bottom_border(rule)


def _table(document: Document, rows: int, left_mm: float) -> Table:
    """A borderless two-column table of fixed widths; widths go on the grid too, which LibreOffice
    reads. The default empty paragraph of each cell is removed: cells are filled by `paragraph`."""
    table = document.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (left_mm, TEXT_WIDTH_MM - left_mm)
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
        column.w = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Mm(width)
            cell._tc.remove(cell.paragraphs[0]._p)
    oxml.no_borders(table)
    return table


def _header(writer: _Writer, head: Letterhead) -> None:
    table = _table(writer.document, 2, HEADER_LEFT_MM)
    agency, nation = table.cell(0, 0), table.cell(0, 1)
    writer.paragraph(agency, "BcParentBody", head.parent_body.upper())
    writer.paragraph(agency, "BcAgency", head.agency.upper())
    _rule(writer, agency, _share_of(head.agency.upper(), STYLES["BcAgency"], agency))
    writer.paragraph(nation, "BcNation", NATION)
    writer.paragraph(nation, "BcMotto", MOTTO)
    _rule(writer, nation, text_width_mm(MOTTO, STYLES["BcMotto"].size, STYLES["BcMotto"].bold))
    number, place_date = table.cell(1, 0), table.cell(1, 1)
    writer.paragraph(number, "BcNumber", head.number_line)
    if head.shape == "cong_van":
        writer.paragraph(number, "BcSubject", keep_together(f"V/v {head.summary}"))
    writer.paragraph(place_date, "BcPlaceDate", head.place_date)


def _share_of(text: str, look: Look, container: Document | _Cell) -> float:
    """Decree 30: the rule under the agency or the summary is 1/3 to 1/2 of its text (0.4 here);
    a text that wraps is as long as its column."""
    return min(text_width_mm(text, look.size, look.bold), _room(container)) * 0.4


def _opening(writer: _Writer, head: Letterhead) -> None:
    if head.shape == "bao_cao":
        writer.paragraph(writer.document, "BcTitle", head.title.upper())
        writer.paragraph(writer.document, "BcSummary", keep_together(head.summary))
        _rule(writer, writer.document, _share_of(head.summary, STYLES["BcSummary"], writer.document))
    if head.addressee:
        writer.paragraph(writer.document, "BcAddressee", f"Kính gửi: {head.addressee}")
    elif head.shape == "cong_van":
        writer.paragraph(writer.document, "BcBody")


def _body(writer: _Writer, body: Body) -> None:
    for block in body.blocks:
        if isinstance(block, Heading):
            runs = ([Run(f"{block.number} ")] if block.number else []) + block.runs
            runs = [replace(r, text=keep_together(r.text)) for r in runs]  # a heading is a title too
            writer.paragraph(writer.document, f"BcHeading{min(block.level, 4)}", runs)
        elif isinstance(block, Item):
            writer.paragraph(writer.document, "BcBody", [Run(f"{block.marker} ")] + block.runs)
        elif isinstance(block, Paragraph):
            writer.paragraph(writer.document, "BcBody", block.runs)


def _closing(writer: _Writer, head: Letterhead) -> None:
    # The signature block is one row that never splits (w:cantSplit): Nơi nhận, the signer's title,
    # the room to sign and the name always stand together on one page. The last paragraph of the body
    # is not kept with it (no w:keepNext): that would carry the whole last item to the next page, and
    # leave a gap at the foot of its own, whenever the block does not fit below it, as the office's
    # originals never do. Nor is the empty line before the block kept with it, so that a block which
    # moves to a new page starts at its top rather than under an empty line.
    writer.paragraph(writer.document, "BcBody")
    table = _table(writer.document, 1, CLOSING_LEFT_MM)
    oxml.keep_row_on_one_page(table)
    recipients, signer = table.cell(0, 0), table.cell(0, 1)
    writer.paragraph(recipients, "BcRecipientsTitle", "Nơi nhận:")
    for line in head.recipients:
        writer.paragraph(recipients, "BcRecipients", f"- {line}")
    for line in head.signer_lines:
        writer.paragraph(signer, "BcSigner", line.upper())
    for _ in range(4):  # room for the signature and the seal
        writer.paragraph(signer, "BcSigner")
    writer.paragraph(signer, "BcSigner", head.signer_name)


def _core_text(text: str) -> str:
    return oxml.xml_text(text)[:CORE_TEXT_LIMIT]


def _properties(document: Document, head: Letterhead) -> None:
    props = document.core_properties
    props.title = _core_text(f"{head.title} {head.summary}".strip())
    props.subject = _core_text(head.summary)
    props.author = props.last_modified_by = _core_text(head.agency)
    props.keywords = _core_text(head.keywords)
    props.language = "vi-VN"
    props.comments = ""
    props.created = props.modified = head.created
    props.revision = 1
    oxml.tidy_package(document, "bcngv", _core_text(head.agency))


def write_docx(body: Body, head: Letterhead, reference: list[etree._Element] | None = None) -> bytes:
    """The report as .docx bytes (not yet normalised for byte-identical output); `reference` holds
    the styles of the office's templates/reference.docx."""
    document = docx.Document()
    _setup(document, reference or [])
    writer = _Writer(document, body)
    _header(writer, head)
    _opening(writer, head)
    _body(writer, body)
    _closing(writer, head)
    _properties(document, head)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
