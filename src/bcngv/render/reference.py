"""An office's own look: the styles of an optional `templates/reference.docx` replace the built-in
styles that have the same id (BcBody, BcHeading1, …; see docx_writer.STYLES).

The easy way to make one is to copy a report bcngv built, change its styles in Word (Home → Styles
→ Modify) and save it as templates/reference.docx: it then holds every style bcngv uses.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from lxml import etree

from bcngv.confine import Refused, read_inside
from bcngv.diagnostics import Diagnostic, diag
from bcngv.repository import REFERENCE_FILE

_STYLES_PART = "word/styles.xml"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LIMIT = 16 * 1024 * 1024  # a styles part is some hundred kilobytes; more is not a Word file
_FILE_LIMIT = 32 * 1024 * 1024  # the whole .docx, read into memory before it is opened
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def read_reference(root: Path) -> tuple[list[etree._Element] | None, list[Diagnostic]]:
    """The `<w:style>` elements of the office's reference.docx: an empty list when there is none,
    None (with a diagnostic) when the file is there but is not a Word document."""
    path = root / REFERENCE_FILE
    if not os.path.lexists(path):  # a link that dangles is there, and refused below
        return [], []
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
            styles = etree.fromstring(package.read(info), _PARSER)
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile) as err:
        return None, [diag("reference-invalid", shown, problem=str(err) or type(err).__name__)]
    except KeyError:
        return None, [diag("reference-invalid", shown, problem=f"no {_STYLES_PART}")]
    except etree.XMLSyntaxError as err:
        return None, [diag("reference-invalid", shown, problem=f"{_STYLES_PART}: {err}")]
    if styles.tag != f"{{{_W}}}styles":
        return None, [diag("reference-invalid", shown, problem=f"{_STYLES_PART}: {styles.tag!s}")]
    return styles.findall(f"{{{_W}}}style"), []
