"""The cache of checked records: it makes a second run faster and never different. Every change to
the records is seen on the next run; a damaged or foreign cache file is ignored."""

from __future__ import annotations

import os
import pickle
import time

import pytest

from bcngv.cachedir import CacheFolder, cache_folder
from bcngv.records import loader
from bcngv.records.cache import CACHE_FILE, OUTCOME_FILE, RECORDS_FILE
from bcngv.records.catalog import KEPT as CATALOG_KEPT
from bcngv.records.loader import load_records

from conftest import DOAN_RA, bcngv

BAD = DOAN_RA.replace("persons: 12", "persons: mười hai")
OTHER = DOAN_RA.replace("date: 2022-07-12", "date: 2022-07-20").replace("persons: 12", "persons: 3")


def seen(repo, cache: bool = True) -> tuple[list[tuple[str, str, int, int]], list[tuple[str, object]]]:
    loaded = load_records(repo.root, cache=cache)
    return ([(d.code, d.path, d.line, d.col) for d in loaded.diagnostics],
            [(r.path, r.model_dump()) for r in loaded.records])


def folder(repo) -> CacheFolder:
    found = cache_folder(repo.root)
    assert found is not None
    return found


def cache_file(repo):
    return folder(repo).path / CACHE_FILE


@pytest.fixture
def office(repo):
    repo.write("records/2022/07/a.yaml", DOAN_RA)
    repo.write("records/2022/07/b.yaml", BAD)
    repo.write("records/2022/07/c.yaml", OTHER)
    repo.write("records/2022/08/d.yaml", DOAN_RA)  # a date outside its folder's month
    return repo


def test_a_warm_run_gives_what_a_cold_run_gives(office) -> None:
    cold = seen(office, cache=False)
    assert not cache_file(office).exists()  # --no-cache writes nothing
    first, warm = seen(office), seen(office)
    assert cache_file(office).exists()
    assert cold == first == warm
    assert ("invalid-value", "records/2022/07/b.yaml", 3, 10) in cold[0]
    assert ("date-far-from-folder", "records/2022/08/d.yaml", 2, 7) in cold[0]


def test_a_warm_run_reads_nothing_again(office, monkeypatch) -> None:
    seen(office)
    monkeypatch.setattr(loader, "_read_one", lambda *args: pytest.fail("a cached file was read again"))
    assert seen(office) == seen(office, cache=True)


@pytest.mark.parametrize("old", [False, True], ids=["just-written", "unchanged-for-a-while"])
def test_a_check_reads_the_records_only_when_a_record_is_asked_for(office, monkeypatch, old: bool) -> None:
    if old:
        aged(office)
    seen(office)
    opened: list[str] = []
    real = CacheFolder.read
    monkeypatch.setattr(CacheFolder, "read",  # the files of records read, not the catalog kept
                        lambda self, name: (name == CATALOG_KEPT or opened.append(name), real(self, name))[1])
    loaded = load_records(office.root)
    # a warm check: the index, or only the outcome kept when no file is new
    assert opened == ([OUTCOME_FILE] if old else [OUTCOME_FILE, CACHE_FILE])
    assert not [d for d in loaded.diagnostics if d.path == "records/2022/07/a.yaml"]
    assert [r.persons for r in loaded.records] == [12, 3, 12]  # a build: the file of records, read once
    assert opened == [OUTCOME_FILE, CACHE_FILE, RECORDS_FILE]


def test_an_edited_record_is_seen(office) -> None:
    seen(office)
    office.write("records/2022/07/b.yaml", OTHER.replace("persons: 3", "persons: 7").replace("07-20", "07-21"))
    diagnostics, records = seen(office)
    assert not [d for d in diagnostics if d[1] == "records/2022/07/b.yaml"]
    assert dict(records)["records/2022/07/b.yaml"]["persons"] == 7


