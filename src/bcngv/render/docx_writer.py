"""The .docx writer: blocks laid out as Decree 30/2020/NĐ-CP (Phụ lục I) prescribes.

Page A4, Times New Roman; a borderless header table (agency | Quốc hiệu, Tiêu ngữ; Số | place and
date); BÁO CÁO and its summary or the V/v line and Kính gửi; the body with real footnotes; a
borderless closing table (Nơi nhận | signer); the page number at the top from page 2 on.

Every element has its own paragraph style (STYLES) and no direct formatting, so an office's
templates/reference.docx can restyle any of them. The document is written as XML text (oxml,
package): python-docx's object tree cost more than the whole rest of the layout.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from bcngv.render import oxml
from bcngv.render.blocks import Body, Heading, Item, Paragraph, Run
from bcngv.render.oxml import Look
from bcngv.render.package import FIRST_PAGE_HEADER, PAGE_HEADER, Properties, docx
from bcngv.render.textwidth import text_width_mm
from bcngv.render.vietnamese import keep_together

if TYPE_CHECKING:
    from lxml import etree

FONT = "Times New Roman"
PAGE_MM = (210, 297)  # A4 portrait
MARGINS_MM = (20, 20, 30, 15)  # top, bottom, left, right: Decree 30 allows 20–25, 20–25, 30–35, 15–20
HEADER_MM = 10  # from the top edge to the page number, which sits in the margin
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM[2] - MARGINS_MM[3]
CELL_PADDING_MM = 1.905  # Word's default left and right cell margin (108 twips)
HEADER_LEFT_MM = 64.0  # the agency's column; the rest is the Quốc hiệu's
CLOSING_LEFT_MM = 80.0  # Nơi nhận; the rest is the signer's
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
CORE_TEXT_LIMIT = 255  # the longest title a .docx's core properties may hold


class Letterhead(NamedTuple):
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


_BODY = Look(14, align="both", indent_cm=1.27, after=6, line=1.15)
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
    "BcHeading1": _BODY._replace(bold=True, keep_next=True, outline=0),
    "BcHeading2": _BODY._replace(bold=True, keep_next=True, outline=1),
    "BcHeading3": _BODY._replace(keep_next=True, outline=2),
    "BcHeading4": _BODY._replace(italic=True, keep_next=True, outline=3),  # `####`, numbered or not (outline.py)
    "BcRecipientsTitle": Look(12, bold=True, italic=True, align="left"),
    "BcRecipients": Look(11, align="left"),
    "BcSigner": Look(14, bold=True),
    "BcPageNumber": Look(14),
    "FootnoteText": Look(12, align="both"),
}
# Word's own footnote styles keep their built-in names, so Word treats them as the footnote styles
_NAMES = {"FootnoteText": "footnote text", "FootnoteReference": "footnote reference"}
_FONTS = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
_VIETNAMESE = '<w:lang w:val="vi-VN"/>'  # so Word checks spelling and breaks lines as for Vietnamese
# Times New Roman 14 pt, Vietnamese, single spacing for everything that names no style; the default
# styles Word expects (Normal, the default paragraph font, the default table with its cell margins)
_DEFAULTS = (
    f'<w:docDefaults><w:rPrDefault><w:rPr>{_FONTS}<w:sz w:val="28"/><w:szCs w:val="28"/>{_VIETNAMESE}'
    '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    "</w:pPr></w:pPrDefault></w:docDefaults>"
)
_BASE_STYLES = {
    "Normal": ('<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
               f'<w:rPr>{_FONTS}<w:sz w:val="28"/>{_VIETNAMESE}</w:rPr></w:style>'),
    "DefaultParagraphFont": ('<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
                             '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
                             "<w:unhideWhenUsed/></w:style>"),
    "TableNormal": ('<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
                    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
                    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
                    f'<w:left w:w="{oxml.twips(CELL_PADDING_MM)}" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
                    f'<w:right w:w="{oxml.twips(CELL_PADDING_MM)}" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'),
}


def _styles(reference: list[etree._Element]) -> str:
    """The styles part: the defaults, then every style of STYLES, each replaced by the office's own
    style of the same id when its templates/reference.docx has one."""
    own = {**_BASE_STYLES, **{style_id: oxml.paragraph_style(style_id, _NAMES.get(style_id, style_id), look, "Normal")
                              for style_id, look in STYLES.items()}}
    own["FootnoteReference"] = oxml.superscript_style("FootnoteReference", _NAMES["FootnoteReference"])
    if reference:
        from bcngv.render.reference import restyled

        written = restyled(own, reference)
    else:
        written = list(own.values())
    return oxml.word_part("styles", _DEFAULTS + "".join(written))


# A document number ("752/SNgV-VPTTr", "22-NQ/TW", "30/2020/NĐ-CP", "Số: /BC-SNgV") must not break at its
# hyphen: a word (between spaces, before trailing punctuation) of letters, digits and slashes joined by
# hyphens, holding a digit or a slash. " - " (a list's dash, "kinh tế - xã hội") is no word; a name
# like "Hà Tĩnh-Khăm Muồn" holds neither; a link holds ":" and "." and is left to break.
_DOCUMENT_NUMBER = re.compile(r"(?:^|(?<=[\s(\[“\"']))(?=[\w/-]*[\d/])[\w/]+(?:-[\w/]+)+(?=[,;:.…!?)\]”\"']*(?:\s|$))")
_JOINED_HYPHEN = re.compile(r"[\w/]-[\w/]")  # what every document number holds: most texts have none


def unbreakable_pieces(text: str) -> list[str]:
    """`text` cut at the hyphens of its document numbers, which the writer joins with a
    hyphen that holds (oxml.run); one piece when it has none."""
    if not _JOINED_HYPHEN.search(text):
        return [text]
    pieces = [""]
    last = 0
    for match in _DOCUMENT_NUMBER.finditer(text):
        first, *rest = match.group().split("-")
        pieces[-1] += text[last:match.start()] + first
        pieces += rest
        last = match.end()
    pieces[-1] += text[last:]
    return pieces


class _Box(NamedTuple):
    """Where blocks go, the page's body or a table cell, with the width its text can take."""

    room_mm: float
    xml: list[str]  # its paragraphs (and the page's tables), written


