"""The loader: every `*.yaml` under `records/` becomes a typed record or diagnostics.

Each file is read, validated and checked on its own (linear in the number of files); the checks
across records come last. Folders whose name starts with `_` (such as `records/_catalog/`) hold
reference data, not activities.

What a file gives on its own is cached by content (records/cache.py), and the checks across records
by the group of files they compare; files not in the cache are read in worker processes when they
are many (for a check without a cache, each sends back only what the main process needs of them).
The whole outcome of a run of every file is kept too, for its listing and the files' stamps: a run
that lists the same files with the same stamps takes it, and makes nothing per file.
The results are the same, in the same order, whichever way they were found.
"""

from __future__ import annotations

import gc
import os
import pickle
import re
import struct
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate, repeat
from operator import attrgetter, is_, itemgetter
from pathlib import Path
from types import EllipsisType
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from bcngv.confine import Refused, read_inside, read_regular, resolve_inside
from bcngv.diagnostics import Diagnostic
from bcngv.records.cache import UNNAMED, FileResult, Outcome, RecordCache, content_key, group_key, keeping
from bcngv.records.catalog import Catalog, load_catalog
from bcngv.records.checks import Signature, Signed, find_duplicates
from bcngv.records.declared import builtin_kinds
from bcngv.records.models import RecordBase
from bcngv.records.scope import Named
from bcngv.records.vocabulary import Sections, default_sections
from bcngv.repository import RECORDS_DIR
from bcngv.sourcetext import MAX_BYTES

if TYPE_CHECKING:
    from bcngv.records.reading import Reader

# a record saved as `x.yml`, `x.YAML`, `x.yaml.txt` (Notepad) or `x.yaml ` would be skipped without a word
_MEANT = re.compile(r"\.ya?ml(?:\.txt)?\s*$", re.IGNORECASE)
PARALLEL_FROM = 4000  # files to read before worker processes repay their start and the pickling back
CHUNK = 2000  # files a worker reads per task (a group of files two tasks share is compared in the main process)
_T = TypeVar("_T")
_Job = tuple[str, bytes | str, bool]  # a file to read: its name as shown, its bytes or its name, whether listed


@dataclass(slots=True)
class LoadResult:
    catalog: Catalog = field(default_factory=Catalog)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    valid: int = 0  # files that gave a record
    # each valid file's result (None when the run took a kept outcome, or was a check without a cache
    # in worker processes: there is none) and its name as shown; its record is rebuilt (from the
    # cache, or by reading its file again) only when asked for
    _read: list[FileResult | None] = field(default_factory=list)
    _shown: list[str] = field(default_factory=list)
    _scopes: list[tuple[str, Named]] = field(default_factory=list)  # see named_reports
    _named: dict[int, RecordBase] = field(default_factory=dict)
    _taken: set[int] = field(default_factory=set)  # ids of the record objects already named
    # the record of an entry whose result holds none (the cache's index, a kept outcome, a check's
    # workers): from the cache's file of records, else by reading its file again
    _recall: Callable[[int], RecordBase | None] = lambda index: None

    @property
    def records(self) -> list[RecordBase]:
        """The valid records, each knowing its file (rebuilt from the cache on first use)."""
        return [self.record(index) for index in range(len(self._shown))]

    def named_reports(self) -> Iterator[tuple[str, Named]]:
        """Each report id a valid record's `reports:` or `not_in:` names, with its file, without
        rebuilding any record (a warm check does not pay for them)."""
        return iter(self._scopes)

    def record(self, index: int) -> RecordBase:
        named = self._named.get(index)
        if named is None:
            read = self._read[index]
            named = read.take_record() if read is not None else None  # type: ignore[assignment]
            if named is None:
                named = self._recall(index)  # type: ignore[assignment]
            if id(named) in self._taken:  # two files with the same bytes share one cached result
                named = named.model_copy()  # type: ignore[union-attr]
            self._taken.add(id(named))
            # what `record._path = …` does, without pydantic's __setattr__ (a third of a warm run)
            named.__pydantic_private__["_path"] = self._shown[index]  # type: ignore[union-attr, index]
            self._named[index] = named  # type: ignore[assignment]
        return named  # type: ignore[return-value]


