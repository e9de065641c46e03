"""The user's private cache folder, outside every repository: nothing a pull request commits is cache.

The folder is `$BCNGV_CACHE_DIR` if set, else `$XDG_CACHE_HOME/bcngv`, else `~/.cache/bcngv`; inside
it each repository has its own folder, named by a hash of the repository's real path, so that two
checkouts never share entries. A folder that is a link, not a folder, not the user's own or writable
by others is not used, nor is a file in it that is a link or not a regular file: the run goes on
without a cache, silently, since a cache only ever makes a run faster.

Every file is sealed: a keyed hash (BLAKE2b) of its name and bytes under a secret of 32 random bytes
kept in the cache folder (mode 0600), made once per user. A file bcngv did not write on this
machine for this user fails the seal and is ignored before a byte of it is decoded.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from bcngv.confine import Refused, read_inside, read_regular
from bcngv.output import OutputError, write_atomic
from bcngv.sourcetext import MAX_BYTES

if TYPE_CHECKING:
    from bcngv.diagnostics import Diagnostic

_T = TypeVar("_T")

MAX_READ = 1 << 30  # a cache file larger than this is not read: no cache
SECRET = "secret"
_SEAL = 32  # bytes of the keyed hash in front of each file
_KEY = 32  # bytes of a kept outcome's key, in front of it
SOURCE_LIMIT = MAX_BYTES  # an office file larger than this keeps no outcome: reading it says what is wrong
Sources = tuple[tuple[str, bytes], ...]  # office files as diagnostics name them, with their bytes


class CacheFolder(NamedTuple):
    """One repository's folder in the user's cache, with the user's secret to seal its files."""

    path: Path
    secret: bytes

    def read(self, name: str) -> memoryview | None:
        """The bytes written by `write(name, …)`, or None if the file is missing, not a regular
        file of this user's, larger than MAX_READ or not sealed with this user's secret."""
        sealed = _read_own(self.path / name, MAX_READ + _SEAL)
        if sealed is None or len(sealed) < _SEAL:
            return None
        data = memoryview(sealed)[_SEAL:]  # a view, not a copy of what may be a hundred megabytes
        return data if hmac.compare_digest(sealed[:_SEAL], self._seal(name, data)) else None

    def write(self, name: str, data: bytes) -> None:
        """Write a sealed file; a file that cannot be written is left out silently."""
        try:
            write_atomic(self.path / name, self._seal(name, data) + data)
        except OutputError:
            pass

    def _seal(self, name: str, data: bytes | memoryview) -> bytes:
        # the name is sealed too: a file moved to another name is not taken for that file
        digest = hashlib.blake2b(name.encode() + b"\0", key=self.secret, digest_size=_SEAL)
        digest.update(data)
        return digest.digest()


class Keeping(NamedTuple):
    """Outcomes of reading an office's files (bcngv.yaml, the catalog) kept between runs: one is
    taken only for the very bytes of every file it was made from and the same bcngv. Only a clean
    outcome is kept: a diagnostic always comes from reading the files."""

    folder: CacheFolder
    version: str  # bcngv's code: what other code kept is not taken

    def recall(self, name: str, sources: Sources) -> Any:
        """What `keep(name, sources, …)` kept, or None."""
        sealed = self.folder.read(name)
        if sealed is None or bytes(sealed[:_KEY]) != self._key(sources):  # missing, not this user's, or stale
            return None
        return unpickled(sealed[_KEY:])  # sealed by this user's bcngv for these very files: its own output

    def keep(self, name: str, sources: Sources, value: Any) -> None:
        self.folder.write(name, self._key(sources) + pickle.dumps(value, pickle.HIGHEST_PROTOCOL))

    def made(self, name: str, sources: Callable[[], Sources | None], make: Callable[[], tuple[_T, list[Diagnostic]]],
             taken: Callable[[Any], _T | None], stored: Callable[[_T], Any]) -> tuple[_T, list[Diagnostic]]:
        """What `make` makes of the files `sources` reads (None: not to be kept): as `taken` takes
        it from what was kept for their very bytes, else made now, and kept (`stored`) when made
        without a problem from files that did not change while being read."""
        before = sources()
        if before is not None:
            kept = taken(self.recall(name, before))
            if kept is not None:
                return kept, []
        value, found = make()
        if before is not None and not found and sources() == before:
            self.keep(name, before, stored(value))
        return value, found

    def _key(self, sources: Sources) -> bytes:
        digest = hashlib.blake2b(f"{self.version}\0{sys.version}".encode(), digest_size=_KEY)
        for shown, data in sources:  # each length said: no two listings run together the same
            digest.update(f"\0{shown}\0{len(data)}\0".encode("utf-8", "surrogatepass") + data)
        return digest.digest()


