"""Issue 12: a cache is never read from the repository, and the user's own cache is used only when
it is the user's. Each test commits or plants the real thing (a pickle that runs code, marshal'd
template code, a forged entry, a link, a FIFO, a file of the wrong shape) and checks that a run
gives exactly what `--no-cache` gives, runs nothing and never hangs."""

from __future__ import annotations

import marshal
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import pytest
from jinja2.bccache import bc_magic

from bcngv import cachedir
from bcngv.cachedir import CacheFolder, cache_folder
from bcngv.records import loader
from bcngv.records.cache import (CACHE_FILE, OUTCOME_FILE, RECORDS_FILE, FileResult, catalog_version, code_version,
                                 content_key)
from bcngv.records.catalog import load_catalog
from bcngv.records.loader import load_records

from conftest import DOAN_RA, bcngv

BROKEN = DOAN_RA.replace("persons: 12", "persons: mười hai")  # invalid-value at line 3
CHECK = ["check", "--format", "json"]
BUILD = ["build", "--period", "2022-07", "--as-of", "2022-07-29"]
REPORT = "build/thang-2022-07.docx"


class Touch:
    """Unpickling it creates the marker file: any code a crafted pickle can run."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[Path]]:
        return (Path.touch, (self.marker,))


@pytest.fixture
def marker(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("attacker") / "MARKER"


@pytest.fixture
def office(repo):
    repo.write("records/2022/07/a.yaml", DOAN_RA)
    return repo


def outcome(repo, *extra: str) -> tuple[int, str, int, bytes]:
    """What `check` prints and `build` writes (exit codes, diagnostics, the report's bytes)."""
    checked = bcngv(*CHECK, *extra, root=repo)
    assert checked.exception is None or isinstance(checked.exception, SystemExit), checked.exception
    report = repo.root / REPORT
    report.unlink(missing_ok=True)
    built = bcngv(*BUILD, *extra, root=repo)
    assert built.exception is None or isinstance(built.exception, SystemExit), built.exception
    return checked.exit_code, checked.stdout, built.exit_code, report.read_bytes() if report.exists() else b""


def in_subprocess(repo, *extra: str, timeout: float = 10) -> tuple[int, str]:
    """`check` in another process, killed after `timeout` (a FIFO opened for reading would block)."""
    done = subprocess.run([sys.executable, "-m", "bcngv", *CHECK, *extra, "--root", str(repo.root)],
                          capture_output=True, text=True, timeout=timeout)
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout


def old_cache(repo, files: dict[bytes, FileResult], **extra: object) -> bytes:
    """A cache file as bcngv wrote it into `.bcngv-cache/` before: the version the old code would
    have accepted for this repository, the entries given."""
    version = (code_version(), catalog_version(load_catalog(repo.root)[0]))
    data = {"format": "bcngv-records-cache-2", "version": version, "files": files, "groups": {}, "stamps": {},
            "saved_at": 0, **extra}
    return pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)


def folder_of(repo) -> CacheFolder:
    found = cache_folder(repo.root)
    assert found is not None
    return found


def reads(repo, monkeypatch) -> int:
    """How many record files a run had to read (0: all came from the cache)."""
    count = [0]
    real = loader._read_one

    def counted(*args: object) -> FileResult:
        count[0] += 1
        return real(*args)

    monkeypatch.setattr(loader, "_read_one", counted)
    load_records(repo.root)
    monkeypatch.setattr(loader, "_read_one", real)
    return count[0]


def test_a_committed_pickle_is_never_loaded(office, marker: Path) -> None:
    crafted = old_cache(office, {}, payload=Touch(marker))
    pickle.loads(crafted)
    assert marker.exists()  # the payload is live: loading it runs code
    marker.unlink()
    office.write(".bcngv-cache/records.pickle", crafted)
    expected = outcome(office, "--no-cache")
    assert expected[0] == 0 and expected[2] == 0 and expected[3]
    assert outcome(office) == outcome(office) == expected  # the first run fills the user cache
    assert not marker.exists()
    assert (office.root / ".bcngv-cache/records.pickle").read_bytes() == crafted  # nor written


