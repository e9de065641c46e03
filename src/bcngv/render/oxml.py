"""WordprocessingML written as text: paragraphs, runs, tables, borders, the PAGE field, footnotes and
paragraph styles, as the strings of the parts that hold them.

Text is the fastest way to the few elements a report is made of, and needs neither python-docx nor
lxml. Every function writes its elements in the order the schema requires (Word refuses a file whose
elements are out of order; LibreOffice forgives). Data reaches the XML only through `escape`;
attributes are bcngv's own names and numbers.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# characters XML 1.0 cannot carry at all: data holding one (a stray control byte from a pasted
# text) would make a file no reader opens
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
WORD_JOINER = "\u2060"
_BOTTOM_RULE = '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
_NO_BORDERS = "<w:tblBorders>" + "".join(
    f'<w:{edge} w:val="nil"/>' for edge in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>"
_TABLE_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0"'
               ' w:noVBand="1" w:val="04A0"/>')
Align = Literal["both", "center", "left"]


def xml_text(text: str) -> str:
    """`text` without the characters an XML file cannot hold; everything else is kept."""
    return _NOT_XML.sub("", text)


def escape(text: str) -> str:
    """`text` as the content of an element: what XML cannot hold dropped, markup characters
    escaped, a carriage return kept as a reference (a parser would read a bare one as a newline)."""
    return xml_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def twips(mm: float) -> int:
    """A length in twentieths of a point, through Word's own unit (EMU, 36,000 to the millimetre)
    as python-docx counted it, so that lengths are those earlier reports had."""
    return round(int(mm * 36000) / 635)


def word_part(root: str, content: str) -> str:
    """A WordprocessingML part: its root element (`document`, `styles`, `hdr`, …) holding `content`."""
    return f'{XML_DECLARATION}<w:{root} xmlns:w="{W}" xmlns:r="{R}">{content}</w:{root}>'


def _text(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def run(pieces: list[str], bold: bool = False, italic: bool = False) -> str:
    """A run of the text `pieces` joined by hyphens that hold: each "-" followed by a word joiner
    (U+2060, zero width), so that no line breaks after it (Unicode line breaking, which Word and
    LibreOffice follow) while the text stays a plain "-" for every reader, search and copy. Word's
    own `<w:noBreakHyphen/>` holds too, but is no character: text tools (pdftotext, the office's
    comparisons, a copy into an e-mail) lose the hyphen and join "UBND-TH" into "UBNDTH"."""
    looks = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    properties = f"<w:rPr>{looks}</w:rPr>" if looks else ""
    return f"<w:r>{properties}{_text(f'-{WORD_JOINER}'.join(pieces))}</w:r>"


def styled_run(text: str, style_id: str) -> str:
    """Text in a character style."""
    return _styled(style_id, _text(text))


def _styled(style_id: str, content: str) -> str:
    """A run in a character style, holding `content` (text, a footnote's mark or reference)."""
    return f'<w:r><w:rPr><w:rStyle w:val="{style_id}"/></w:rPr>{content}</w:r>'


def paragraph(style_id: str, runs: str = "", properties: str = "") -> str:
    """A paragraph in a style; `properties` are the pPr elements after pStyle (see `rule`)."""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{properties}</w:pPr>{runs}</w:p>'


def rule(indent_twips: int) -> str:
    """The properties of an empty paragraph drawn as a thin solid rule (its bottom border),
    indented as much on both sides: the rules of the header are borders, never typed."""
    return f'{_BOTTOM_RULE}<w:ind w:left="{indent_twips}" w:right="{indent_twips}"/>'


def table(widths: list[int], rows: list[list[str]], keep_rows_on_one_page: bool = False) -> str:
    """A centred table that prints no lines, of fixed column `widths` (twips, on the grid too,
    which LibreOffice reads); `rows` holds the paragraphs of each cell, joined."""
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    row_properties = "<w:trPr><w:cantSplit/></w:trPr>" if keep_rows_on_one_page else ""
    body = "".join(
        f"<w:tr>{row_properties}"
        + "".join(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>{cell}</w:tc>'
                  for width, cell in zip(widths, row))
        + "</w:tr>"
        for row in rows
    )
    return (f'<w:tbl><w:tblPr><w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/>{_NO_BORDERS}'
            f'<w:tblLayout w:type="fixed"/>{_TABLE_LOOK}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>')


def page_number(style_id: str) -> str:
    """A paragraph holding a PAGE field; "2" is shown until the field is updated, which Word and
    LibreOffice do when they open the file."""
    return paragraph(style_id, (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>2</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    ))


def section(page_twips: tuple[int, int], margins_twips: tuple[int, int, int, int], header_twips: int,
            first_header: str, other_headers: str) -> str:
    """The page setup: size, margins (top, bottom, left, right), the distance of the header and the
    footer from the edge, and the header relationships: page 1 has its own (`w:titlePg`)."""
    top, bottom, left, right = margins_twips
    return (f'<w:sectPr><w:headerReference w:type="first" r:id="{first_header}"/>'
            f'<w:headerReference w:type="default" r:id="{other_headers}"/>'
            f'<w:pgSz w:w="{page_twips[0]}" w:h="{page_twips[1]}"/>'
            f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="{header_twips}"'
            f' w:footer="{header_twips}" w:gutter="0"/><w:cols w:space="720"/><w:titlePg/>'
            '<w:docGrid w:linePitch="360"/></w:sectPr>')


class Look(NamedTuple):  # not a dataclass: defining one costs ten times as much, at every start
    """A paragraph style: sizes in points, the first-line indent in centimetres."""

    size: float
    bold: bool = False
    italic: bool = False
    align: Align = "center"
    indent_cm: float = 0
    before: float = 0
    after: float = 0
    line: float = 1.0  # line spacing, in lines
    keep_next: bool = False  # a heading or a title never ends a page
    outline: int | None = None  # heading level in Word's navigation pane and the PDF's bookmarks


def _on(tag: str, on: bool) -> str:
    """A toggle set either way, so that a style never inherits it."""
    return f"<w:{tag}/>" if on else f'<w:{tag} w:val="0"/>'


def paragraph_style(style_id: str, name: str, look: Look, based_on: str) -> str:
    """A paragraph style with every property of `look` set; `name` is what Word shows."""
    outline = f'<w:outlineLvl w:val="{look.outline}"/>' if look.outline is not None else ""
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="{based_on}"/><w:pPr>{_on("keepNext", look.keep_next)}<w:widowControl/>'
            f'<w:spacing w:before="{round(look.before * 20)}" w:after="{round(look.after * 20)}"'
            f' w:line="{round(look.line * 240)}" w:lineRule="auto"/>'
            f'<w:ind w:firstLine="{twips(look.indent_cm * 10)}"/><w:jc w:val="{look.align}"/>{outline}'
            f'</w:pPr><w:rPr>{_on("b", look.bold)}{_on("i", look.italic)}<w:sz w:val="{round(look.size * 2)}"/>'
            "</w:rPr></w:style>")


