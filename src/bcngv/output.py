"""Writing artefacts safely: byte-identical for the same inputs, and never half-written.

The files of one build (the .docx, its sources.json, the PDF) are replaced as one set (`write_set`):

1. under a lock on the output folder (POSIX), so that builds into one folder take turns, whatever
   a killed build left there is put right first (`_recover`);
2. every new file is written to a temporary file beside its target and synced; a failure here
   removes the temporaries and changes nothing;
3. a journal (`.<name>.<random>.pending`) names each target, its temporary and the backup its
   previous file will be kept as; from here on the set is committing;
4. each previous file is kept as its backup (a hard link: readers never miss the file), then the
   temporaries are renamed over their targets; if a rename fails the backups are put back;
5. the journal is removed (the set is in place), then the backups.

A build killed during 3–5 leaves its journal: the next write into the folder rolls the set back from
the backups. A build killed earlier leaves only temporaries, which the next write removes.

A set whose every file already holds its new bytes (a rebuild of unchanged inputs: the same bytes
every time) is left as it is, after step 1: nothing is written, renamed or synced.

A file a person changed since bcngv wrote it (a report edited in Word, a PDF signed) is never
replaced without a trace: given what the previous set wrote (`recorded`, the digests its
sources.json keeps), `write_set` adds to the set a copy of each changed file beside it,
`thang-2022-07 (đã sửa 2026-12-02 10-31).docx`, named for the time of the change, and returns the
copies for the build to name. Keeping rather than refusing: the routine build still gives the
report asked for, and nothing is lost whatever the person answers (a refusal teaches `--force`).
The comparison runs under the lock, after a killed build's set was rolled back.
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import re
import secrets
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from bcngv import words
from bcngv.confine import Refused, read_regular
from bcngv.diagnostics import Diagnostic, diag

_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
# the names this module gives its temporary files, backups and journals (mkstemp's and token_hex's 8)
_LEFTOVER = re.compile(r"\..+\.[a-z0-9_]{8}\.(tmp|pending)")
_JOURNAL_LIMIT = 64 * 1024  # a journal names a few files; anything bigger was not written by us


class OutputError(Exception):
    """A file could not be written: its folder is missing or read-only, a folder stands where the
    file should be, or (on Windows) Word holds the previous file open. Not a data problem: the CLI
    reports it as `output-not-writable`."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path, self.problem = path, problem

    def diagnostic(self) -> Diagnostic:
        return diag("output-not-writable", str(self.path), problem=self.problem)


def stable_zip(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip (a .docx) of `entries` (name, content) in their order, with fixed entry times and
    attributes, so that the same document gives the same bytes whenever and wherever it is built."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            entry = zipfile.ZipInfo(name, _EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            target.writestr(entry, data)
    return out.getvalue()


class _Entry(NamedTuple):
    """One file of a set, by the paths it moves through."""

    target: Path
    temporary: Path | None  # the new content, written and synced; None when the set removes the file
    backup: Path | None  # where the previous file is kept while committing; None when there was none


def write_atomic(path: Path, data: bytes) -> None:
    """Write one file: readers see the old file or the new one, never a part of either."""
    write_set({path: data})


# the name of each guarded file → the digest of what bcngv last wrote there (None: no record of it)
Recorded = Callable[[], Mapping[str, str | None]]


def digest(data: bytes) -> str:
    """What sources.json keeps of each file it was written with, to know it again."""
    return hashlib.sha256(data).hexdigest()


def write_set(members: Mapping[Path, bytes | None], recorded: Recorded | None = None) -> list[Path]:
    """Replace files of one folder together, each given its new bytes (None: remove it). A failure
    or a kill leaves every previous file as it was, and no new file beside them; two builds
    writing at once each replace a whole set, one after the other. A member `recorded` names
    that differs from its record is kept as an edited copy, written with the set; the copies are
    returned. Raises OutputError."""
    folder = next(iter(members)).parent
    with _reported(next(iter(members))):
        folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder):
        with _reported(folder):
            _recover(folder)
            if _in_place(members):  # then no member is another's than bcngv's: nothing to keep a copy of
                return []
            copies = _edited_copies(members, recorded() if recorded is not None else {})
        _commit(folder, _stage_all({**members, **copies}))
    return list(copies)


