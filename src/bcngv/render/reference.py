"""An office's own look: the styles of an optional `templates/reference.docx` replace the built-in
styles that have the same id (BcBody, BcHeading1, …; see docx_writer.STYLES).

The easy way to make one is to copy a report bcngv built, change its styles in Word (Home → Styles
→ Modify) and save it as templates/reference.docx: it then holds every style bcngv uses.

lxml is imported only when an office has one: a build without it writes its styles as text.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from bcngv.confine import Refused, read_inside
from bcngv.diagnostics import Diagnostic, diag
from bcngv.render.oxml import W
from bcngv.repository import REFERENCE_FILE

_STYLES_PART = "word/styles.xml"
_LIMIT = 16 * 1024 * 1024  # a styles part is some hundred kilobytes; more is not a Word file
_FILE_LIMIT = 32 * 1024 * 1024  # the whole .docx, read into memory before it is opened
_STYLE_ID = f"{{{W}}}styleId"

if TYPE_CHECKING:
    from lxml import etree


def read_reference(root: Path) -> tuple[list[etree._Element] | None, list[Diagnostic]]:
    """The `<w:style>` elements of the office's reference.docx: an empty list when there is none,
    None (with a diagnostic) when the file is there but is not a Word document."""
    path = root / REFERENCE_FILE
    if not os.path.lexists(path):  # a link that dangles is there, and refused below
        return [], []
    from lxml import etree

    shown = REFERENCE_FILE
    try:
        data = read_inside(root, path, _FILE_LIMIT)  # not a link out, a FIFO or a device
    except Refused as refused:
        return None, [refused.diagnostic(shown)]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            info = package.getinfo(_STYLES_PART)
            if info.file_size > _LIMIT:
                return None, [diag("reference-invalid", shown, problem=f"{_STYLES_PART} > {_LIMIT} bytes")]
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            styles = etree.fromstring(package.read(info), parser)
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile) as err:
        return None, [diag("reference-invalid", shown, problem=str(err) or type(err).__name__)]
    except KeyError:
        return None, [diag("reference-invalid", shown, problem=f"no {_STYLES_PART}")]
    except etree.XMLSyntaxError as err:
        return None, [diag("reference-invalid", shown, problem=f"{_STYLES_PART}: {err}")]
    if styles.tag != f"{{{W}}}styles":
        return None, [diag("reference-invalid", shown, problem=f"{_STYLES_PART}: {styles.tag!s}")]
    return styles.findall(f"{{{W}}}style"), []


def restyled(own: dict[str, str], reference: list[etree._Element]) -> list[str]:
    """The `<w:style>` elements of the styles part, as text: bcngv's `own` (style id → its
    element) in their order, each replaced by the office's style of the same id, then the office's
    other styles."""
    from lxml import etree

    styles, added = dict(own), []
    for style in reference:
        written = etree.tostring(style, encoding="unicode", with_tail=False)  # with its namespaces
        if style.get(_STYLE_ID) in styles:
            styles[style.get(_STYLE_ID)] = written
        else:
            added.append(written)
    return [*styles.values(), *added]
