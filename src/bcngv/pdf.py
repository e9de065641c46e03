"""The PDF of a report, made by LibreOffice (`soffice --headless --convert-to pdf`).

LibreOffice runs with a throwaway profile of its own, so a conversion works while the user has
LibreOffice open (which would otherwise swallow the request) and two conversions can run at once.
The PDF is made from the new .docx in a private folder, before anything is written, so that the
.docx, its sources.json and the PDF are replaced together (output.write_set).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from bcngv.diagnostics import Diagnostic, diag

TIMEOUT_SECONDS = 300  # a cold start on a slow office machine takes some ten seconds
_INSTALLED = (  # where the installers put it, for machines whose PATH does not name it
    Path(os.environ.get("PROGRAMFILES", "C:/Program Files")) / "LibreOffice/program/soffice.com",
    Path(os.environ.get("PROGRAMFILES(X86)", "C:/Program Files (x86)")) / "LibreOffice/program/soffice.com",
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)


def find_soffice() -> str | None:
    """LibreOffice's command: `soffice` or `libreoffice` on the PATH, else a usual install place."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((str(path) for path in _INSTALLED if path.is_file()), None)


def render_pdf(document: Path, data: bytes, soffice: str) -> tuple[bytes | None, list[Diagnostic]]:
    """The PDF of the .docx `data`, which is about to be written as `document` (named in problems);
    or None and what went wrong. Nothing is written beside `document`."""
    with tempfile.TemporaryDirectory(prefix="bcngv-pdf-") as scratch:
        profile, out, source = Path(scratch) / "profile", Path(scratch) / "out", Path(scratch) / document.name
        args = [soffice, "--headless", "--norestore", "--nologo", f"-env:UserInstallation={profile.as_uri()}",
                "--convert-to", "pdf", "--outdir", str(out), str(source)]
        try:
            source.write_bytes(data)
            done = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                                  stdin=subprocess.DEVNULL, check=False)
        except subprocess.TimeoutExpired:
            return None, [diag("pdf-failed", str(document), problem=f"> {TIMEOUT_SECONDS} s")]
        except OSError as err:
            return None, [diag("pdf-failed", str(document), problem=err.strerror or str(err))]
        made = out / f"{document.stem}.pdf"
        if done.returncode != 0 or not made.is_file():
            said = " ".join((done.stderr or done.stdout).split())[-300:]
            return None, [diag("pdf-failed", str(document), problem=said or f"exit {done.returncode}")]
        return made.read_bytes(), []