def test_an_added_record_is_seen_with_the_duplicate_it_makes(office) -> None:
    seen(office)
    office.write("records/2022/07/e.yaml", OTHER)
    diagnostics, records = seen(office)
    assert "records/2022/07/e.yaml" in dict(records)
    assert ("duplicate-record", "records/2022/07/e.yaml", 7, 1) in diagnostics


def test_a_deleted_record_is_forgotten(office) -> None:
    seen(office)
    (office.root / "records/2022/07/b.yaml").unlink()
    diagnostics, records = seen(office)
    assert "records/2022/07/b.yaml" not in dict(records)
    assert not [d for d in diagnostics if d[1] == "records/2022/07/b.yaml"]
    stored = pickle.loads(folder(office).read(CACHE_FILE))
    assert len(stored["files"]) == 3  # a, c and d: the deleted file's entry is gone
    assert set(pickle.loads(folder(office).read(RECORDS_FILE))["records"]) == set(stored["files"])  # their records


def test_a_renamed_record_is_found_by_content_under_its_new_name(office, monkeypatch) -> None:
    seen(office)
    (office.root / "records/2022/07/b.yaml").rename(office.root / "records/2022/07/z.yaml")
    monkeypatch.setattr(loader, "_read_one", lambda *args: pytest.fail("a renamed file was read again"))
    diagnostics, _ = seen(office)
    assert ("invalid-value", "records/2022/07/z.yaml", 3, 10) in diagnostics
    assert not [d for d in diagnostics if d[1] == "records/2022/07/b.yaml"]


def test_two_files_with_the_same_bytes_are_two_records(office) -> None:
    seen(office)
    office.write("records/2022/07/copy.yaml", DOAN_RA)
    diagnostics, records = seen(office)
    paths = [path for path, _ in records]
    assert "records/2022/07/a.yaml" in paths and "records/2022/07/copy.yaml" in paths
    assert ("duplicate-record", "records/2022/07/copy.yaml", 7, 1) in diagnostics


def test_a_changed_catalog_rechecks_every_record(office) -> None:
    seen(office)
    office.write("records/_catalog/doi_tac.yaml", "lao:\n  name: Lào\n")
    diagnostics, _ = seen(office)
    assert ("unknown-partner", "records/2022/07/a.yaml", 6, 12) in diagnostics


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps({"format": "someone else's"}),
                                    pickle.dumps(["a", "list"]), b"\x80\x05corrupt"])
def test_a_corrupt_or_foreign_cache_file_is_ignored(office, damage: bytes) -> None:
    cold = seen(office, cache=False)
    folder(office).write(CACHE_FILE, damage)  # sealed: damage done by bcngv itself, say a full disk
    assert seen(office) == cold
    assert seen(office) == cold  # and it was replaced by a good one
    assert pickle.loads(folder(office).read(CACHE_FILE))["files"]


def test_a_cache_of_other_code_is_ignored(office, monkeypatch) -> None:
    cold = seen(office, cache=False)
    seen(office)
    monkeypatch.setattr("bcngv.records.cache.code_version", lambda: "other code")
    monkeypatch.setattr(loader, "_read_one", lambda *args: pytest.fail("re-read, as it should be"))
    with pytest.raises(pytest.fail.Exception, match="re-read"):
        seen(office)
    monkeypatch.undo()
    assert seen(office) == cold


def test_workers_give_what_one_process_gives(office, monkeypatch) -> None:
    cold = seen(office, cache=False)
    monkeypatch.setattr(loader, "PARALLEL_FROM", 1)
    monkeypatch.setattr(loader, "CHUNK", 1)
    assert seen(office, cache=False) == cold


def test_cold_and_warm_builds_write_the_same_bytes(repo) -> None:
    repo.write("records/2022/07/a.yaml", DOAN_RA)
    repo.write("records/2022/07/c.yaml", OTHER)
    args = ["build", "--period", "2022-07", "--as-of", "2022-07-29", "--root", str(repo.root)]
    documents = []
    for extra in (["--no-cache"], [], []):
        result = bcngv(*args, *extra)
        assert result.exit_code == 0, result.output
        documents.append((repo.root / "build" / "thang-2022-07.docx").read_bytes())
    assert documents[0] == documents[1] == documents[2]
    assert cache_file(repo).exists()


