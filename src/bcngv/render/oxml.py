"""The WordprocessingML that python-docx has no API for: footnotes, the PAGE field in a header that
page 1 does not show, paragraph and table borders, non-breaking hyphens, and tidying the parts of its
default template.

Every function takes python-docx objects and edits their XML in place, in the element order the
schema requires (Word refuses a file whose elements are out of order; LibreOffice forgives).
"""

from __future__ import annotations

import re
from typing import cast

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

_APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
# characters XML 1.0 cannot carry at all: lxml refuses them, so data holding one would stop the build
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# what may follow an element inside its parent, in schema order
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
               "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
               "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
               "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_TBLBORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
                     "w:tblPrChange")
_AFTER_CANTSPLIT = ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del",
                    "w:trPrChange")
_AFTER_OUTLINELVL = _AFTER_PBDR[_AFTER_PBDR.index("w:outlineLvl") + 1:]
# what may follow <w:footnotePr> inside <w:settings>, in schema order
_AFTER_FOOTNOTEPR = ("w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
                     "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
                     "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
                     "w:smartTagType", "w:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
                     "w:decimalSymbol", "w:listSeparator")


def xml_text(text: str) -> str:
    """`text` without the characters an XML file cannot hold (a stray control byte from a pasted
    text); everything else, `& < > "` included, is escaped by lxml."""
    return _NOT_XML.sub("", text)


def element(tag: str, **attrs: str) -> etree._Element:
    """`element("w:bottom", val="single")`: attribute names are in the w: namespace."""
    made = OxmlElement(tag)
    for key, value in attrs.items():
        made.set(qn(f"w:{key}"), value)
    return made


def set_fonts(rpr: BaseOxmlElement, font: str) -> None:
    """Name the font in every slot and drop theme fonts, which would otherwise win over it."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = element("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), font)


def bottom_border(paragraph: Paragraph) -> None:
    """A thin solid rule under the paragraph: the rules of the header are borders, never typed."""
    borders = element("w:pBdr")
    borders.append(element("w:bottom", val="single", sz="6", space="1", color="000000"))
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)


def no_borders(table: Table) -> None:
    """A table that prints no lines (the header and the closing of an official document)."""
    borders = element("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(element(f"w:{edge}", val="nil"))
    table._tbl.tblPr.insert_element_before(borders, *_AFTER_TBLBORDERS)


def outline_level(style: BaseOxmlElement, level: int) -> None:
    """The heading level a paragraph style gives in Word's navigation pane and the PDF's bookmarks."""
    style.get_or_add_pPr().insert_element_before(element("w:outlineLvl", val=str(level)), *_AFTER_OUTLINELVL)


def keep_row_on_one_page(table: Table) -> None:
    for row in table.rows:
        row._tr.get_or_add_trPr().insert_element_before(element("w:cantSplit"), *_AFTER_CANTSPLIT)


def page_number_header(section: Section, style_id: str) -> None:
    """A PAGE field centred in the top margin from page 2 on; page 1 gets an empty header."""
    section.different_first_page_header_footer = True  # <w:titlePg/>
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = style_id
    runs = [element("w:fldChar", fldCharType="begin"), element("w:instrText"),
            element("w:fldChar", fldCharType="separate"), element("w:t"), element("w:fldChar", fldCharType="end")]
    runs[1].set(qn("xml:space"), "preserve")
    runs[1].text = " PAGE "
    runs[3].text = "2"  # the value shown until the field is updated; Word and LibreOffice update it
    for child in runs:
        run = OxmlElement("w:r")
        run.append(child)
        paragraph._p.append(run)


def _run(style_id: str, *children: etree._Element) -> etree._Element:
    """A `<w:r>` in a character style holding `children`."""
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(element("w:rStyle", val=style_id))
    run.append(rpr)
    run.extend(children)
    return run


def _text(text: str) -> etree._Element:
    t = OxmlElement("w:t")
    t.text = xml_text(text)
    t.set(qn("xml:space"), "preserve")
    return t


WORD_JOINER = "\u2060"


def text_with_hyphens(run: etree._Element, pieces: list[str]) -> None:
    """Append to `run` the text `pieces` joined by hyphens that hold: each "-" followed by a word
    joiner (U+2060, zero width), so that no line breaks after it (Unicode line breaking, which Word
    and LibreOffice follow) while the text stays a plain "-" for every reader, search and copy.
    Word's own `<w:noBreakHyphen/>` holds too, but is no character: text tools (pdftotext, the
    office's comparisons, a copy into an e-mail) lose the hyphen and join "UBND-TH" into "UBNDTH"."""
    run.append(_text(f"-{WORD_JOINER}".join(pieces)))