def _in_place(members: Mapping[Path, bytes | None]) -> bool:
    """Whether each member is a regular file (not a link) holding its new bytes already, and each
    file the set removes is absent."""
    for target, data in members.items():
        try:
            found = os.lstat(target)
        except FileNotFoundError:
            if data is None:
                continue
            return False
        if data is None or not stat.S_ISREG(found.st_mode) or found.st_size != len(data):
            return False
        try:  # not following a link, nor waiting on a pipe swapped in since the lstat
            if read_regular(target, len(data)) != data:
                return False
        except Refused:
            return False
    return True


def _edited_copies(members: Mapping[Path, bytes | None], recorded: Mapping[str, str | None]) -> dict[Path, bytes]:
    """A copy of each guarded file that is neither what bcngv wrote there nor what it will write."""
    copies: dict[Path, bytes] = {}
    for target, data in members.items():
        if target.name not in recorded or not target.is_file() or target.is_symlink():
            continue
        current = target.read_bytes()
        if digest(current) == recorded[target.name] or current == data:
            continue
        copy = _edited_name(target, current)
        if copy is not None:
            copies[copy] = current
    return copies


def _edited_name(target: Path, current: bytes) -> Path | None:
    """`thang-2022-07 (đã sửa 2026-12-02 10-31).docx`: beside the file, named for when it was changed
    (no colon: Windows refuses one in a name), numbered after a copy of other bytes of the same
    minute; None when an earlier build kept these very bytes."""
    changed = datetime.fromtimestamp(target.stat().st_mtime).strftime("%Y-%m-%d %H-%M")
    name = words.text("output.edited", name=target.stem, time=changed)
    number, copy = 1, target.with_name(name + target.suffix)
    while os.path.lexists(copy):
        if copy.is_file() and copy.read_bytes() == current:
            return None
        number += 1
        copy = target.with_name(f"{name} ({number}){target.suffix}")
    return copy


