"""Reading the repository as untrusted input: every file bcngv reads lies inside the repository.

A pull request can commit a symlink as easily as a record. A link that leaves the repository, that
points nowhere or that loops is never followed: it is a diagnostic at the link itself (`link-outside`,
`link-broken`). A FIFO, a device or a socket is refused without being opened (`special-file`), since
opening a FIFO blocks and reading `/dev/zero` never ends. Every read is bounded in size.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from bcngv.diagnostics import Diagnostic, diag


# a last link is not followed (the path is resolved or listed without links), a FIFO does not block
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


class Refused(Exception):
    """A path bcngv will not read; `diagnostic(shown)` says why, at the path as the user sees it."""

    def __init__(self, code: str, args: tuple[tuple[str, object], ...] = ()) -> None:
        super().__init__(code)
        self.code = code  # link-outside | link-broken | special-file | unreadable-file | file-too-large
        self.args_ = args

    def diagnostic(self, shown: str) -> Diagnostic:
        return diag(self.code, shown, 1, 1, **dict(self.args_))


def resolve_inside(root: Path, path: Path) -> Path:
    """The real path of `path` (links resolved), if it lies inside the repository `root`.

    Raises Refused: `link-broken` for a link that dangles or loops, `link-outside` for a path whose
    target leaves the repository."""
    try:
        real = os.path.realpath(path, strict=True)
    except OSError as err:
        # ELOOP: a loop; ENOENT through a link: a dangling link; anything else: unreadable
        if err.errno in (errno.ELOOP, errno.ENOENT, errno.ENOTDIR):
            raise Refused("link-broken", (("target", _link_target(path)),)) from None
        raise _unreadable(err) from None
    base = os.path.realpath(root)
    if real != base and not real.startswith(base.rstrip(os.sep) + os.sep):
        raise Refused("link-outside", (("target", _link_target(path)),))
    return Path(real)


def _unreadable(err: OSError) -> Refused:
    return Refused("unreadable-file", (("problem", err.strerror or str(err)),))


def _link_target(path: Path) -> str:
    """What the first link on the way to `path` points to, as written in the link (for messages)."""
    probe = Path(path)
    for candidate in (probe, *probe.parents):
        try:
            if candidate.is_symlink():
                return os.readlink(candidate)
        except OSError:
            break
    return str(path)


def read_inside(root: Path, path: Path, limit: int) -> bytes:
    """The bytes of a regular file inside the repository, at most `limit` of them.

    Raises Refused (see `resolve_inside`; `special-file` for anything but a regular file,
    `file-too-large` past `limit`). The file is opened without following a last link (the path is
    already resolved) and without blocking, and checked again once open, so a file swapped for a
    FIFO or a link between the check and the open is refused too."""
    real = resolve_inside(root, path)
    try:
        before = os.lstat(real)
    except OSError as err:
        raise _unreadable(err) from None
    if not stat.S_ISREG(before.st_mode):
        raise Refused("special-file", (("what", _kind_of(before.st_mode)),))
    return read_regular(real, limit)


def read_regular(path: Path | str, limit: int) -> bytes:
    """The bytes of a file seen to be a regular file reached through no link (inside the repository:
    resolved by `read_inside`, or seen so by a listing that scanned only its own folders; or a file
    of a build's output set, output.py), at most `limit` of them: the cheap half of `read_inside`,
    without resolving each folder of the path again. The file is opened without following a link
    nor blocking, and refused unless regular once open. Raises Refused."""
    try:
        handle = os.open(path, _READ_FLAGS)
    except OSError as err:
        raise _unreadable(err) from None
    try:
        opened = os.fstat(handle)
        if not stat.S_ISREG(opened.st_mode):
            raise Refused("special-file", (("what", _kind_of(opened.st_mode)),))
        # one read sized to the file as stat-ed, a byte more to see it end: a megabyte asked of each
        # small file is allocated, then kept fragmented (three times the cost of the read). A read
        # that gives the file as stat-ed is the whole file; any other (the file grew meanwhile, or a
        # network or FUSE drive gave a part) reads on to the end
        data = os.read(handle, min(opened.st_size, limit) + 1)
        if len(data) != opened.st_size and len(data) <= limit:
            data = _read_on(handle, data, limit)
    except OSError as err:
        raise _unreadable(err) from None
    finally:
        os.close(handle)
    if len(data) > limit:
        raise Refused("file-too-large", (("size", f"> {limit}"), ("limit", limit)))
    return data


def _read_on(handle: int, start: bytes, limit: int) -> bytes:
    """`start` and the rest of the file, up to a byte past `limit`: in doubling steps, a bounded
    number of reads."""
    chunks, size, step = [start], len(start), max(len(start), 1 << 12)
    while size <= limit:
        step = min(2 * step, 1 << 20)
        chunk = os.read(handle, min(step, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISDIR(mode):
        return "folder"
    return "special"