def styled_run(paragraph: Paragraph, text: str, style_id: str) -> None:
    """Text in a character style (by id: python-docx's `add_run` looks styles up by name)."""
    paragraph._p.append(_run(style_id, _text(text)))


class Footnotes:
    """The footnotes part (word/footnotes.xml) with its relationship, its content type (which
    python-docx derives from the part) and the separator footnotes Word requires; `add` makes one
    footnote and returns its paragraph, `reference` puts its mark in the text."""

    def __init__(self, document: Document, text_style: str, mark_style: str) -> None:
        self.text_style, self.mark_style = text_style, mark_style
        self._document = document
        self._root = parse_xml(
            f"<w:footnotes {nsdecls('w', 'r')}>"
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
            ' w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
            ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
            "</w:footnotes>"
        )
        self._last = 0
        part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, self._root, document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)
        # Word looks the separators up through the settings
        properties = element("w:footnotePr")
        for ident in ("-1", "0"):
            properties.append(element("w:footnote", id=ident))
        document.settings.element.insert_element_before(properties, *_AFTER_FOOTNOTEPR)

    def add(self) -> Paragraph:
        """A new footnote: its number mark and a space are written; the caller adds the text."""
        self._last += 1
        note = element("w:footnote", id=str(self._last))
        p = cast(CT_P, OxmlElement("w:p"))
        p.get_or_add_pPr().get_or_add_pStyle().val = self.text_style
        p.append(_run(self.mark_style, OxmlElement("w:footnoteRef")))
        space = OxmlElement("w:r")
        space.append(_text(" "))
        p.append(space)
        note.append(p)
        self._root.append(note)
        return Paragraph(p, self._document)

    def paragraph(self) -> Paragraph:
        """A further paragraph of the footnote most recently added (an item of a list it holds)."""
        p = cast(CT_P, OxmlElement("w:p"))
        p.get_or_add_pPr().get_or_add_pStyle().val = self.text_style
        self._root[-1].append(p)
        return Paragraph(p, self._document)

    def reference(self, paragraph: Paragraph) -> None:
        """Mark, at the end of `paragraph`, the footnote most recently added."""
        paragraph._p.append(_run(self.mark_style, element("w:footnoteReference", id=str(self._last))))


def tidy_package(document: Document, application: str, company: str) -> None:
    """Drop what python-docx's template carries but a report must not: a thumbnail of a blank page
    (file browsers would show it), Word 2010's second copy of the styles (it would disagree with
    ours), sample bibliography data; and replace the template's app.xml, whose statistics and
    application name describe a blank document made on someone's Mac."""
    package = document.part.package
    unwanted = {RT.THUMBNAIL, RT.CUSTOM_XML, RT.EXTENDED_PROPERTIES, _STYLES_WITH_EFFECTS}
    for rels in (package.rels, document.part.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in unwanted]:
            rels.pop(rid)
    app = etree.Element(f"{{{_APP}}}Properties", nsmap={None: _APP})
    for tag, text in (("Application", application), ("Company", company)):
        etree.SubElement(app, f"{{{_APP}}}{tag}").text = xml_text(text)
    blob = etree.tostring(app, xml_declaration=True, encoding="UTF-8", standalone=True)
    package.relate_to(Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, blob, package),
                      RT.EXTENDED_PROPERTIES)
    settings = document.settings.element
    for stale in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(stale)