@contextmanager
def _reported(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as err:
        raise OutputError(path, err.strerror or str(err)) from err


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Builds into one folder take turns, so that none takes another's live temporary files for
    leftovers. POSIX only (Windows cannot open a folder); the lock ends with the process."""
    if os.name != "posix":
        yield
        return
    import fcntl

    with _reported(folder):
        handle = os.open(folder, os.O_RDONLY)
    try:
        with _reported(folder):
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def _stage_all(members: Mapping[Path, bytes | None]) -> list[_Entry]:
    entries: list[_Entry] = []
    try:
        for target, data in members.items():
            with _reported(target):
                entries += _stage(target, data)
    except BaseException:
        _discard(entries)
        raise
    return entries


def _stage(target: Path, data: bytes | None) -> list[_Entry]:
    """The entry of one member, its new content written; none for removing a file that is absent."""
    try:
        mode: int | None = os.lstat(target).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):  # caught before anything is renamed
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    if data is None and mode is None:
        return []
    backup = None if mode is None else target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    return [_Entry(target, None if data is None else _write_temporary(target, data), backup)]


def _write_temporary(target: Path, data: bytes) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(name, 0o644)
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def _commit(folder: Path, entries: list[_Entry]) -> None:
    if len(entries) == 1:  # one rename is atomic by itself
        try:
            with _reported(entries[0].target):
                _put(entries[0])
                _sync_folder(folder)
        finally:
            _discard(entries)
        return
    journal = _write_journal(folder, entries)
    try:
        for entry in entries:
            with _reported(entry.target):
                _keep(entry)
        for entry in entries:
            with _reported(entry.target):
                _put(entry)
    except BaseException:
        for entry in entries:  # should this fail too, the journal stays for the next build
            with _reported(entry.target):
                _roll_back(entry)
        _close(folder, journal, entries)
        raise
    _close(folder, journal, entries)


def _write_journal(folder: Path, entries: list[_Entry]) -> Path:
    """The journal, complete before it bears its name: its presence means "committing"."""
    names = [[entry.target.name, *(path and path.name for path in (entry.temporary, entry.backup))]
             for entry in entries]
    first = entries[0].target
    journal = first.with_name(f".{first.name}.{secrets.token_hex(4)}.pending")
    with _reported(first):
        written = _write_temporary(first, json.dumps(names).encode())
        os.replace(written, journal)
        _sync_folder(folder)
    return journal


def _keep(entry: _Entry) -> None:
    if entry.backup is None:
        return
    try:
        os.link(entry.target, entry.backup, follow_symlinks=False)
    except OSError:  # no hard links on this drive (FAT, some network shares): move it aside
        os.replace(entry.target, entry.backup)


def _put(entry: _Entry) -> None:
    if entry.temporary is not None:
        os.replace(entry.temporary, entry.target)
    elif os.path.lexists(entry.target):  # moved aside already when no hard link could be made
        os.unlink(entry.target)


def _roll_back(entry: _Entry) -> None:
    """Undo one entry, whatever step the set stopped at. A temporary that is gone was renamed over
    its target; a backup that exists holds the previous file. A target not yet replaced is left
    alone (the file that refused its rename would likely refuse this one too), unless it was moved
    aside as its backup."""
    put = entry.temporary is None or not os.path.lexists(entry.temporary)
    if entry.backup is None:
        if put:  # (gone already if a roll-back was itself cut short)
            entry.target.unlink(missing_ok=True)
    elif os.path.lexists(entry.backup) and (put or not os.path.lexists(entry.target)):
        os.replace(entry.backup, entry.target)


def _close(folder: Path, journal: Path, entries: list[_Entry]) -> None:
    with _reported(journal):
        journal.unlink()
        _sync_folder(folder)
    _discard(entries)


def _discard(entries: list[_Entry]) -> None:
    for entry in entries:
        for path in (entry.temporary, entry.backup):
            if path is not None:
                with suppress(OSError):  # a leftover is removed by the next build
                    path.unlink(missing_ok=True)


def _recover(folder: Path) -> None:
    """Put right what a killed build left: roll back each set it was committing, then remove its
    temporary files, backups and journals."""
    for name in sorted(os.listdir(folder)):
        if _LEFTOVER.fullmatch(name) and name.endswith(".pending"):
            for entry in _read_journal(folder / name):
                _roll_back(entry)
    for name in os.listdir(folder):
        if _LEFTOVER.fullmatch(name) and not (folder / name).is_dir():
            os.unlink(folder / name)


def _read_journal(path: Path) -> list[_Entry]:
    """The entries of a journal; none when it is not one this module wrote (the output folder may
    have come with the repository): only plain names of this folder are ever acted on."""
    try:  # not following a link, nor waiting on a pipe, nor past the bound
        names = json.loads(read_regular(path, _JOURNAL_LIMIT))
    except (Refused, ValueError):
        return []
    if not isinstance(names, list) or not all(_journal_row(row) for row in names):
        return []
    return [_Entry(path.with_name(target), *(name and path.with_name(name) for name in rest))
            for target, *rest in names]


def _journal_row(row: object) -> bool:
    if not (isinstance(row, list) and len(row) == 3 and _plain_name(row[0])):
        return False
    return all(name is None or (_plain_name(name) and _LEFTOVER.fullmatch(name)) for name in row[1:])


def _plain_name(name: object) -> bool:
    return isinstance(name, str) and name not in ("", ".", "..") and not any(c in name for c in "/\\\0")


def _sync_folder(folder: Path) -> None:
    """Make the rename itself survive a power cut (POSIX; Windows cannot open a folder)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