class _Writer:
    """Writes paragraphs in a style, with their runs, and turns footnote marks into real footnotes."""

    def __init__(self, body: Body) -> None:
        self.notes = body.footnotes
        self.footnotes = oxml.Footnotes("FootnoteText", "FootnoteReference") if body.footnotes else None
        self.numbers: dict[int, int] = {}  # footnote of the Markdown → its number in the document
        self.page = _Box(TEXT_WIDTH_MM, [])

    def paragraph(self, box: _Box, style_id: str, runs: list[Run] | str = "", properties: str = "") -> None:
        written = self.runs([Run(runs)] if isinstance(runs, str) else runs)
        box.xml.append(oxml.paragraph(style_id, written, properties))

    def runs(self, runs: list[Run]) -> str:
        return "".join([self.run(run) for run in runs])

    def run(self, run: Run) -> str:
        if run.footnote is not None:
            return self.footnote(run.footnote)
        return oxml.run(unbreakable_pieces(run.text), run.bold, run.italic) if run.text else ""

    def footnote(self, number: int) -> str:
        """The mark of footnote `number`, its note written the first time it is marked."""
        if self.footnotes is None or number not in self.notes:
            return ""
        if number in self.numbers:
            # a second mark of the same note shows its number again rather than a copy of the note
            return oxml.styled_run(str(self.numbers[number]), "FootnoteReference")
        self.numbers[number] = len(self.numbers) + 1  # Word numbers notes in the order they appear
        for index, block in enumerate(self.notes[number]):
            # the first paragraph follows the note's number; an item of a list is its own paragraph
            runs = ([Run(f"{block.marker} ")] if isinstance(block, Item) else []) + block.runs
            written = self.runs([run for run in runs if run.footnote is None])
            if index == 0:
                self.footnotes.add(written)
            else:
                self.footnotes.paragraph(written)
        if not self.notes[number]:
            self.footnotes.add("")
        return self.footnotes.reference()


def _rule(writer: _Writer, box: _Box, width_mm: float) -> None:
    """A rule `width_mm` long, centred: the bottom border of an empty paragraph 2 pt high."""
    writer.paragraph(box, "BcRule", properties=oxml.rule(oxml.twips(max((box.room_mm - width_mm) / 2, 0))))


def _widths(left_mm: float) -> tuple[float, float]:
    """The columns of a two-column table: `left_mm` wide, and the rest of the text's width."""
    return left_mm, TEXT_WIDTH_MM - left_mm


def _cells(rows: int, left_mm: float) -> list[list[_Box]]:
    """The cells of a two-column table (`_widths`), each its column's width less its padding."""
    return [[_Box(width - 2 * CELL_PADDING_MM, []) for width in _widths(left_mm)] for _ in range(rows)]


def _table(writer: _Writer, cells: list[list[_Box]], left_mm: float, keep_rows_on_one_page: bool = False) -> None:
    """The filled `cells` as a borderless table of fixed widths on the page."""
    widths = list(map(oxml.twips, _widths(left_mm)))
    rows = [["".join(cell.xml) for cell in row] for row in cells]
    writer.page.xml.append(oxml.table(widths, rows, keep_rows_on_one_page))