def test_committed_template_bytecode_is_never_run(office, marker: Path) -> None:
    templates = office.root / "templates"
    source, filename, _ = jinja2.FileSystemLoader(templates).get_source(jinja2.Environment(), "thang.md.j2")
    cache = jinja2.FileSystemBytecodeCache(str(office.root / ".bcngv-cache/templates"))
    code = compile(f"__import__('pathlib').Path({str(marker)!r}).touch()", filename, "exec")
    crafted = bc_magic + pickle.dumps(cache.get_source_checksum(source), 2) + marshal.dumps(code)
    office.write(f".bcngv-cache/templates/__jinja2_{cache.get_cache_key('thang.md.j2', filename)}.cache", crafted)
    # the old renderer's environment would have run it
    old = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=cache)
    with pytest.raises(KeyError):  # the planted code defines no template, after running
        old.get_template("thang.md.j2")
    assert marker.exists()
    marker.unlink()
    expected = outcome(office, "--no-cache")
    assert outcome(office) == outcome(office) == expected
    assert not marker.exists()


def test_a_committed_cache_cannot_make_a_broken_record_pass(office) -> None:
    good = load_records(office.root, cache=False).records[0]
    broken = office.write("records/2022/07/a.yaml", BROKEN).read_bytes()
    key = content_key(b"records/2022/07\0" + broken)
    forged = FileResult(None, [], group=("doan_ra", date(2022, 7, 12)), blob=pickle.dumps(good))
    office.write(".bcngv-cache/records.pickle", old_cache(office, {key: forged}))
    for _ in range(2):
        code, shown, _, _ = outcome(office, "--strict")
        assert code == 1
        assert '"code": "invalid-value"' in shown and '"line": 3' in shown and "records/2022/07/a.yaml" in shown


@pytest.mark.parametrize("name", [CACHE_FILE, RECORDS_FILE, OUTCOME_FILE])
@pytest.mark.parametrize("secret", [None, b"\x01" * 32], ids=["unsealed", "sealed-elsewhere"])
def test_a_planted_user_cache_file_is_never_loaded(office, marker: Path, secret: bytes | None, name: str) -> None:
    folder = folder_of(office)
    load_records(office.root)  # a real index, whose records a build then asks the planted file for
    crafted = pickle.dumps(Touch(marker))
    data = crafted if secret is None else CacheFolder(folder.path, secret)._seal(name, crafted) + crafted
    (folder.path / name).write_bytes(data)
    expected = outcome(office, "--no-cache")
    (folder.path / name).write_bytes(data)
    assert outcome(office) == expected
    assert not marker.exists()


@pytest.mark.parametrize("linked", ["user-folder", "repository-folder"])
def test_a_linked_cache_folder_is_not_used(office, user_cache: Path, tmp_path_factory, monkeypatch,
                                           linked: str) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    if linked == "user-folder":
        link = user_cache.parent / "link"
        monkeypatch.setenv("BCNGV_CACHE_DIR", str(link))
    else:
        link = folder_of(office).path
        link.rmdir()
    link.symlink_to(elsewhere, target_is_directory=True)
    expected = in_subprocess(office, "--no-cache")
    assert in_subprocess(office) == in_subprocess(office) == expected
    assert cache_folder(office.root) is None
    assert list(elsewhere.iterdir()) == []  # nothing written through the link
    assert reads(office, monkeypatch) == 1  # and a run reads every file: no cache


def test_a_fifo_as_the_cache_file_does_not_hang(office) -> None:
    fifo = folder_of(office).path / CACHE_FILE
    os.mkfifo(fifo)
    expected = in_subprocess(office, "--no-cache")
    assert in_subprocess(office) == expected  # a blocking open would time out here


@pytest.mark.parametrize("problem", ["others-can-write", "not-ours", "secret-readable-by-others"])
def test_a_cache_folder_that_is_not_private_is_not_used(office, user_cache: Path, monkeypatch, problem: str) -> None:
    folder_of(office)
    load_records(office.root)
    assert reads(office, monkeypatch) == 0  # the cache works...
    if problem == "others-can-write":
        user_cache.chmod(0o777)
    elif problem == "not-ours":
        monkeypatch.setattr(cachedir.os, "getuid", lambda: os.stat(user_cache).st_uid + 1)
    else:
        (user_cache / cachedir.SECRET).chmod(0o644)
    assert cache_folder(office.root) is None
    assert reads(office, monkeypatch) == 1  # ...and then is not used