def unpickled(sealed: memoryview | None) -> object:
    """What a cache file holds, or None if it is missing or corrupt. Only a file sealed with the
    user's secret (`CacheFolder.read`) is unpickled."""
    if sealed is None:
        return None
    try:
        return pickle.loads(sealed)
    except Exception:  # noqa: BLE001 - any damage to a cache file means only that there is no cache
        return None


def sources_of(root: Path, paths: Iterable[Path]) -> Sources | None:
    """The files' bytes, read as every file of the office is (confine); None when one is missing,
    refused or larger than SOURCE_LIMIT: its outcome is neither kept nor taken."""
    try:
        return tuple((path.relative_to(root).as_posix(), read_inside(root, path, SOURCE_LIMIT)) for path in paths)
    except (Refused, ValueError):  # ValueError: a path outside `root`
        return None


def user_cache_root() -> Path:
    if chosen := os.environ.get("BCNGV_CACHE_DIR"):
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "bcngv"


def cache_folder(root: Path) -> CacheFolder | None:
    """The repository's folder in the user's cache (made if missing), or None if it cannot be used."""
    try:
        base = user_cache_root()
        base.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # RuntimeError: no home folder to be found
        return None
    folder = base / hashlib.blake2b(os.fsencode(os.path.realpath(root)), digest_size=16).hexdigest()
    if not (_private_folder(base) and _private_folder(folder)):
        return None
    secret = _secret(base)
    return CacheFolder(folder, secret) if secret is not None else None


def _private_folder(path: Path) -> bool:
    """Make the folder (mode 0700) if missing; whether it is a real folder only this user can write."""
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return False
    try:
        found = os.lstat(path)  # lstat: a link to a folder is not a folder here
    except OSError:
        return False
    return stat.S_ISDIR(found.st_mode) and _own(found) and not found.st_mode & 0o022


def _own(found: os.stat_result) -> bool:
    return not hasattr(os, "getuid") or found.st_uid == os.getuid()


def _secret(base: Path) -> bytes | None:
    """The user's secret, made once: written whole to a temporary file, then linked to its name, so
    that a run starting at the same moment reads all 32 bytes or makes its own and loses the race."""
    path = base / SECRET
    if not os.path.lexists(path):
        try:
            handle, temporary = tempfile.mkstemp(dir=base)  # mode 0600
            with os.fdopen(handle, "wb") as stream:
                stream.write(os.urandom(32))
            try:
                os.link(temporary, path)
            except FileExistsError:
                pass
            finally:
                os.unlink(temporary)
        except OSError:
            return None
    secret = _read_own(path, 32, private=True)
    return secret if secret is not None and len(secret) == 32 else None


def _read_own(path: Path, limit: int, private: bool = False) -> bytes | None:
    """The bytes of a regular file of this user's (unreadable by others if `private`), at most
    `limit`; None for a link, a FIFO or anything else, without opening it (a FIFO would block)."""
    try:
        found = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode) or not _own(found) or (private and found.st_mode & 0o077):
        return None
    try:
        # seen above as no link: opened without following one, without blocking, checked again once open
        return read_regular(path, limit)
    except Refused:
        return None