def _header(writer: _Writer, head: Letterhead) -> None:
    cells = _cells(2, HEADER_LEFT_MM)
    (agency, nation), (number, place_date) = cells
    writer.paragraph(agency, "BcParentBody", head.parent_body.upper())
    writer.paragraph(agency, "BcAgency", head.agency.upper())
    _rule(writer, agency, _share_of(head.agency.upper(), STYLES["BcAgency"], agency))
    writer.paragraph(nation, "BcNation", NATION)
    writer.paragraph(nation, "BcMotto", MOTTO)
    _rule(writer, nation, text_width_mm(MOTTO, STYLES["BcMotto"].size, STYLES["BcMotto"].bold))
    writer.paragraph(number, "BcNumber", head.number_line)
    if head.shape == "cong_van":
        writer.paragraph(number, "BcSubject", keep_together(f"V/v {head.summary}"))
    writer.paragraph(place_date, "BcPlaceDate", head.place_date)
    _table(writer, cells, HEADER_LEFT_MM)


def _share_of(text: str, look: Look, box: _Box) -> float:
    """Decree 30: the rule under the agency or the summary is 1/3 to 1/2 of its text (0.4 here);
    a text that wraps is as long as its column."""
    return min(text_width_mm(text, look.size, look.bold), box.room_mm) * 0.4


def _opening(writer: _Writer, head: Letterhead) -> None:
    page = writer.page
    if head.shape == "bao_cao":
        writer.paragraph(page, "BcTitle", head.title.upper())
        writer.paragraph(page, "BcSummary", keep_together(head.summary))
        _rule(writer, page, _share_of(head.summary, STYLES["BcSummary"], page))
    if head.addressee:
        writer.paragraph(page, "BcAddressee", f"Kính gửi: {head.addressee}")
    elif head.shape == "cong_van":
        writer.paragraph(page, "BcBody")


def _body(writer: _Writer, body: Body) -> None:
    for block in body.blocks:
        if isinstance(block, Heading):
            runs = ([Run(f"{block.number} ")] if block.number else []) + block.runs
            runs = [r._replace(text=keep_together(r.text)) for r in runs]  # a heading is a title too
            writer.paragraph(writer.page, f"BcHeading{min(block.level, 4)}", runs)
        elif isinstance(block, Item):
            writer.paragraph(writer.page, "BcBody", [Run(f"{block.marker} ")] + block.runs)
        elif isinstance(block, Paragraph):
            writer.paragraph(writer.page, "BcBody", block.runs)


def _closing(writer: _Writer, head: Letterhead) -> None:
    # The signature block is one row that never splits (w:cantSplit): Nơi nhận, the signer's title,
    # the room to sign and the name always stand together on one page. The last paragraph of the body
    # is not kept with it (no w:keepNext): that would carry the whole last item to the next page, and
    # leave a gap at the foot of its own, whenever the block does not fit below it, as the office's
    # originals never do. Nor is the empty line before the block kept with it, so that a block which
    # moves to a new page starts at its top rather than under an empty line.
    writer.paragraph(writer.page, "BcBody")
    cells = _cells(1, CLOSING_LEFT_MM)
    ((recipients, signer),) = cells
    writer.paragraph(recipients, "BcRecipientsTitle", "Nơi nhận:")
    for line in head.recipients:
        writer.paragraph(recipients, "BcRecipients", f"- {line}")
    for line in head.signer_lines:
        writer.paragraph(signer, "BcSigner", line.upper())
    for _ in range(4):  # room for the signature and the seal
        writer.paragraph(signer, "BcSigner")
    writer.paragraph(signer, "BcSigner", head.signer_name)
    _table(writer, cells, CLOSING_LEFT_MM, keep_rows_on_one_page=True)


def _section() -> str:
    """A4 with the Decree's margins; the page number (a PAGE field) centred in the top margin from
    page 2 on, page 1's header empty."""
    top, bottom, left, right = (oxml.twips(mm) for mm in MARGINS_MM)
    return oxml.section((oxml.twips(PAGE_MM[0]), oxml.twips(PAGE_MM[1])), (top, bottom, left, right),
                        oxml.twips(HEADER_MM), FIRST_PAGE_HEADER, PAGE_HEADER)


def _core_text(text: str) -> str:
    return oxml.xml_text(text)[:CORE_TEXT_LIMIT]


def _properties(head: Letterhead) -> Properties:
    return Properties(title=_core_text(f"{head.title} {head.summary}".strip()), subject=_core_text(head.summary),
                      author=_core_text(head.agency), keywords=_core_text(head.keywords), created=head.created)


def write_docx(body: Body, head: Letterhead, reference: list[etree._Element] | None = None) -> bytes:
    """The report as .docx bytes, the same bytes for the same inputs; `reference` holds the styles
    of the office's templates/reference.docx."""
    writer = _Writer(body)
    _header(writer, head)
    _opening(writer, head)
    _body(writer, body)
    _closing(writer, head)
    headers = tuple(oxml.word_part("hdr", content)
                    for content in (oxml.paragraph("BcPageNumber"), oxml.page_number("BcPageNumber")))
    return docx("".join(writer.page.xml) + _section(), _styles(reference or []), headers, writer.footnotes,
                _properties(head))