def aged(repo, seconds: int = 60) -> None:
    """Every record file's time set back: stamps older than the cache can be trusted (git's racy rule)."""
    for path in (repo.root / "records").rglob("*.yaml"):
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - seconds * 1_000_000_000))


def test_a_file_rewritten_in_the_same_tick_as_the_save_is_read_again(office) -> None:
    path = office.root / "records/2022/07/c.yaml"
    seen(office)
    before = path.stat()
    path.write_text(OTHER.replace("persons: 3", "persons: 4"), encoding="utf-8")  # same size, same inode
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same time: its stamp has not changed
    after = path.stat()
    assert (after.st_size, after.st_ino, after.st_mtime_ns) == (before.st_size, before.st_ino, before.st_mtime_ns)
    assert dict(seen(office)[1])["records/2022/07/c.yaml"]["persons"] == 4


def test_a_warm_run_of_unchanged_old_files_opens_none_and_writes_nothing(office, monkeypatch) -> None:
    aged(office)
    seen(office)
    written = cache_file(office).stat().st_mtime_ns, cache_file(office).read_bytes()
    monkeypatch.setattr(loader, "read_regular", lambda *args: pytest.fail("an unchanged file was opened"))
    assert seen(office) == seen(office, cache=False)
    assert (cache_file(office).stat().st_mtime_ns, cache_file(office).read_bytes()) == written


def test_a_check_of_some_files_keeps_the_stamps_of_the_others(office, monkeypatch) -> None:
    aged(office)
    seen(office)
    load_records(office.root, [office.root / "records/2022/07/a.yaml"])
    (office.root / "records/2022/07/a.yaml").write_text(OTHER, encoding="utf-8")  # changed: read again, alone
    opened = []
    real = loader.read_regular
    monkeypatch.setattr(loader, "read_regular", lambda path, *args: opened.append(path) or real(path, *args))
    assert seen(office) == seen(office, cache=False)
    assert [os.path.basename(path) for path in opened] == ["a.yaml"]


def test_among_many_files_only_those_changed_are_read_again(repo, monkeypatch) -> None:
    names = [f"records/2022/07/{index:04}.yaml" for index in range(1200)]
    for index, name in enumerate(names):
        repo.write(name, DOAN_RA.replace("persons: 12", f"persons: {index + 1}"))
    aged(repo)
    seen(repo)
    for name in (names[700], names[-1]):  # in the middle of the listing, and at its end
        repo.write(name, OTHER)
    aged(repo)
    read: list[str] = []
    real = loader._read_one
    monkeypatch.setattr(loader, "_read_one", lambda root, shown, *args: read.append(shown) or real(root, shown, *args))
    assert seen(repo) == seen(repo, cache=False)
    assert read[:2] == [names[700], names[-1]] and len(read) == 2 + 1200  # the second run: --no-cache


def test_a_file_changed_just_before_a_long_run_is_read_again_after_it(office, monkeypatch) -> None:
    aged(office)
    path = office.root / "records/2022/07/c.yaml"
    path.write_text(OTHER.replace("persons: 3", "persons: 4"), encoding="utf-8")  # just before the run
    before = path.stat()
    real = time.time_ns
    monkeypatch.setattr(time, "time_ns", lambda: real() + 10_000_000_000)  # the run is saved ten seconds on
    assert dict(seen(office)[1])["records/2022/07/c.yaml"]["persons"] == 4
    monkeypatch.undo()
    path.write_text(OTHER.replace("persons: 3", "persons: 5"), encoding="utf-8")  # its stamp unchanged
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert dict(seen(office)[1])["records/2022/07/c.yaml"]["persons"] == 5