def _hidden(name: str) -> bool:
    return name.startswith(("_", "."))


def record_files(root: Path, paths: Iterable[Path] = ()) -> list[Path]:
    """The record files under `paths` (default: all of `records/`), sorted, reference data left out."""
    return [Path(name) for name in sorted(_record_names(root, paths))]


# what the listing knows of a file: True, a regular file it saw in the repository's own folders;
# False, a link or a special file (the reader finds out); or why it is refused
Scanned = bool | Refused


@dataclass(slots=True)
class _Listing:
    """The record files, sorted: each one's name, its name as diagnostics show it (relative to the
    root, with `/`), and what the scan knows of it."""

    names: list[str]
    shown: list[str]
    scanned: list[Scanned]
    plain: bool  # every file a regular one the scan saw (the usual case): no link, none refused

    def listed(self) -> list[bool]:
        """Whether each file is a regular one the scan saw in a folder of the repository (its reader
        need not resolve it again)."""
        return list(map(is_, self.scanned, repeat(True)))  # in C: no loop per file


def _listing(root: Path, paths: Iterable[Path]) -> _Listing:
    found = _record_names(root, paths)
    names = sorted(found)
    plain = list(found.values()).count(True) == len(names)
    scanned: list[Scanned] = [True] * len(names) if plain else list(map(found.__getitem__, names))
    return _Listing(names, _shown(root, names), scanned, plain)


def _record_names(root: Path, paths: Iterable[Path]) -> dict[str, Scanned]:
    """The record files as names (strings, not Paths: a hundred thousand Path objects cost more
    than reading the files), each with what the scan knows of it. A link that cannot be followed
    is listed with why, to become a diagnostic at the link."""
    chosen = [p if p.is_absolute() else root / p for p in paths] or [root / RECORDS_DIR]
    found: dict[str, Scanned] = {}
    for base in chosen:
        relative = base.relative_to(root).parts if base.is_relative_to(root) else base.parts
        if base.is_file():
            if not any(map(_hidden, relative[:-1])):
                found[str(base)] = False
            continue
        if not any(map(_hidden, relative)):
            _walk(root, str(base), found)
    return found


def _walk(root: Path, base: str, found: dict[str, Scanned]) -> None:
    """Add the record files under the folder `base` to `found`. Links are followed only after the
    plain folders are scanned, in order, each once: a link into a folder already scanned would read
    its records twice (skipped), a link to a folder that holds it would loop (refused)."""
    try:
        real = str(resolve_inside(root, Path(base)))
    except Refused as refused:
        if os.path.lexists(base):
            found[base] = refused
        return
    folders = [(base, real)] if os.path.isdir(real) else []  # each as named and as its real path
    visited = {real}
    while folders:
        links = _scan(folders, visited, found)
        for link, real_parent in sorted(links):
            folder = _follow(root, link, real_parent, visited, found)
            if folder is not None:
                visited.add(folder)
                folders.append((link, folder))


def _scan(folders: list[tuple[str, str]], visited: set[str], found: dict[str, Scanned]) -> list[tuple[str, str]]:
    """Scan `folders` and the plain folders under them (emptying the list); the links met, each with
    the real path of its folder. os.scandir, not os.walk: one pass gives names and kinds, and
    telling a link costs no system call."""
    links = []
    while folders:
        folder, real = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.endswith(".yaml") and entry.is_file(follow_symlinks=False):  # most entries: a plain record file
                found[entry.path] = True
            elif entry.is_symlink():
                if name.endswith(".yaml") or not _hidden(name):
                    links.append((entry.path, real))
            elif entry.is_dir(follow_symlinks=False):
                inner = os.path.join(real, name)
                if not _hidden(name) and inner not in visited:  # not already reached through a link
                    visited.add(inner)
                    folders.append((entry.path, inner))
            elif name.endswith(".yaml"):  # a FIFO, a device or a socket is listed unopened: the reader refuses it
                found[entry.path] = False
            elif _MEANT.search(name):  # a record saved under a name the loader does not read: named, not skipped
                found[entry.path] = Refused("not-a-record-file", (("name", name), ("rename", _MEANT.sub(".yaml", name))))
    return links


