"""The cache of validated records, keyed by file content, so that a second run reads only what changed.

What a file gives on its own (its record, or its diagnostics) depends on its bytes, on the catalog
(partner ids, alias spellings) and on the code: entries are keyed by a hash of the bytes, and the
whole cache belongs to one catalog and one version of the code, or is ignored. Nothing in an entry
names the file, so a renamed file is found by its content; a file no run asked for is forgotten when
the cache is written again. The checks across files are cached by the group of files they compare.

The cache is three files: an index of every file's diagnostics, stamps and groups, all a check reads;
the records themselves, pickled one by one, read only when a run asks for a record (a build); and
the outcome of the last run of every file (`Outcome`), keyed by its listing and stamps, which a run
finding the same listing with the same stamps takes whole instead of the index (a re-run, CI).
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
import re
import time
from functools import cache
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from bcngv.cachedir import CacheFolder, Keeping, cache_folder, unpickled
from bcngv.diagnostics import Diagnostic
from bcngv.records.catalog import Catalog
from bcngv.records.checks import Signature
from bcngv.records.models import RecordBase
from bcngv.records.scope import Named

# a file changed less than this before the cache was written may change again within the same
# timestamp tick without its stamp changing (git's "racy" entries): such a file is always re-read
_RACY_NS = 2_000_000_000

CACHE_FILE = "records.pickle"
RECORDS_FILE = "record-bytes.pickle"
OUTCOME_FILE = "outcome.pickle"
_FORMAT = "bcngv-records-cache-7"
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

    def indexed(self, shared: dict[object, object] | None = None) -> FileResult:
        """The form the cache's index keeps: neither the record nor its signature. Equal groups and
        positions become one object through `shared`, pickled once: loading the index then builds
        each (kind, date) once, not once a file."""
        same = (lambda value: value) if shared is None else (lambda value: shared.setdefault(value, value))
        return FileResult(None, self.diagnostics, same(self.date_position), same(self.placed), same(self.group), None,
                          self.scope)


UNNAMED = "\0unnamed"


def content_key(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def group_key(members: list[tuple[str, bytes]]) -> bytes:
    """The key of the cross-record checks of a group: its files' paths and contents."""
    joined = b"".join(shown.encode("utf-8", "surrogatepass") + b"\0" + key for shown, key in members)
    return hashlib.blake2b(joined, digest_size=16).digest()


@cache  # the code does not change under a running process
def code_version() -> str:
    """A hash of the package's code, by each source's name, size and modification time: a cache
    written by other code is not trusted. These are the stamps by which Python itself decides that
    a module's compiled code is current, so an edit that keeps them would run stale code anyway;
    reading every source instead cost ~5 ms a run."""
    digest = hashlib.blake2b(digest_size=16)
    for name, size, mtime in sorted(_sources(str(_PACKAGE), "")):
        digest.update(f"{name}\0{size}\0{mtime}\0".encode())
    for installed in _installed():  # another version of a library may validate or parse otherwise
        digest.update(f"{installed}\0".encode())
    return digest.hexdigest()


# the libraries whose work a kept result holds (records validated, YAML read, templates compiled,
# Markdown parsed): each module, and its distribution's name as installed, lower case, `_` for `-`
_LIBRARIES = {"pydantic": "pydantic", "pydantic_core": "pydantic_core", "yaml": "pyyaml", "jinja2": "jinja2",
              "markdown_it": "markdown_it_py", "mdit_py_plugins": "mdit_py_plugins"}


def _installed() -> list[str]:
    """The libraries' installed distributions (`name-version.dist-info` or `.egg-info`), found
    beside them without importing them; none that cannot be looked for (the version then holds the
    code alone)."""
    from importlib.util import find_spec

    folders, found = set(), []
    for module in _LIBRARIES:
        spec = find_spec(module)
        if spec is not None and spec.origin is not None:
            folders.add(os.path.dirname(os.path.dirname(spec.origin)))
    names = set(_LIBRARIES.values())
    for folder in folders:
        try:
            listed = os.listdir(folder)
        except OSError:
            continue
        for name in listed:
            distribution = _DISTRIBUTION.match(name)
            if distribution and distribution[1].lower().replace("-", "_").replace(".", "_") in names:
                found.append(name)
    return sorted(found)


