"""The cache of validated records, keyed by file content, so that a second run reads only what changed.

What a file gives on its own (its record, or its diagnostics) depends on its bytes, on the catalog
(partner ids, alias spellings) and on the code: entries are keyed by a hash of the bytes, and the
whole cache belongs to one catalog and one version of the code, or is ignored. Nothing in an entry
names the file, so a renamed file is found by its content; a file no run asked for is forgotten when
the cache is written again. The checks across files are cached by the group of files they compare.

The cache lives in the user's cache folder (cachedir.py), never in the repository: a pull request
can commit a `.bcngv-cache/`, and a pickle runs code when loaded. The file is sealed with the user's
secret, and what it holds is checked for its shape before use: a corrupt, foreign or unreadable cache
file is ignored as if there were none. The cache can make a run faster, never different.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bcngv.cachedir import CacheFolder, cache_folder
from bcngv.diagnostics import Diagnostic
from bcngv.records.catalog import Catalog
from bcngv.records.models import RecordBase

# a file changed less than this before the cache was written may change again within the same
# timestamp tick without its stamp changing (git's "racy" entries): such a file is always re-read
_RACY_NS = 2_000_000_000

CACHE_FILE = "records.pickle"
_FORMAT = "bcngv-records-cache-5"
_PACKAGE = Path(__file__).resolve().parents[1]


@dataclass(slots=True)
class FileResult:
    """What one file gives whatever its name: diagnostics carry `UNNAMED` as their path until the
    loader names them, and the record has no path yet. In the cache the record is kept pickled on
    its own (`blob`), so that a run needing only diagnostics never rebuilds a record object."""

    record: RecordBase | None
    diagnostics: list[Diagnostic]
    date_position: tuple[int, int] = (1, 1)  # where a date outside its folder's month is reported
    placed: tuple[int, int] = (1, 1)  # where a duplicate-record warning points
    group: tuple[str, object] | None = None  # (kind, date) of a valid record: its duplicate group
    blob: bytes | None = None
    # the report ids its `reports:` and `not_in:` name, at their places (records/scope.py): checked
    # against bcngv.yaml after loading, without rebuilding the record
    scope: tuple[tuple[str, int, int], ...] = ()

    def __reduce__(self) -> tuple[type[FileResult], tuple[object, ...]]:
        # the fields as the constructor's arguments: a slotted dataclass's own pickling sets them one
        # by one in Python, a third of loading a warm cache of 100,000 files
        return FileResult, (self.record, self.diagnostics, self.date_position, self.placed, self.group, self.blob, self.scope)

    def take_record(self) -> RecordBase | None:
        if self.record is None and self.blob is not None:
            self.record = pickle.loads(self.blob)
        return self.record

    def stored(self) -> FileResult:
        """The form kept in the cache: the record as bytes."""
        if self.blob is None and self.record is not None:
            self.blob = pickle.dumps(self.record, protocol=pickle.HIGHEST_PROTOCOL)
        return FileResult(None, self.diagnostics, self.date_position, self.placed, self.group, self.blob, self.scope)


UNNAMED = "\0unnamed"


def content_key(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def group_key(members: list[tuple[str, bytes]]) -> bytes:
    """The key of the cross-record checks of a group: its files' paths and contents."""
    joined = b"".join(shown.encode("utf-8", "surrogatepass") + b"\0" + key for shown, key in members)
    return hashlib.blake2b(joined, digest_size=16).digest()