def test_the_secret_is_made_once_and_private(office, user_cache: Path) -> None:
    first = folder_of(office).secret
    secret = user_cache / cachedir.SECRET
    assert len(first) == 32 and secret.stat().st_mode & 0o777 == 0o600
    assert folder_of(office).secret == first
    assert user_cache.stat().st_mode & 0o777 == 0o700 and folder_of(office).path.stat().st_mode & 0o777 == 0o700


def test_a_cache_file_over_the_limit_is_not_read(office, monkeypatch) -> None:
    load_records(office.root)
    assert reads(office, monkeypatch) == 0
    monkeypatch.setattr(cachedir, "MAX_READ", 16)
    assert reads(office, monkeypatch) == 1


def test_two_checkouts_never_share_a_cache(office, tmp_path_factory, monkeypatch) -> None:
    load_records(office.root)
    other = tmp_path_factory.mktemp("checkout")
    os.symlink(office.root, other / "same")  # the same repository by another path is the same one
    assert folder_of(office).path == cache_folder(other / "same").path  # type: ignore[union-attr]
    copy = other / "copy"
    shutil.copytree(office.root, copy)
    assert cache_folder(copy).path != folder_of(office).path  # type: ignore[union-attr]


def every(entries: dict[object, object], value: object) -> None:
    entries.update(dict.fromkeys(entries, value))


def first(stored: dict[str, Any]) -> FileResult:
    return next(iter(stored["files"].values()))


# each spoils a real cache file of two duplicate records: every one would end in a traceback or in
# other diagnostics if the cache were used
WRONG_SHAPES: dict[str, Callable[[dict[str, Any]], None]] = {
    "file-entry-junk": lambda s: every(s["files"], "junk"),
    "diagnostics-junk": lambda s: every(s["files"], replace(first(s), diagnostics="junk")),
    "index-with-record-bytes": lambda s: every(s["files"], replace(first(s), blob=pickle.dumps("junk"))),
    "index-with-a-record": lambda s: every(s["files"], replace(first(s), record=[["unhashable"]])),
    "group-unhashable": lambda s: every(s["files"], replace(first(s), group=("doan_ra", [1]))),
    "position-junk": lambda s: (every(s["files"], replace(first(s), placed=("a", 1))), s["groups"].clear()),
    "groups-junk": lambda s: every(s["groups"], "junk"),
    "groups-of-junk": lambda s: every(s["groups"], ["junk"]),
    "stamp-junk": lambda s: s.update(stamps=(s["stamps"][0], b"junk", s["stamps"][2])),
    "stamp-keys-junk": lambda s: s.update(stamps=(s["stamps"][0], s["stamps"][1], [5] * len(s["stamps"][2]))),
    "stamps-a-dict": lambda s: s.update(stamps=dict(zip(s["stamps"][0], s["stamps"][2], strict=True))),
    "saved-at-text": lambda s: s.update(saved_at="now"),
    "files-a-list": lambda s: s.update(files=list(s["files"].values())),
    "no-stamps": lambda s: s.pop("stamps"),
}


@pytest.mark.parametrize("spoil", WRONG_SHAPES.values(), ids=WRONG_SHAPES.keys())
def test_a_cache_file_of_the_wrong_shape_is_no_cache(office, monkeypatch,
                                                     spoil: Callable[[dict[str, Any]], None]) -> None:
    office.write("records/2022/07/b.yaml", DOAN_RA)  # a duplicate: the cache holds a group too
    for path in (office.root / "records/2022/07").iterdir():  # old enough for their stamps to be kept
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 60_000_000_000))
    expected = outcome(office, "--no-cache")
    folder = folder_of(office)
    load_records(office.root)
    stored = pickle.loads(folder.read(CACHE_FILE))
    assert len(stored["files"]) == len(stored["groups"]) == 1 and len(stored["stamps"][0]) == 2
    spoil(stored)
    spoiled = pickle.dumps(stored)
    folder.write(CACHE_FILE, spoiled)
    (folder.path / OUTCOME_FILE).unlink()  # a run that finds no outcome reads the index
    assert reads(office, monkeypatch) == 2  # ignored whole
    folder.write(CACHE_FILE, spoiled)
    (folder.path / OUTCOME_FILE).unlink()
    assert outcome(office) == expected  # no traceback (outcome checks it), the same result