_DISTRIBUTION = re.compile(r"(.+?)-[0-9].*\.(?:dist|egg)-info")  # its name, before the version


def _sources(folder: str, prefix: str) -> Iterator[tuple[str, int, int]]:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                yield from _sources(entry.path, f"{prefix}{entry.name}/")
            elif entry.name.endswith(".py"):
                found = entry.stat()
                yield f"{prefix}{entry.name}", found.st_size, found.st_mtime_ns


def keeping(root: Path) -> Keeping | None:
    """Where outcomes of reading the office's own files (bcngv.yaml, the catalog) are kept for the
    next run, if anywhere: the user's cache folder of this checkout, for this code."""
    folder = cache_folder(root)
    return None if folder is None else Keeping(folder, code_version())


def catalog_version(catalog: Catalog) -> str:
    """A hash of what per-file checks read from the catalog: ids, names and spellings."""
    entries = sorted((e.id, e.name, e.type, e.aliases) for e in catalog.entries.values())
    return hashlib.blake2b(repr(entries).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@dataclass(slots=True)
class Outcome:
    """What loading every record file gave, but the catalog's own diagnostics: kept whole for the
    listing it was found for, so that a run whose listing and stamps have not changed (a re-run, CI)
    takes it as it is and makes nothing per file."""

    diagnostics: list[Diagnostic]  # of the files and of their groups, named, in order
    invalid: list[int]  # the files that gave no record, by their index in the listing, ascending
    scopes: list[tuple[str, Named]]  # each report id a record names, with its file as shown


@dataclass(slots=True)
class RecordCache:
    folder: CacheFolder
    version: tuple[str, str]  # (code, catalog and the office's fields and topics)
    files: dict[bytes, FileResult] = field(default_factory=dict)
    groups: dict[bytes, list[Diagnostic]] = field(default_factory=dict)
    used_files: dict[bytes, FileResult] = field(default_factory=dict)
    used_groups: dict[bytes, list[Diagnostic]] = field(default_factory=dict)
    # each file's stamp (size, mtime, inode) and content key, as git's index keeps them: a file whose
    # stamp is unchanged need not be read again to know its key. The index's, and this run's listing
    stamps: Stamps = field(default_factory=lambda: Stamps([], array("q"), []))
    listed: Stamps | None = None
    saved_at: int = 0
    started: int = field(default_factory=time.time_ns)  # before this run listed or read any file
    changed: bool = False
    generation: bytes = b""  # of the file of records the index goes with
    added: bool = False  # a record not in the file of records yet
    _records: dict[bytes, bytes] | None = None  # that file's records by key, once read
    indexed: bool = False  # the index has been read (on first use: a run that keeps its outcome needs none)

    @classmethod
    def open(cls, root: Path, catalog: Catalog, sections: str = "") -> RecordCache | None:
        """The repository's cache, its index not read yet (a run that keeps its outcome needs none);
        None (no cache at all) when the user's cache folder cannot be used. `sections`: the version
        of the fields and topics files were checked against (a record's field is valid in one
        office, not another)."""
        folder = cache_folder(root)
        if folder is None:
            return None
        return cls(folder, (code_version(), catalog_version(catalog) + sections))

    def _read_index(self) -> None:
        """The index, once: left empty if its file is missing or not usable."""
        if self.indexed:
            return
        self.indexed = True
        stored = _read(self.folder, self.version)
        if stored is not None:
            self.files, self.groups = stored["files"], stored["groups"]
            self.saved_at, self.generation = stored["saved_at"], stored["generation"]
            names, stamps, keys = stored["stamps"]
            self.stamps = Stamps(names, array("q", stamps), keys)

    def record(self, key: bytes) -> RecordBase | None:
        """The record of a file in the cache, from the file of records (read on first use)."""
        if self._records is None:
            self._records = _read_records(self.folder, self.generation)
        blob = self._records.get(key)
        return None if blob is None else pickle.loads(blob)

    def known_keys(self, names: list[str], stamps: array) -> list[bytes | None]:
        """The content key of each listed file (`stamps`: size, mtime and inode of each, -1s where
        unknown) whose stamp has not changed since it was read, if its result is cached; None means
        the file must be read. The same listing (the usual case) is compared by blocks, at C speed."""
        self._read_index()
        old, ripe = self.stamps, self.saved_at - _RACY_NS
        keys: list[bytes | None]
        if names == old.names:
            keys = list(old.keys)
            for index in _moved(stamps, old.stamps, ripe):
                keys[index] = None
        else:
            keys = [None] * len(names)
            where = dict(zip(old.names, range(0, len(old.stamps), 3)))
            for index, name in enumerate(names):
                at, row = where.get(name), 3 * index
                if at is not None and stamps[row : row + 3] == old.stamps[at : at + 3] and stamps[row + 1] < ripe:
                    keys[index] = old.keys[at // 3]
        if not all(map(self.files.__contains__, keys)):  # a file changed, or its result is not cached
            keys = [key if key in self.files else None for key in keys]
        self.listed = Stamps(names, stamps, keys)
        return keys

    def stamp(self, index: int, key: bytes) -> None:
        """The key of the file at `index` of the listing, read now."""
        self.listed.keys[index] = key  # type: ignore[union-attr]
        self.changed = True

    def known_files(self, keys: list[bytes | None]) -> list[FileResult | None]:
        """The cached result of each key (None: not cached, or no key), looked up in one pass."""
        found = list(map(self.files.get, keys))
        if all(found):  # each cached (`all`, not `None in`: no FileResult.__eq__ called)
            self.used_files.update(zip(keys, found))  # type: ignore[arg-type]
        else:
            self.used_files.update(pair for pair in zip(keys, found) if pair[1] is not None)  # type: ignore[misc]
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

    def outcome_key(self, root: Path, shown: list[str], stamps: array, others: str) -> bytes:
        """The key of a listing's outcome: the versions of the code, catalog and fields, every file's
        name (as shown, under `root`: shorter to hash) and stamp, and how the listing found the
        files that are not plain ones (`others`)."""
        digest = hashlib.blake2b(repr((self.version, str(root))).encode("utf-8", "surrogatepass"), digest_size=16)
        digest.update("\0".join(shown).encode("utf-8", "surrogatepass"))
        digest.update(stamps)
        digest.update(others.encode("utf-8", "surrogatepass"))
        return digest.digest()

    def kept(self, key: bytes, files: int) -> Outcome | None:
        """The outcome kept for the listing of `key` (of `files` files), if any."""
        stored = unpickled(self.folder.read(OUTCOME_FILE))
        if not _outcome_shaped(stored, key, files):
            return None
        return Outcome(stored["diagnostics"], stored["invalid"], stored["scopes"])

    def keep(self, key: bytes, stamps: array, outcome: Outcome) -> None:
        """Keep the outcome of the listing of `key`, unless a file (`stamps`) changed less than
        _RACY_NS before this run began: it may have changed again, after it was read, within the
        same tick of the clock, its stamp unchanged (git's racy entries). Files older than that
        can only change under a new stamp, which is a new key."""
        if max(stamps[1::3], default=0) >= self.started - _RACY_NS:
            return
        data = {"format": _FORMAT, "key": key, "diagnostics": outcome.diagnostics, "invalid": outcome.invalid,
                "scopes": outcome.scopes}
        self.folder.write(OUTCOME_FILE, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))

    def save(self, forget_unused: bool) -> None:
        """Write the cache (keeping only what this run used when it read every record); a cache
        that cannot be written is left out silently: it is only ever an aid."""
        self._read_index()
        files, groups = (self.used_files, self.used_groups) if forget_unused else (self.files, self.groups)
        # the stamps of this run's files, but of those changed just before it began (see `keep`)
        stamps = self.listed.trusted(self.started - _RACY_NS) if self.listed is not None else self.stamps
        if not forget_unused and self.listed is not None:
            stamps = self.stamps.merged(stamps)
        if (not self.changed and len(files) == len(self.files) and len(groups) == len(self.groups)
                and len(stamps.names) == len(self.stamps.names)):
            return  # a warm run writes nothing
        if self.added or len(files) < len(self.files):  # the file of records changes too: written first
            files = self._save_records(files)
        shared: dict[object, object] = {}
        # an entry read from the index is in its form already: only those added are made again
        indexed = {k: f if f.record is None and f.blob is None and f.signature is None else f.indexed(shared)
                   for k, f in files.items()}
        data = {"format": _FORMAT, "version": self.version, "files": indexed, "groups": groups,
                "stamps": (stamps.names, stamps.stamps.tobytes(), stamps.keys), "saved_at": time.time_ns(),
                "generation": self.generation}
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


_BLOCK = 3 * 512  # stamps compared at once: a block of files none of which changed costs one comparison in C


def _moved(stamps: array, old: array, ripe: int) -> set[int]:
    """The files (by index) whose stamp differs in `stamps` from `old` (of the same names), or is
    too new to be trusted (mtime not before `ripe`)."""
    moved = set()
    for start in range(0, len(stamps), _BLOCK):
        if stamps[start : start + _BLOCK] != old[start : start + _BLOCK]:
            rows = range(start, min(start + _BLOCK, len(stamps)), 3)
            moved.update(row // 3 for row in rows if stamps[row : row + 3] != old[row : row + 3])
    if max(stamps[1::3], default=0) >= ripe:
        moved.update(index for index, mtime in enumerate(stamps[1::3]) if mtime >= ripe)
    return moved


@dataclass(slots=True)
class Stamps:
    """Files' stamps as flat arrays, so that the index loads and compares them at C speed: each
    name's size, mtime and inode are three int64 in `stamps`, its content key in `keys` (None:
    not known, the file was not readable)."""

    names: list[str]
    stamps: array  # typecode "q", three a name
    keys: list[bytes | None]

    def trusted(self, before: int) -> Stamps:
        """Only the files whose key is known and whose stamp is older than `before`: a file changed
        later may change again, after it was read, within the same tick of the clock, its stamp
        unchanged (git's racy entries); it is read again next time rather than trusted."""
        if None not in self.keys and max(self.stamps[1::3], default=0) < before:
            return self
        # few are left out (a file just edited, one unreadable): the rest kept in runs, by slices
        left_out = {i for i, key in enumerate(self.keys) if key is None}
        left_out.update(i for i, mtime in enumerate(self.stamps[1::3]) if mtime >= before)
        names: list[str] = []
        rows, keys, start = array("q"), [], 0
        for end in [*sorted(left_out), len(self.names)]:
            names += self.names[start:end]
            rows += self.stamps[3 * start : 3 * end]
            keys += self.keys[start:end]
            start = end + 1
        return Stamps(names, rows, keys)

    def merged(self, newer: Stamps) -> Stamps:
        """These stamps with `newer`'s over them (a run that listed only some files keeps the rest)."""
        rows = {name: (self.stamps[3 * i : 3 * i + 3], self.keys[i]) for i, name in enumerate(self.names)}
        rows.update((name, (newer.stamps[3 * i : 3 * i + 3], newer.keys[i])) for i, name in enumerate(newer.names))
        names = sorted(rows)
        stamps = array("q", [v for name in names for v in rows[name][0]])
        return Stamps(names, stamps, [rows[name][1] for name in names])


def _read(folder: CacheFolder, version: tuple[str, str]) -> dict[str, Any] | None:
    """The stored cache, or None if it is missing, corrupt, of other code or catalog, or not ours."""
    stored = unpickled(folder.read(CACHE_FILE))
    return stored if _shaped(stored, version) else None  # type: ignore[return-value]


def _read_records(folder: CacheFolder, generation: bytes) -> dict[bytes, bytes]:
    """The records of the file of records, by key; none if it is missing, corrupt, not ours or not
    of the index's generation (its records are then read again from their files)."""
    stored = unpickled(folder.read(RECORDS_FILE))
    if not isinstance(stored, dict) or stored.get("format") != _FORMAT or stored.get("generation") != generation:
        return {}
    records = stored.get("records")
    return records if type(records) is dict and _all_of(bytes, records) and _all_of(bytes, records.values()) else {}


def _shaped(stored: object, version: tuple[str, str]) -> bool:
    """Whether the file holds what `save` writes, entry by entry: a wrong shape is no cache, never
    a traceback later. Exact types, tested a hundred thousand times in a warm run: each field's
    column at C speed."""
    if not isinstance(stored, dict) or stored.get("format") != _FORMAT or stored.get("version") != version:
        return False
    files, groups, stamps = stored.get("files"), stored.get("groups"), stored.get("stamps")
    return (type(files) is dict and _all_of(bytes, files) and _stored_results(list(files.values()))
            and type(groups) is dict and _all_of(bytes, groups) and all(map(_diagnostics, groups.values()))
            and _stamps(stamps)
            and type(stored.get("saved_at")) is int and type(stored.get("generation")) is bytes)


def _outcome_shaped(stored: object, key: bytes, files: int) -> bool:
    """Whether the file holds the outcome `keep` writes for the listing of `key` (of `files` files):
    else it is not used, and the run takes each file's result from the index."""
    if not isinstance(stored, dict) or stored.get("format") != _FORMAT or stored.get("key") != key:
        return False
    invalid, scopes = stored.get("invalid"), stored.get("scopes")
    return (_diagnostics(stored.get("diagnostics"))
            and type(invalid) is list and _all_of(int, invalid) and invalid == sorted(set(invalid))
            and (not invalid or (invalid[0] >= 0 and invalid[-1] < files))
            and type(scopes) is list and _pairs(scopes) and _all_of(str, map(itemgetter(0), scopes))
            and _named(list(map(itemgetter(1), scopes))))


def _all_of(kind: type, items: Iterable[object]) -> bool:
    return set(map(type, items)) <= {kind}


def _stored_results(found: list[object]) -> bool:
    """Each entry of the index as `FileResult.indexed` makes it, checked field by field across all
    the entries at once (C-speed passes over columns rather than a Python call per entry)."""
    if not _all_of(FileResult, found) or not all(_all_of(type(None), map(column, found)) for column in _ELSEWHERE):
        return False  # the record, its bytes and its signature belong elsewhere (types: nothing hashed)
    # a valid record has its (kind, date) group (the record itself is in the file of records)
    groups = [group for group in map(_GROUP, found) if group is not None]
    diagnostics = list(map(_DIAGNOSTICS, found))
    scopes = list(map(_SCOPE, found))
    named = list(chain.from_iterable(scopes)) if _all_of(tuple, scopes) else [None]
    return (_pairs(groups) and _all_of(str, map(itemgetter(0), groups))
            and all(map(isinstance, map(itemgetter(1), groups), repeat(date)))
            and _all_of(list, diagnostics) and _all_of(Diagnostic, chain.from_iterable(diagnostics))
            and _positions(list(map(_DATE_POSITION, found))) and _positions(list(map(_PLACED, found)))
            and _named(named))


def _named(found: list[object]) -> bool:
    """Each a report id a record names, at its place: (id, line, column)."""
    return (_all_of(tuple, found) and set(map(len, found)) <= {3}  # type: ignore[arg-type]
            and _all_of(str, map(itemgetter(0), found)) and _positions(list(map(itemgetter(slice(1, 3)), found))))


_ELSEWHERE = attrgetter("record"), attrgetter("blob"), attrgetter("signature")
_GROUP, _DIAGNOSTICS, _SCOPE = attrgetter("group"), attrgetter("diagnostics"), attrgetter("scope")
_DATE_POSITION, _PLACED = attrgetter("date_position"), attrgetter("placed")


def _diagnostics(found: object) -> bool:
    return type(found) is list and (not found or _all_of(Diagnostic, found))


def _pairs(found: list[object]) -> bool:
    return _all_of(tuple, found) and set(map(len, found)) <= {2}  # type: ignore[arg-type]


def _positions(found: list[object]) -> bool:
    """Each a (line, column) pair of integers."""
    return _pairs(found) and _all_of(int, chain.from_iterable(found))  # type: ignore[arg-type]


def _stamps(found: object) -> bool:
    """Names, their packed stamps (three int64 each) and their content keys, as many of each."""
    if type(found) is not tuple or len(found) != 3:
        return False
    names, stamps, keys = found
    return (type(names) is list and type(stamps) is bytes and type(keys) is list and _all_of(str, names)
            and _all_of(bytes, keys) and len(stamps) == 24 * len(names) and len(keys) == len(names))
