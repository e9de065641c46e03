"""The cache of validated records, keyed by file content, so that a second run reads only what changed.

What a file gives on its own (its record, or its diagnostics) depends on its bytes, on the catalog
(partner ids, alias spellings) and on the code: entries are keyed by a hash of the bytes, and the
whole cache belongs to one catalog and one version of the code, or is ignored. Nothing in an entry
names the file, so a renamed file is found by its content; a file no run asked for is forgotten when
the cache is written again. The checks across files are cached by the group of files they compare.

The cache is two files: an index of every file's diagnostics, stamps and groups, all a check reads,
and the records themselves, pickled one by one, read only when a run asks for a record (a build).
Each index names the generation of the file of records it goes with; a record that file does not
hold (lost, foreign, of another generation) is read again from its file, as a run without a cache.

The cache lives in the user's cache folder (cachedir.py), never in the repository: a pull request
can commit a `.bcngv-cache/`, and a pickle runs code when loaded. Each file is sealed with the user's
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
from bcngv.records.checks import Signature
from bcngv.records.models import RecordBase

# a file changed less than this before the cache was written may change again within the same
# timestamp tick without its stamp changing (git's "racy" entries): such a file is always re-read
_RACY_NS = 2_000_000_000

CACHE_FILE = "records.pickle"
RECORDS_FILE = "record-bytes.pickle"
_FORMAT = "bcngv-records-cache-6"
_PACKAGE = Path(__file__).resolve().parents[1]


@dataclass(slots=True)
class FileResult:
    """What one file gives whatever its name: diagnostics carry `UNNAMED` as their path until the
    loader names them, and the record has no path yet. A worker sends the record pickled (`blob`)
    with its `signature`, so that a run needing only diagnostics never rebuilds a record object;
    the cache's index keeps neither (the records are in a file of their own)."""

    record: RecordBase | None
    diagnostics: list[Diagnostic]
    date_position: tuple[int, int] = (1, 1)  # where a date outside its folder's month is reported
    placed: tuple[int, int] = (1, 1)  # where a duplicate-record warning points
    group: tuple[str, object] | None = None  # (kind, date) of a valid record: its duplicate group
    blob: bytes | None = None
    # the report ids its `reports:` and `not_in:` name, at their places (records/scope.py): checked
    # against bcngv.yaml after loading, without rebuilding the record
    scope: tuple[tuple[str, int, int], ...] = ()
    signature: Signature | None = None  # what the duplicate check compares (a worker's result only)

    def __reduce__(self) -> tuple[type[FileResult], tuple[object, ...]]:
        # the fields as the constructor's arguments: a slotted dataclass's own pickling sets them one
        # by one in Python, a third of loading a warm cache of 100,000 files
        return FileResult, (self.record, self.diagnostics, self.date_position, self.placed, self.group, self.blob, self.scope,
                            self.signature)

    def take_record(self) -> RecordBase | None:
        """The record, rebuilt from its bytes if need be; None if it has none here (the cache's
        index holds no record)."""
        if self.record is None and self.blob is not None:
            self.record = pickle.loads(self.blob)
        return self.record

    def stored(self) -> FileResult:
        """The form a worker sends back: the record as bytes, and its signature."""
        if self.record is not None:
            if self.blob is None:
                self.blob = pickle.dumps(self.record, protocol=pickle.HIGHEST_PROTOCOL)
            if self.signature is None:
                self.signature = Signature.of(self.record)
        return FileResult(None, self.diagnostics, self.date_position, self.placed, self.group, self.blob, self.scope,
                          self.signature)

    def indexed(self) -> FileResult:
        """The form the cache's index keeps: neither the record nor its signature."""
        return FileResult(None, self.diagnostics, self.date_position, self.placed, self.group, None, self.scope)


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
    generation: bytes = b""  # of the file of records the index goes with
    added: bool = False  # a record not in the file of records yet
    _records: dict[bytes, bytes] | None = None  # that file's records by key, once read

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
            cache.stamps, cache.saved_at, cache.generation = stored["stamps"], stored["saved_at"], stored["generation"]
        return cache

    def record(self, key: bytes) -> RecordBase | None:
        """The record of a file in the cache, from the file of records (read on first use)."""
        if self._records is None:
            self._records = _read_records(self.folder, self.generation)
        blob = self._records.get(key)
        return None if blob is None else pickle.loads(blob)

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
        stored = result.stored()  # the record as bytes, for the file of records
        self.used_files[key] = self.files[key] = stored
        self.changed = True
        self.added = self.added or stored.blob is not None

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
        if self.added or len(files) < len(self.files):  # the file of records changes too: written first
            files = self._save_records(files)
        data = {"format": _FORMAT, "version": self.version, "files": {k: f.indexed() for k, f in files.items()},
                "groups": groups, "stamps": stamps, "saved_at": time.time_ns(), "generation": self.generation}
        self.folder.write(CACHE_FILE, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))

    def _save_records(self, files: dict[bytes, FileResult]) -> dict[bytes, FileResult]:
        """Write the records of `files` under a new generation; the files kept in the index, less
        any whose record is lost (read again next time)."""
        if self._records is None and any(f.group is not None and f.blob is None for f in files.values()):
            self._records = _read_records(self.folder, self.generation)
        known = self._records or {}
        blobs = {k: f.blob if f.blob is not None else known.get(k) for k, f in files.items() if f.group is not None}
        kept = {k: f for k, f in files.items() if f.group is None or blobs[k] is not None}
        self.generation = os.urandom(16)
        data = {"format": _FORMAT, "generation": self.generation, "records": {k: b for k, b in blobs.items() if b is not None}}
        self.folder.write(RECORDS_FILE, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        return kept


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


def _read_records(folder: CacheFolder, generation: bytes) -> dict[bytes, bytes]:
    """The records of the file of records, by key; none if it is missing, corrupt, not ours or not
    of the index's generation (its records are then read again from their files)."""
    sealed = folder.read(RECORDS_FILE)
    if sealed is None:
        return {}
    try:
        stored = pickle.loads(sealed)
    except Exception:  # noqa: BLE001 - any damage to a cache file means only that there is no cache
        return {}
    if not isinstance(stored, dict) or stored.get("format") != _FORMAT or stored.get("generation") != generation:
        return {}
    records = stored.get("records")
    return records if type(records) is dict and _all_of(bytes, records) and _all_of(bytes, records.values()) else {}


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
            and type(stored.get("saved_at")) is int and type(stored.get("generation")) is bytes)


def _all_of(kind: type, items: Iterable[object]) -> bool:
    return set(map(type, items)) <= {kind}


def _stored_result(found: object) -> bool:
    if type(found) is not FileResult or found.record is not None or found.blob is not None or found.signature is not None:
        return False
    # a valid record has its (kind, date) group (the record itself is in the file of records)
    group = found.group
    record = group is None or (type(group) is tuple and len(group) == 2 and type(group[0]) is str
                               and isinstance(group[1], date))
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