def code_version() -> str:
    """A hash of the package's code: a cache written by other code is not trusted."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def catalog_version(catalog: Catalog) -> str:
    """A hash of what per-file checks read from the catalog: ids, names and spellings."""
    entries = sorted((e.id, e.name, e.type, e.aliases) for e in catalog.entries.values())
    return hashlib.blake2b(repr(entries).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@dataclass(slots=True)
class RecordCache:
    folder: CacheFolder
    version: tuple[str, str]  # (code, catalog and the office's fields and topics)
    files: dict[bytes, FileResult] = field(default_factory=dict)
    groups: dict[bytes, list[Diagnostic]] = field(default_factory=dict)
    used_files: dict[bytes, FileResult] = field(default_factory=dict)
    used_groups: dict[bytes, list[Diagnostic]] = field(default_factory=dict)
    # a file's stamp (size, mtime, inode) → its content key, as git's index does: a file whose stamp
    # is unchanged need not be read again to know its key
    stamps: dict[str, tuple[tuple[int, int, int], bytes]] = field(default_factory=dict)
    used_stamps: dict[str, tuple[tuple[int, int, int], bytes]] = field(default_factory=dict)
    saved_at: int = 0
    changed: bool = False

    @classmethod
    def open(cls, root: Path, catalog: Catalog, sections: str = "") -> RecordCache | None:
        """The repository's cache, empty if its file is missing or not usable; None (no cache at
        all) when the user's cache folder cannot be used. `sections`: the version of the fields and
        topics files were checked against (a record's field is valid in one office, not another)."""
        folder = cache_folder(root)
        if folder is None:
            return None
        cache = cls(folder, (code_version(), catalog_version(catalog) + sections))
        stored = _read(folder, cache.version)
        if stored is not None:
            cache.files, cache.groups = stored["files"], stored["groups"]
            cache.stamps, cache.saved_at = stored["stamps"], stored["saved_at"]
        return cache

    def known_key(self, name: str, stat: os.stat_result) -> bytes | None:
        """The content key of a file whose stamp has not changed since it was read, if its result
        is cached; None means the file must be read."""
        found = self.stamps.get(name)
        if found is None or found[0] != (stat.st_size, stat.st_mtime_ns, stat.st_ino):
            return None
        key = found[1]
        if stat.st_mtime_ns >= self.saved_at - _RACY_NS or key not in self.files:
            return None
        self.used_stamps[name] = found
        return key

    def stamp(self, name: str, stat: os.stat_result, key: bytes) -> None:
        self.used_stamps[name] = self.stamps[name] = ((stat.st_size, stat.st_mtime_ns, stat.st_ino), key)
        self.changed = True

    def file(self, key: bytes) -> FileResult | None:
        found = self.files.get(key)
        if found is not None:
            self.used_files[key] = found
        return found

    def add_file(self, key: bytes, result: FileResult) -> None:
        self.used_files[key] = self.files[key] = result
        self.changed = True

    def group(self, key: bytes) -> list[Diagnostic] | None:
        found = self.groups.get(key)
        if found is not None:
            self.used_groups[key] = found
        return found

    def add_group(self, key: bytes, found: list[Diagnostic]) -> None:
        self.used_groups[key] = self.groups[key] = found
        self.changed = True

    def save(self, forget_unused: bool) -> None:
        """Write the cache (keeping only what this run used when it read every record); a cache
        that cannot be written is left out silently: it is only ever an aid."""
        files, groups = (self.used_files, self.used_groups) if forget_unused else (self.files, self.groups)
        stamps = self.used_stamps if forget_unused else self.stamps
        if not self.changed and len(files) == len(self.files) and len(groups) == len(self.groups):
            return
        data = {"format": _FORMAT, "version": self.version, "files": {k: f.stored() for k, f in files.items()}, "groups": groups,
                "stamps": stamps, "saved_at": time.time_ns()}
        self.folder.write(CACHE_FILE, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


def _read(folder: CacheFolder, version: tuple[str, str]) -> dict[str, Any] | None:
    """The stored cache, or None if it is missing, corrupt, of other code or catalog, or not ours.
    Only a file sealed with the user's secret is unpickled."""
    sealed = folder.read(CACHE_FILE)
    if sealed is None:
        return None
    try:
        stored = pickle.loads(sealed)
    except Exception:  # noqa: BLE001 - any damage to a cache file means only that there is no cache
        return None
    return stored if _shaped(stored, version) else None


def _shaped(stored: object, version: tuple[str, str]) -> bool:
    """Whether the file holds what `save` writes, entry by entry: a wrong shape is no cache, never
    a traceback later. Exact types, tested a hundred thousand times in a warm run: kept to the
    cheapest tests that say it (types of keys at C speed, each entry's fields in one function)."""
    if not isinstance(stored, dict) or stored.get("format") != _FORMAT or stored.get("version") != version:
        return False
    files, groups, stamps = stored.get("files"), stored.get("groups"), stored.get("stamps")
    return (type(files) is dict and _all_of(bytes, files) and all(map(_stored_result, files.values()))
            and type(groups) is dict and _all_of(bytes, groups) and all(map(_diagnostics, groups.values()))
            and type(stamps) is dict and _all_of(str, stamps) and all(map(_stamp, stamps.values()))
            and type(stored.get("saved_at")) is int)


def _all_of(kind: type, items: Iterable[object]) -> bool:
    return set(map(type, items)) <= {kind}


def _stored_result(found: object) -> bool:
    if type(found) is not FileResult or found.record is not None:
        return False
    # a valid record has both its blob and its (kind, date) group; a file without one has neither
    group = found.group
    if group is None:
        record = found.blob is None
    else:
        record = (type(found.blob) is bytes and type(group) is tuple and len(group) == 2
                  and type(group[0]) is str and isinstance(group[1], date))
    return (record and _diagnostics(found.diagnostics) and _position(found.date_position) and _position(found.placed)
            and type(found.scope) is tuple and (not found.scope or all(map(_named, found.scope))))


def _diagnostics(found: object) -> bool:
    return type(found) is list and (not found or _all_of(Diagnostic, found))


def _position(found: object) -> bool:
    return type(found) is tuple and len(found) == 2 and type(found[0]) is int and type(found[1]) is int


def _named(found: object) -> bool:
    return type(found) is tuple and len(found) == 3 and type(found[0]) is str and _position(found[1:])


def _stamp(found: object) -> bool:
    if type(found) is not tuple or len(found) != 2 or type(found[1]) is not bytes:
        return False
    stamp = found[0]
    return type(stamp) is tuple and len(stamp) == 3 and type(stamp[0]) is int and type(stamp[1]) is int and type(stamp[2]) is int
