"""Writing artefacts safely: byte-identical for the same inputs, and never half-written."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

from bcngv.diagnostics import Diagnostic, diag

_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


class OutputError(Exception):
    """A file could not be written: its folder is missing or read-only, a folder stands where the
    file should be, or (on Windows) Word holds the previous file open. Not a data problem: the CLI
    reports it as `output-not-writable`."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path, self.problem = path, problem

    def diagnostic(self) -> Diagnostic:
        return diag("output-not-writable", str(self.path), problem=self.problem)


def stable_zip(data: bytes) -> bytes:
    """Rewrite a zip (a .docx) with fixed entry times and attributes, keeping the entry order
    ([Content_Types].xml first, as Office expects), so that the same document gives the same
    bytes whenever and wherever it is built."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, _EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over the target: readers see
    the old file or the new one, never a part of either; two builds writing at once each rename a
    whole file; a failure leaves the old file and no temporary one. Raises OutputError."""
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
        temporary = None
        _sync_folder(path.parent)
    except OSError as err:
        raise OutputError(path, err.strerror or str(err)) from err
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself survive a power cut (POSIX; Windows cannot open a folder)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