def superscript_style(style_id: str, name: str) -> str:
    """A character style that raises its text: the mark of a footnote."""
    return (f'<w:style w:type="character" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>')


class Footnotes:
    """The footnotes part (word/footnotes.xml), with the separator footnotes Word requires; `add`
    starts a footnote with its number mark, `paragraph` adds a further paragraph to it,
    `reference` is its mark in the text."""

    # Word looks the separators up through the settings part
    SETTINGS = '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'

    def __init__(self, text_style: str, mark_style: str) -> None:
        self.text_style, self.mark_style = text_style, mark_style
        self._notes: list[list[str]] = []  # the paragraphs of each footnote, numbered from 1

    def add(self, runs: str) -> None:
        """A new footnote: its number mark and a space, then `runs`."""
        mark = _styled(self.mark_style, "<w:footnoteRef/>")
        self._notes.append([paragraph(self.text_style, f"{mark}<w:r>{_text(' ')}</w:r>{runs}")])

    def paragraph(self, runs: str) -> None:
        """A further paragraph of the footnote most recently added (an item of a list it holds)."""
        self._notes[-1].append(paragraph(self.text_style, runs))

    def reference(self) -> str:
        """The mark, in the text, of the footnote most recently added."""
        return _styled(self.mark_style, f'<w:footnoteReference w:id="{len(self._notes)}"/>')

    def part(self) -> str:
        separator = ('<w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                     "<w:r><w:{}/></w:r></w:p>")
        notes = "".join(f'<w:footnote w:id="{number}">{"".join(paragraphs)}</w:footnote>'
                        for number, paragraphs in enumerate(self._notes, 1))
        return word_part("footnotes", (
            f'<w:footnote w:type="separator" w:id="-1">{separator.format("separator")}</w:footnote>'
            f'<w:footnote w:type="continuationSeparator" w:id="0">{separator.format("continuationSeparator")}'
            f"</w:footnote>{notes}"))