def _follow(root: Path, link: str, real_parent: str, visited: set[str], found: dict[str, Scanned]) -> str | None:
    """The real folder a link leads to, when it is one still to scan; else the link is listed as a
    file (the reader refuses it if it is not a regular one) or with why it is refused."""
    try:
        real = str(resolve_inside(root, Path(link)))
    except Refused as refused:
        found[link] = refused
        return None
    if not os.path.isdir(real):
        if link.endswith(".yaml"):
            found[link] = False
        return None
    if real_parent == real or real_parent.startswith(real.rstrip(os.sep) + os.sep):
        found[link] = Refused("link-broken", (("target", os.readlink(link)),))  # a folder that holds it
        return None
    return None if real in visited or _hidden(os.path.basename(link)) else real


@dataclass(slots=True)
class _File:
    name: str
    shown: str
    key: bytes | None  # None: not cached (no cache, or unreadable or too large): read by the reader
    data: bytes = b""
    refused: Refused | None = None  # a link the listing would not follow: never read
    listed: bool = False  # a regular file the listing saw in the repository's own folders


class _Unstated:
    """The stamp of a file that could not be stat-ed: never the stamp of a file read before."""

    st_size = st_mtime_ns = st_ino = -1


# a stamp packed as array("q") holds it: three int64 in the machine's order
_PACKED = struct.Struct("=3q").pack
_SIZE, _MTIME, _INODE = attrgetter("st_size"), attrgetter("st_mtime_ns"), attrgetter("st_ino")


def _stat(name: str, scanned: Scanned = True) -> os.stat_result | type[_Unstated]:
    if isinstance(scanned, Refused):
        return _Unstated
    try:
        return os.stat(name)
    except OSError:  # the reader reads it again, and says why it cannot
        return _Unstated


def _shown(root: Path, names: list[str]) -> list[str]:
    """Each of the sorted `names` as diagnostics show it: relative to the root, with `/`."""
    prefix = f"{root}{os.sep}"
    cut = len(prefix)
    if names and names[0].startswith(prefix) and names[-1].startswith(prefix):  # so then is every name between
        shown = list(map(itemgetter(slice(cut, None)), names))
    else:
        shown = [name[cut:] if name.startswith(prefix) else name for name in names]
    return shown if os.sep == "/" else [name.replace(os.sep, "/") for name in shown]


def _stamps(listing: _Listing) -> array:
    """Each file's stamp, three int64: size, mtime and inode; -1s for one that could not be stat-ed
    or was refused (never stat-ed: a link refused may lead out of the repository)."""
    stats = _stats(listing.names) if listing.plain else list(map(_stat, listing.names, listing.scanned))
    return array("q", b"".join(map(_PACKED, map(_SIZE, stats), map(_MTIME, stats), map(_INODE, stats))))


def _stats(names: list[str]) -> list[os.stat_result | type[_Unstated]]:
    """Each file's stat, in a loop in C. (Not in threads: two threads calling stat hand the GIL
    back and forth at every call, and took longer than one.)"""
    try:
        return list(map(os.stat, names))
    except OSError:  # a file gone or unreadable since the listing: each on its own
        return list(map(_stat, names))


def _others(listing: _Listing) -> str:
    """How the listing found each file that is not a plain one: a link or special file (read by the
    reader), or why it refused it; part of the key of the listing's outcome."""
    if listing.plain:
        return ""
    return repr([(index, scanned.code, scanned.args_) if isinstance(scanned, Refused) else (index,)
                 for index, scanned in enumerate(listing.scanned) if scanned is not True])


