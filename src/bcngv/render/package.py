"""The .docx package around a report's WordprocessingML: its parts, their content types and
relationships, the core and application properties, the settings and the font table, zipped
byte-identically by output.stable_zip.

Only the parts a report uses: python-docx's default template also carried numbering, web settings, a
Mac's font table, hundreds of latent and table styles a report never names (its fonts and styles are
its own), and a thumbnail of a blank page.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from bcngv.output import stable_zip
from bcngv.render.oxml import XML_DECLARATION, Footnotes, escape, word_part

_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006"
_WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"
# the ids the section refers to its headers by: the document's parts are numbered in the order
# `docx` lists them, the styles, the settings, the font table and the theme first
FIRST_PAGE_HEADER, PAGE_HEADER = "rId5", "rId6"
# python-docx's template's settings that shape the layout (Word 2010's compatibility mode, East Asian
# line breaking, the tab stops) and how Word opens the file; the footnote separators when there are notes
_SETTINGS = (
    '<w:zoom w:val="bestFit"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
    "{footnotes}<w:compat><w:useFELayout/>"
    + "".join(f'<w:compatSetting w:name="{name}" w:uri="http://schemas.microsoft.com/office/word" w:val="{value}"/>'
              for name, value in (("compatibilityMode", 14), ("overrideTableStyleFontSizeAndJustification", 1),
                                  ("enableOpenTypeFeatures", 1), ("doNotFlipMirrorIndents", 1)))
    + '</w:compat><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
)
# Word substitutes a font it lacks by these figures (python-docx's template held the same entry)
_FONTS = (
    '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
    '<w:family w:val="auto"/><w:pitch w:val="variable"/><w:sig w:usb0="E0002AFF" w:usb1="C0007841"'
    ' w:usb2="00000009" w:usb3="00000000" w:csb0="000001FF" w:csb1="00000000"/></w:font>'
)

_SOLID = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
_LINE = f'<a:ln w="9525">{_SOLID}</a:ln>'
# The theme: validators hold a document without one at risk in Word, and an office's reference.docx
# may style with theme fonts or colours. python-docx's template's colours and fonts (Vietnamese in
# Times New Roman); plain fills, lines and no effects for shapes, which a report has none of.
_THEME = (
    '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><a:themeElements>'
    '<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
    '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
    + "".join(f'<a:{name}><a:srgbClr val="{rgb}"/></a:{name}>' for name, rgb in (
        ("dk2", "1F497D"), ("lt2", "EEECE1"), ("accent1", "4F81BD"), ("accent2", "C0504D"), ("accent3", "9BBB59"),
        ("accent4", "8064A2"), ("accent5", "4BACC6"), ("accent6", "F79646"), ("hlink", "0000FF"),
        ("folHlink", "800080")))
    + '</a:clrScheme><a:fontScheme name="Office">'
    + "".join(f'<a:{kind}><a:latin typeface="{latin}"/><a:ea typeface=""/><a:cs typeface=""/>'
              f'<a:font script="Viet" typeface="Times New Roman"/></a:{kind}>'
              for kind, latin in (("majorFont", "Calibri"), ("minorFont", "Cambria")))
    + '</a:fontScheme><a:fmtScheme name="Office">'
    f"<a:fillStyleLst>{_SOLID * 3}</a:fillStyleLst>"
    f"<a:lnStyleLst>{_LINE * 3}</a:lnStyleLst>"
    f'<a:effectStyleLst>{"<a:effectStyle><a:effectLst/></a:effectStyle>" * 3}</a:effectStyleLst>'
    f"<a:bgFillStyleLst>{_SOLID * 3}</a:bgFillStyleLst>"
    "</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
)


class Properties(NamedTuple):
    """The core and application properties: what a file browser and Word's Info pane show. Dated
    from the report, never from the clock; texts already cut to what the properties may hold."""

    title: str
    subject: str
    author: str
    keywords: str
    created: datetime


class _Part(NamedTuple):
    """A part of the package, with what the package says of it."""

    name: str  # its path in the zip
    content_type: str
    relationship: str  # its type, as the part referring to it names it
    xml: str


def docx(body: str, styles: str, headers: tuple[str, ...], footnotes: Footnotes | None,
         properties: Properties) -> bytes:
    """The .docx of a document whose `body` (its blocks and section) and `styles` part are
    written; `headers` are the first page's and the other pages'."""
    document = _Part("word/document.xml", f"{_WORD_TYPE}.document.main+xml", f"{_OFFICE}/relationships/officeDocument",
                     word_part("document", f"<w:body>{body}</w:body>"))
    own = [  # in the order of their ids: rId1, rId2, …
        _Part("word/styles.xml", f"{_WORD_TYPE}.styles+xml", f"{_OFFICE}/relationships/styles", styles),
        _Part("word/settings.xml", f"{_WORD_TYPE}.settings+xml", f"{_OFFICE}/relationships/settings",
              _settings(footnotes is not None)),
        _Part("word/fontTable.xml", f"{_WORD_TYPE}.fontTable+xml", f"{_OFFICE}/relationships/fontTable",
              word_part("fonts", _FONTS)),
        _Part("word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml",
              f"{_OFFICE}/relationships/theme", XML_DECLARATION + _THEME),
        *(_Part(f"word/header{number}.xml", f"{_WORD_TYPE}.header+xml", f"{_OFFICE}/relationships/header", xml)
          for number, xml in enumerate(headers, 1)),
        *([_Part("word/footnotes.xml", f"{_WORD_TYPE}.footnotes+xml", f"{_OFFICE}/relationships/footnotes",
                 footnotes.part())] if footnotes is not None else []),
    ]
    assert own[int(FIRST_PAGE_HEADER[3:]) - 1].name == "word/header1.xml", "the section names its headers by these ids"
    top = [
        document,
        _Part("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml",
              f"{_PACKAGE}/relationships/metadata/core-properties", _core(properties)),
        _Part("docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml",
              f"{_OFFICE}/relationships/extended-properties", _app(properties)),
    ]
    entries = [  # [Content_Types].xml first, as Office expects
        ("[Content_Types].xml", _content_types([*top, *own])),
        ("_rels/.rels", _relationships(top, "")),
        *((part.name, part.xml) for part in top),
        ("word/_rels/document.xml.rels", _relationships(own, "word/")),
        *((part.name, part.xml) for part in own),
    ]
    return stable_zip((name, xml.encode("utf-8")) for name, xml in entries)


def _content_types(parts: list[_Part]) -> str:
    overrides = "".join(f'<Override PartName="/{part.name}" ContentType="{part.content_type}"/>' for part in parts)
    return (f'{XML_DECLARATION}<Types xmlns="{_PACKAGE}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>')


def _relationships(parts: list[_Part], folder: str) -> str:
    """The relationships of the part in `folder` (the package's own: "") to `parts`, as rId1, rId2, …"""
    found = "".join(f'<Relationship Id="rId{number}" Type="{part.relationship}"'
                    f' Target="{part.name.removeprefix(folder)}"/>' for number, part in enumerate(parts, 1))
    return f'{XML_DECLARATION}<Relationships xmlns="{_PACKAGE}/relationships">{found}</Relationships>'


def _settings(footnotes: bool) -> str:
    return word_part("settings", _SETTINGS.format(footnotes=Footnotes.SETTINGS if footnotes else ""))


def _core(properties: Properties) -> str:
    dated = properties.created.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (f'{XML_DECLARATION}<cp:coreProperties xmlns:cp="{_PACKAGE}/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(properties.title)}</dc:title><dc:subject>{escape(properties.subject)}</dc:subject>"
            f"<dc:creator>{escape(properties.author)}</dc:creator>"
            f"<cp:keywords>{escape(properties.keywords)}</cp:keywords>"
            f"<dc:description></dc:description><cp:lastModifiedBy>{escape(properties.author)}</cp:lastModifiedBy>"
            f'<cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">{dated}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{dated}</dcterms:modified>'
            "<dc:language>vi-VN</dc:language></cp:coreProperties>")


def _app(properties: Properties) -> str:
    """The application properties: who made the file, and for whom; none of the template's
    statistics, which described a blank document made on someone's Mac."""
    return (f'{XML_DECLARATION}<Properties xmlns="{_OFFICE}/extended-properties">'
            "<Application>bcngv</Application>"
            f"<Company>{escape(properties.author)}</Company></Properties>")
