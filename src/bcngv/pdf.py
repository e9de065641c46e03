"""The PDF of a report, made by LibreOffice (`soffice --headless --convert-to pdf`).

LibreOffice runs with a throwaway profile of its own, so a conversion works while the user has
LibreOffice open (which would otherwise swallow the request) and two conversions can run at once.
The PDF is written beside the .docx, atomically like every artefact.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from bcngv.diagnostics import Diagnostic, diag
from bcngv.output import OutputError, write_atomic

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


def convert_to_pdf(document: Path, soffice: str | None = None) -> tuple[Path | None, list[Diagnostic]]:
    """Write `document`'s PDF beside it; the PDF's path, or None and what went wrong."""
    command = soffice or find_soffice()
    if command is None:
        return None, [diag("libreoffice-missing", "--pdf")]
    target = document.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="bcngv-pdf-") as scratch:
        profile, out = Path(scratch) / "profile", Path(scratch) / "out"
        args = [command, "--headless", "--norestore", "--nologo", f"-env:UserInstallation={profile.as_uri()}",
                "--convert-to", "pdf", "--outdir", str(out), str(document)]
        try:
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
        try:
            write_atomic(target, made.read_bytes())
        except OutputError as err:
            return None, [err.diagnostic()]
    return target, []