def _files(root: Path, listing: _Listing, stamps: array, store: RecordCache | None) -> list[_File]:
    keys: list[bytes | None] = [None] * len(listing.names)
    if store is not None:  # the stamps compared with the cache's all at once: most have not changed
        keys = store.known_keys(listing.names, stamps)
    refused = [scanned if isinstance(scanned, Refused) else None for scanned in listing.scanned]
    files = list(map(_File, listing.names, listing.shown, keys, repeat(b""), refused, listing.listed()))
    if store is not None:  # without a cache the reader, perhaps a worker process, reads the files
        for index in [i for i, key in enumerate(keys) if key is None and stamps[3 * i] >= 0]:  # size -1: no stat
            _read_key(root, files[index], store, index)
    return files


def _read_key(root: Path, file: _File, store: RecordCache, index: int) -> None:
    """Read a file the cache does not know unchanged, for its content key; one that cannot be read
    is left without (the reader reads it again, and says why it cannot)."""
    try:
        file.data = read_regular(file.name, MAX_BYTES) if file.listed else read_inside(root, Path(file.name), MAX_BYTES)
    except (OSError, Refused):
        return
    # the folder is part of the key: a record's month is checked against its folder's
    file.key = content_key(file.shown.rpartition("/")[0].encode("utf-8", "surrogatepass") + b"\0" + file.data)
    store.stamp(index, file.key)


def load_records(root: Path, paths: Iterable[Path] = (), cache: bool = True,
                 sections: Sections | None | EllipsisType = ..., records: bool = True) -> LoadResult:
    """Read the records; `cache=False` neither reads nor writes the cache. `sections` are the keys a
    record's `field` and `topic` may name (bcngv.yaml's); None when the configuration could not be
    read: they are then not checked, rather than checked against keys the office may not use.
    `records`: whether the run will ask for the records (a report does, a check does not)."""
    sections = default_sections() if sections is ... else sections  # bcngv's own, made only when asked for
    paths = list(paths)
    result = LoadResult()
    result.catalog, result.diagnostics = load_catalog(root, keeping(root) if cache else None)
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of new objects, none of them garbage: collecting only costs
    try:
        store = RecordCache.open(root, result.catalog, _sections_key(sections)) if cache else None
        listing = _listing(root, paths)
        if store is not None:
            _load_stored(root, listing, not paths, sections, store, result)
        elif not records and _pooled(len(listing.names)):
            _check_pooled(root, listing, sections, result)
        else:
            _load(root, listing, array("q"), sections, None, result)
    finally:
        # what was loaded lives until the process ends: leave it out of every later collection
        gc.freeze()
        if collecting:
            gc.enable()
    return result


def _sections_key(sections: Sections | None) -> str:
    return f"unchecked {builtin_kinds().fingerprint}" if sections is None else sections.version


def _load_stored(root: Path, listing: _Listing, whole: bool, sections: Sections | None, store: RecordCache,
                 result: LoadResult) -> None:
    """Loading with the cache. The outcome of a run of every file (`whole`) is kept whole: a run whose
    listing and stamps have not changed takes it, and makes nothing per file; any other run takes
    each file's result from the index or reads it, then keeps the outcome for the next."""
    stamps = _stamps(listing)
    key = store.outcome_key(root, listing.shown, stamps, _others(listing)) if whole else None
    kept = store.kept(key, len(listing.names)) if key is not None else None
    if kept is not None:
        _take(kept, listing, result, _recall_later(root, result.catalog, sections, store, listing, kept.invalid, stamps))
        return
    catalog = len(result.diagnostics)  # the catalog's, found every run: not part of an outcome
    files, found = _load(root, listing, stamps, sections, store, result)
    store.save(forget_unused=whole)
    outcome = _outcome(files, found, result, catalog) if key is not None else None
    if outcome is not None:
        store.keep(key, stamps, outcome)  # type: ignore[arg-type]


def _load(root: Path, listing: _Listing, stamps: array, sections: Sections | None, store: RecordCache | None,
          result: LoadResult) -> tuple[list[_File], list[FileResult]]:
    """Each file's result, from the cache or read now, then the checks across records."""
    files = _files(root, listing, stamps, store)
    found, compared = _results(root, files, result.catalog, sections, store)
    valid = _assemble(files, found, result)
    result._recall = _Recall(root, result.catalog, sections, store, [file for _, file, _ in valid])
    result.diagnostics += _duplicates(valid, result, store, compared)
    return files, found