# each spoils the file of records behind a sound index: a build asks it for records and must read
# each record again from its file rather than take a wrong one or fail
WRONG_RECORDS: dict[str, Callable[[dict[str, Any]], None]] = {
    "other-generation": lambda s: s.update(generation=b"\0" * 16),
    "records-junk": lambda s: s.update(records="junk"),
    "record-not-bytes": lambda s: every(s["records"], "junk"),
    "record-missing": lambda s: s["records"].clear(),
    "other-format": lambda s: s.update(format="bcngv-records-cache-5"),
}


@pytest.mark.parametrize("spoil", WRONG_RECORDS.values(), ids=WRONG_RECORDS.keys())
def test_a_file_of_records_of_the_wrong_shape_is_read_again(office, monkeypatch,
                                                           spoil: Callable[[dict[str, Any]], None]) -> None:
    expected = outcome(office, "--no-cache")
    folder = folder_of(office)
    load_records(office.root)
    stored = pickle.loads(folder.read(RECORDS_FILE))
    assert len(stored["records"]) == 1
    spoil(stored)
    folder.write(RECORDS_FILE, pickle.dumps(stored))
    assert reads(office, monkeypatch) == 0  # a check asks the file of records for nothing
    folder.write(RECORDS_FILE, pickle.dumps(stored))
    loaded = load_records(office.root)
    count = [0]
    real = loader._read_one
    monkeypatch.setattr(loader, "_read_one", lambda *args: (count.__setitem__(0, count[0] + 1), real(*args))[1])
    assert loaded.records[0].persons == 12 and count == [1]  # the record read again from its file
    monkeypatch.undo()
    folder.write(RECORDS_FILE, pickle.dumps(stored))
    assert outcome(office) == expected


def test_the_code_version_changes_with_any_source_of_the_package(tmp_path, monkeypatch) -> None:
    from bcngv.records import cache

    package = tmp_path / "bcngv"
    (package / "records" / "__pycache__").mkdir(parents=True)
    (package / "cli.py").write_text("a = 1\n")
    (package / "records" / "loader.py").write_text("b = 2\n")
    monkeypatch.setattr(cache, "_PACKAGE", package)

    def version() -> str:
        cache.code_version.cache_clear()
        return cache.code_version()

    first = version()
    (package / "records" / "__pycache__" / "loader.cpython-311.pyc").write_bytes(b"compiled")
    (package / "records" / "notes.txt").write_text("not code\n")
    assert version() == first
    (package / "records" / "loader.py").write_text("b = 3\n")  # the same size: its time told
    os.utime(package / "records" / "loader.py", ns=(1, 1))
    changed = version()
    assert changed != first
    (package / "records" / "loader.py").write_text("b = 33\n")
    os.utime(package / "records" / "loader.py", ns=(1, 1))  # the same time: its size told
    assert version() not in (first, changed)
    (package / "new.py").write_text("")
    assert version() not in (first, changed)
    monkeypatch.undo()
    cache.code_version.cache_clear()


def test_the_code_version_changes_with_the_installed_version_of_a_library(tmp_path, monkeypatch) -> None:
    from bcngv.records import cache

    def version() -> str:
        cache.code_version.cache_clear()
        return cache.code_version()

    installed = ["jinja2-3.1.6.dist-info", "pydantic-2.14.4.dist-info"]
    monkeypatch.setattr(cache, "_installed", lambda: installed)
    first = version()
    installed[1] = "pydantic-2.15.0.dist-info"
    assert version() != first
    monkeypatch.undo()
    cache.code_version.cache_clear()
    installed = cache._installed()  # found where it is installed: the libraries' own, not pytest's
    assert any(name.startswith("pydantic-") for name in installed) and not any("pytest" in name for name in installed)