def _outcome(files: list[_File], found: list[FileResult], result: LoadResult, catalog: int) -> Outcome | None:
    """What to keep of a run of every file (the diagnostics after the catalog's first `catalog`);
    None if a file could not be read: what a stamp vouches for is the content read under it."""
    if not all(file.key is not None or file.refused is not None for file in files):
        return None
    invalid = [index for index, read in enumerate(found) if read.group is None]
    return Outcome(result.diagnostics[catalog:], invalid, result._scopes)


def _take(kept: Outcome, listing: _Listing, result: LoadResult, recall: Callable[[int], RecordBase | None]) -> None:
    """The outcome kept for this listing, as loading would give it."""
    result.diagnostics += kept.diagnostics
    result.files = len(listing.names)
    shown = listing.shown if not kept.invalid else _without(listing.shown, kept.invalid)
    result._read, result._shown = [None] * len(shown), shown
    result.valid = len(shown)
    result._scopes = kept.scopes
    result._recall = recall


def _without(items: list[_T], left_out: list[int]) -> list[_T]:
    out = set(left_out)
    return [item for index, item in enumerate(items) if index not in out]


def _recall_later(root: Path, catalog: Catalog, sections: Sections | None, store: RecordCache | None,
                  listing: _Listing, invalid: list[int], stamps: array) -> Callable[[int], RecordBase | None]:
    """The records of the listed files but the `invalid` ones, each rebuilt when asked for, as
    `_Recall` does; its files made at the first, each with its content key from the index by its
    stamp, if there is a cache (a check asks for none, and reads no index)."""
    recall: list[_Recall] = []

    def recalled(index: int) -> RecordBase | None:
        if not recall:
            known = store.known_keys(listing.names, stamps) if store is not None else [None] * len(listing.names)
            listed = listing.listed()
            files = [_File(listing.names[at], listing.shown[at], known[at], listed=listed[at])
                     for at in _without(list(range(len(listing.names))), invalid)]
            recall.append(_Recall(root, catalog, sections, store, files))
        return recall[0](index)

    return recalled


def _results(root: Path, files: list[_File], catalog: Catalog, sections: Sections | None,
             store: RecordCache | None) -> tuple[list[FileResult], _Compared]:
    """Each file's result, from the cache or read now (in worker processes when many, each record
    sent back pickled), and the groups the workers compared. (A check without a cache, which asks
    for no record, takes `_check_pooled`'s way instead.)"""
    found = _known(files, store)
    missing = [i for i, result in enumerate(found) if result is None]
    # a file not read yet goes by its name (a string: a hundred thousand Paths cost seconds to make and pickle)
    jobs = [(files[i].shown, files[i].data if files[i].key else files[i].name, files[i].listed) for i in missing]
    compared: _Compared = {}
    if _pooled(len(jobs)):
        read = []
        for results, chunk_compared in _in_workers(_read_chunk_stored, _chunks(jobs), (root, catalog, sections)):
            read += results
            compared.update(chunk_compared)
    elif jobs:
        _start_worker(root, catalog, sections)
        read = _read_chunk(jobs)
    else:  # a warm run: no reader made, none of the per-file checks imported
        read = []
    for index, result in zip(missing, read, strict=True):
        found[index] = result
        if files[index].key is not None:  # a key is made only when there is a cache
            store.add_file(files[index].key, result)  # type: ignore[arg-type]
        files[index].data = b""  # read: not kept in memory with the results
    return found, compared  # type: ignore[return-value]


def _pooled(files: int) -> bool:
    """Whether to read that many files in worker processes: enough to repay starting them."""
    return files >= PARALLEL_FROM and (os.cpu_count() or 1) > 1


def _chunks(jobs: list[_T]) -> list[list[_T]]:
    """The jobs in chunks of CHUNK, smaller towards the end (down to an eighth), so that the workers
    finish about together: one left alone with a whole last chunk leaves a core idle meanwhile. A
    chunk is at most a share of what is left: a half for each of the workers (one a core)."""
    chunks, start, shares = [], 0, 2 * (os.cpu_count() or 1)
    while start < len(jobs):
        size = min(CHUNK, max(CHUNK // 8, -(-(len(jobs) - start) // shares), 1))
        chunks.append(jobs[start : start + size])
        start += size
    return chunks


def _in_workers(task: Callable[[list[_Job]], _T], chunks: list[list[_Job]],
                started: tuple[Path, Catalog, Sections | None]) -> Iterator[_T]:
    """`task` of each chunk, in order, in worker processes each set up by `_start_worker(*started)`."""
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing costs an import: only for many files

    with ProcessPoolExecutor(initializer=_start_worker, initargs=started) as pool:
        yield from pool.map(task, chunks)


def _check_pooled(root: Path, listing: _Listing, sections: Sections | None, result: LoadResult) -> None:
    """Loading for a check without a cache, in worker processes (many files): each sends back of
    its chunk only what the main process needs (`_Checked`), which makes no object per file."""
    read, jobs, refused = _jobs(listing)
    found = {index: [refusal.diagnostic(listing.shown[index])] for index, refusal in refused.items()}
    invalid = list(refused)
    scopes: list[tuple[str, Named]] = []
    groups: dict[object, list[_Held]] = {}
    chunks = _chunks(jobs)
    starts = accumulate(map(len, chunks), initial=0)
    for start, chunk in zip(starts, _in_workers(_check_chunk, chunks, (root, result.catalog, sections))):
        found.update((read[start + at], diagnostics) for at, diagnostics in chunk.diagnostics)
        invalid += [read[start + at] for at in chunk.invalid]
        scopes += chunk.scopes
        for group, held in chunk.groups.items():
            groups.setdefault(group, []).append(held)
    invalid.sort()
    # taken as a kept outcome is: the same result, without a cache
    diagnostics = [d for index in sorted(found) for d in found[index]] + _duplicates_pooled(groups)
    _take(Outcome(diagnostics, invalid, scopes), listing, result,
          _recall_later(root, result.catalog, sections, None, listing, invalid, array("q")))


def _jobs(listing: _Listing) -> tuple[Sequence[int], list[_Job], dict[int, Refused]]:
    """The files to read (by index in the listing), as jobs, and the files refused (never read)."""
    jobs = list(zip(listing.shown, listing.names, listing.listed()))
    if listing.plain:
        return range(len(jobs)), jobs, {}
    refused = {index: scanned for index, scanned in enumerate(listing.scanned) if isinstance(scanned, Refused)}
    read = [index for index in range(len(jobs)) if index not in refused]
    return read, [jobs[index] for index in read], refused


def _duplicates_pooled(groups: dict[object, list[_Held]]) -> list[Diagnostic]:
    """The duplicate check of each group (kind, date), in the order the files name them: what the
    worker found of a group one chunk held whole, the others compared here from their signatures."""
    found: list[Diagnostic] = []
    for parts in groups.values():
        if len(parts) == 1:
            found += parts[0].found
        else:
            found += find_duplicates([signed for part in parts for signed in _unpacked(part.signed)])
    return found


@dataclass(slots=True)
class _Recall:
    """The records of the valid files, each rebuilt when a run asks for it: from the cache's file of
    records, else (no cache, or that file lost or foreign) by reading its file again, as a run
    without a cache reads it."""

    root: Path
    catalog: Catalog
    sections: Sections | None
    store: RecordCache | None
    files: list[_File]  # by index among the records

    def __call__(self, index: int) -> RecordBase | None:
        file = self.files[index]
        record = self.store.record(file.key) if self.store is not None and file.key is not None else None
        if record is None:
            _start_worker(self.root, self.catalog, self.sections)
            record = _read_chunk([(file.shown, file.name, file.listed)])[0].record
        return record


def _known(files: list[_File], store: RecordCache | None) -> list[FileResult | None]:
    """Each file's result without reading it: what the cache holds, or why it is refused."""
    found = store.known_files(list(map(attrgetter("key"), files))) if store is not None else [None] * len(files)
    for index, file in enumerate(files):
        if file.refused is not None:
            found[index] = FileResult(None, [file.refused.diagnostic(UNNAMED)])
    return found


# what this process (a worker, or the main one) checks files against: set once when it starts, not
# with every chunk
_worker: Reader | None = None


def _start_worker(root: Path, catalog: Catalog, sections: Sections | None) -> None:
    global _worker
    if _worker is not None and _worker.serves(root, catalog, sections):
        return  # set so already: its alias scanner is made (a recall reads records one by one)
    from bcngv.records.reading import Reader  # the per-file checks: imported by a process that reads a file

    _worker = Reader.made(root, catalog, sections)


def _read_chunk(jobs: list[_Job]) -> list[FileResult]:
    reader = _worker
    assert reader is not None
    return [_read_one(reader, shown, source, listed) for shown, source, listed in jobs]


def _read_chunk_stored(jobs: list[_Job]) -> tuple[list[FileResult], _Compared]:
    """A worker's results as the cache keeps them (and a run that asks for records takes them): each
    record pickled once, here, and rebuilt in the main process only if asked for, not on arrival;
    and the duplicate check of each
    group among the chunk's files, done here, in parallel, rather than after all in the main process."""
    assert _worker is not None
    stored = [result.stored() for result in _read_chunk(jobs)]
    return stored, _compare_chunk([shown for shown, _, _ in jobs], stored)


# a group (kind, date) compared by a worker among its chunk's files: how many of the group's files
# the chunk held, and what the duplicate check found. The main process takes it for a group whose
# every file that chunk held (most: files go to workers in path order, and a group is one day's
# records of one kind); any other group it compares itself, as it would have compared them all. A
# group two chunks hold part of is told by the count: each chunk held fewer than all of its files.
_Compared = dict[object, tuple[int, list[Diagnostic]]]


def _compare_chunk(shown: list[str], stored: list[FileResult]) -> _Compared:
    return {group: (len(signed), find_duplicates(signed))
            for group, signed in _grouped(shown, stored).items() if len(signed) > 1}


def _grouped(shown: list[str], results: list[FileResult]) -> dict[object, list[Signed]]:
    """A chunk's valid files by their group (kind, date), each as the duplicate check compares it."""
    groups: dict[object, list[Signed]] = {}
    for name, read in zip(shown, results, strict=True):
        if read.group is not None:
            _sign(groups, name, read)
    return groups


def _sign(groups: dict[object, list[Signed]], shown: str, read: FileResult) -> None:
    """Add a valid file to its group as the duplicate check compares it (its signature made by
    `stored`, else made now)."""
    signature = read.signature or Signature.of(read.record)  # type: ignore[arg-type]
    groups.setdefault(read.group, []).append(Signed(shown, *read.placed, signature))


class _Held(NamedTuple):
    """A group (kind, date) as one chunk held it: what the duplicate check found among its files
    there, and their signatures, pickled: unpickled only when other chunks hold part of the group."""

    found: list[Diagnostic]
    signed: bytes


class _Checked(NamedTuple):
    """What a worker sends back of a chunk for a check without a cache: plain lists and tuples, in
    one object a chunk (not one a file), that unpickle at C speed."""

    diagnostics: list[tuple[int, list[Diagnostic]]]  # of each file that has any (by index in the chunk), named
    invalid: list[int]  # the files that gave no record
    scopes: list[tuple[str, Named]]  # see named_reports
    groups: dict[object, _Held]  # in the order the chunk's files name them


def _check_chunk(jobs: list[_Job]) -> _Checked:
    """A worker's part of a check without a cache: its chunk read, and each group compared. One pass
    over the files: each result is taken in as it is read, not listed and walked again."""
    reader = _worker
    assert reader is not None
    checked = _Checked([], [], [], {})
    groups: dict[object, list[Signed]] = {}
    for at, (shown, source, listed) in enumerate(jobs):
        read = _read_one(reader, shown, source, listed)
        if read.diagnostics:
            checked.diagnostics.append((at, _named(read.diagnostics, shown)))
        if read.group is None:
            checked.invalid.append(at)
            continue
        if read.scope:
            checked.scopes.extend(zip(repeat(shown), read.scope))
        _sign(groups, shown, read)
    checked.groups.update((group, _Held(find_duplicates(signed) if len(signed) > 1 else [], _packed(signed)))
                          for group, signed in groups.items())
    return checked


def _packed(signed: list[Signed]) -> bytes:
    """Signatures pickled as plain tuples: a named tuple pickles, and unpickles, through a Python call."""
    return pickle.dumps([(s.path, s.line, s.col, *s.signature) for s in signed], protocol=pickle.HIGHEST_PROTOCOL)


def _unpacked(packed: bytes) -> list[Signed]:
    return [Signed(path, line, col, Signature(*signature)) for path, line, col, *signature in pickle.loads(packed)]


def _named(found: list[Diagnostic], shown: str) -> list[Diagnostic]:
    """A file's diagnostics as shown: its own name where its result left it out."""
    return [replace(d, path=shown) if d.path == UNNAMED else d for d in found]


def check_file(root: Path, shown: str, data: bytes, catalog: Catalog, sections: Sections | None) -> list[Diagnostic]:
    """What `check` says of one record file on its own, for bytes not written yet (the browser's
    form checks what it would write, at the path it would write it)."""
    _start_worker(root, catalog, sections)
    return _named(_read_chunk([(shown, data, False)])[0].diagnostics, shown)


def _read_one(reader: Reader, shown: str, source: bytes | str, listed: bool) -> FileResult:
    """Everything one file says on its own (reading.Reader.read): every file read goes through here,
    where the tests count the reads."""
    return reader.read(shown, source, listed)


def _assemble(files: list[_File], found: list[FileResult], result: LoadResult) -> list[tuple[int, _File, FileResult]]:
    """Name each file's diagnostics; the valid files with their results, by their index among the records."""
    valid: list[tuple[int, _File, FileResult]] = []
    for file, read in zip(files, found, strict=True):
        if read.diagnostics:  # most files have none: no list made for them
            result.diagnostics += _named(read.diagnostics, file.shown)
        if read.group is not None:
            valid.append((len(result._shown), file, read))
            result._read.append(read)
            result._shown.append(file.shown)
            if read.scope:
                result._scopes += zip(repeat(file.shown), read.scope)
    result.files += len(files)
    result.valid = len(valid)
    return valid


def _duplicates(valid: list[tuple[int, _File, FileResult]], result: LoadResult,
                store: RecordCache | None, compared: _Compared) -> list[Diagnostic]:
    """The duplicate-record check, group by group (same kind and date): a group whose files have
    not changed has the diagnostics it had, and its records need not even be rebuilt; a group a
    worker compared whole has what the worker found."""
    groups: dict[object, list[tuple[int, _File, FileResult]]] = {}
    for entry in valid:
        groups.setdefault(entry[2].group, []).append(entry)
    found: list[Diagnostic] = []
    for kind_date, group in groups.items():
        if len(group) == 1:
            continue
        key = None
        if store is not None and all(file.key is not None for _, file, _ in group):
            key = group_key([(file.shown, file.key) for _, file, _ in group])  # type: ignore[misc]
            known = store.group(key)
            if known is not None:
                found += known
                continue
        done = compared.get(kind_date)
        if done is not None and done[0] == len(group):
            known = done[1]
        else:
            known = find_duplicates([_signed(result, index, read) for index, _, read in group])
        if key is not None:
            store.add_group(key, known)  # type: ignore[union-attr]
        found += known
    return found


def _signed(result: LoadResult, index: int, read: FileResult) -> Signed:
    """What the duplicate check needs of a record: a worker's signature, else the record's own."""
    signature = read.signature or Signature.of(result.record(index))
    return Signed(result._shown[index], *read.placed, signature)
