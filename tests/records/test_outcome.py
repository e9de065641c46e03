"""The outcome of loading, kept whole (records/cache.py `Outcome`): a run whose listing and stamps have
not changed takes it and reads nothing else; a change to any file, to the listing, the catalog, the
fields or the code is seen; an outcome spoiled in any way is not used."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import Any

import pytest

from bcngv.cachedir import CacheFolder, cache_folder
from bcngv.records import loader
from bcngv.records.cache import CACHE_FILE, OUTCOME_FILE, RECORDS_FILE
from bcngv.records.catalog import KEPT as CATALOG_KEPT
from bcngv.records.loader import load_records
from bcngv.records.vocabulary import Sections

from conftest import DOAN_RA, bcngv

BAD = DOAN_RA.replace("persons: 12", "persons: mười hai")
OTHER = DOAN_RA.replace("date: 2022-07-12", "date: 2022-07-20").replace("persons: 12", "persons: 3")
SCOPED = OTHER.replace("date: 2022-07-20", "date: 2022-07-25") + "reports: [thang, nam-khong-co]\n"
A = "records/2022/07/a.yaml"


def seen(repo, cache: bool = True, **options: Any) -> tuple[object, ...]:
    """All a run gives: diagnostics, counts, the report ids named, and the records."""
    loaded = load_records(repo.root, cache=cache, **options)
    return ([(d.code, d.path, d.line, d.col, d.args) for d in loaded.diagnostics], loaded.files, loaded.valid,
            list(loaded.named_reports()), [(r.path, r.model_dump()) for r in loaded.records])


def opened(repo, monkeypatch, **options: Any) -> list[str]:
    """The cache files of records a check (no record asked for) reads (not the catalog kept)."""
    names: list[str] = []
    real = CacheFolder.read
    monkeypatch.setattr(CacheFolder, "read",
                        lambda self, name: (name == CATALOG_KEPT or names.append(name), real(self, name))[1])
    load_records(repo.root, **options)
    monkeypatch.setattr(CacheFolder, "read", real)
    return names


def aged(repo) -> None:
    """Every record file's time set a minute or more back: a stamp older than the run keeping the
    outcome can be trusted (git's racy rule); each file a different time, so that setting one again
    changes its stamp."""
    for index, path in enumerate(sorted((repo.root / "records").rglob("*.yaml"))):
        if not path.is_symlink():
            mtime = path.stat().st_mtime_ns - (60 + index) * 1_000_000_000
            os.utime(path, ns=(mtime, mtime))


def folder(repo) -> CacheFolder:
    found = cache_folder(repo.root)
    assert found is not None
    return found


@pytest.fixture
def office(repo):
    repo.write(A, DOAN_RA)
    repo.write("records/2022/07/b.yaml", BAD)  # invalid: no record
    repo.write("records/2022/07/c.yaml", OTHER)
    repo.write("records/2022/07/s.yaml", SCOPED)  # names a report bcngv.yaml does not declare
    repo.write("records/2022/08/d.yaml", DOAN_RA)  # a date outside its folder's month, a duplicate of a
    aged(repo)
    return repo


def test_an_unchanged_office_takes_its_outcome_and_reads_nothing_else(office, monkeypatch) -> None:
    cold = seen(office, cache=False)
    assert seen(office) == cold  # the outcome is kept
    monkeypatch.setattr(loader, "_read_one", lambda *args: pytest.fail("a file was read again"))
    assert opened(office, monkeypatch) == [OUTCOME_FILE]  # neither the index nor the file of records
    assert seen(office) == cold  # its records recalled through the index, from the file of records
    scoped = "records/2022/07/s.yaml"
    assert cold[1:4] == (5, 4, [(scoped, ("thang", 8, 11)), (scoped, ("nam-khong-co", 8, 18))])


def test_a_check_from_the_outcome_says_what_a_cold_check_says(office) -> None:
    args = ["check", "--format", "json"]
    cold = bcngv(*args, "--no-cache", root=office)
    assert "unknown-scope-report" in cold.stdout and "date-far-from-folder" in cold.stdout
    warm = [bcngv(*args, root=office) for _ in range(2)]
    assert [(run.exit_code, run.stdout) for run in warm] == [(cold.exit_code, cold.stdout)] * 2


def test_a_build_from_the_outcome_writes_the_same_bytes(office) -> None:
    office.write("records/2022/07/b.yaml", OTHER.replace("2022-07-20", "2022-07-22"))  # a valid office
    for error in ("records/2022/07/s.yaml", "records/2022/08/d.yaml"):
        (office.root / error).unlink()
    aged(office)
    args = ["build", "--period", "2022-07", "--as-of", "2022-07-29"]
    documents = []
    for extra in (["--no-cache"], [], []):
        assert bcngv(*args, *extra, root=office).exit_code == 0
        documents.append((office.root / "build" / "thang-2022-07.docx").read_bytes())
    assert documents[0] == documents[1] == documents[2]


def restamped(repo) -> None:
    path = repo.root / A
    mtime = path.stat().st_mtime_ns - 1_000_000_000
    os.utime(path, ns=(mtime, mtime))


# each changes the office after its outcome was kept; True when what a run gives changes too
CHANGES: dict[str, tuple[Callable[[Any], object], bool]] = {
    "stamp": (restamped, False),
    "content": (lambda repo: repo.write("records/2022/07/b.yaml", OTHER.replace("2022-07-20", "2022-07-22")), True),
    "added": (lambda repo: repo.write("records/2022/07/e.yaml", OTHER), True),
    "removed": (lambda repo: (repo.root / "records/2022/07/c.yaml").unlink(), True),
    "renamed": (lambda repo: (repo.root / "records/2022/07/b.yaml").rename(repo.root / "records/2022/07/z.yaml"), True),
    "catalog": (lambda repo: repo.write("records/_catalog/doi_tac.yaml", "lao:\n  name: Lào\n"), True),
}


@pytest.mark.parametrize(("change", "differs"), CHANGES.values(), ids=CHANGES.keys())
def test_any_change_is_seen(office, monkeypatch, change: Callable[[Any], object], differs: bool) -> None:
    before = seen(office)
    change(office)
    aged(office)  # not new: the outcome is left for its key, not for a file's being new
    assert CACHE_FILE in opened(office, monkeypatch)  # the outcome not taken
    assert seen(office) == seen(office, cache=False)
    assert (seen(office) != before) is differs


def test_other_fields_or_other_code_take_no_outcome(office, monkeypatch) -> None:
    seen(office)
    assert CACHE_FILE in opened(office, monkeypatch, sections=Sections(topics={"bien_dong": "Biển Đông"}))
    seen(office)
    assert CACHE_FILE in opened(office, monkeypatch, sections=None)  # fields and topics not checked: other results
    seen(office)
    monkeypatch.setattr("bcngv.records.cache.code_version", lambda: "other code")
    assert CACHE_FILE in opened(office, monkeypatch)


def test_a_link_retargeted_is_seen_though_refused_both_times(office, monkeypatch) -> None:
    link = office.root / "records/2022/07/l.yaml"
    link.symlink_to("/nowhere/first.yaml")
    seen(office)
    assert opened(office, monkeypatch) == [OUTCOME_FILE]
    link.unlink()
    link.symlink_to("/nowhere/second.yaml")  # its stamp is none either time: what the listing says differs
    diagnostics = seen(office)[0]
    assert seen(office, cache=False)[0] == diagnostics
    assert ("link-broken", "records/2022/07/l.yaml", 1, 1, (("target", "/nowhere/second.yaml"),)) in diagnostics


def test_a_misnamed_file_is_kept_in_the_outcome(office, monkeypatch) -> None:
    office.write("records/2022/07/f.yml", OTHER)
    aged(office)
    cold = seen(office, cache=False)
    assert "not-a-record-file" in [d[0] for d in cold[0]]
    assert seen(office) == cold
    assert opened(office, monkeypatch) == [OUTCOME_FILE]
    assert seen(office) == cold


def test_no_outcome_is_kept_while_a_file_cannot_be_read(office, monkeypatch) -> None:
    os.mkfifo(office.root / "records/2022/07/p.yaml")  # refused by the reader, never opened
    cold = seen(office, cache=False)
    assert "special-file" in [d[0] for d in cold[0]]
    assert seen(office) == cold
    assert not (folder(office).path / OUTCOME_FILE).exists()
    assert CACHE_FILE in opened(office, monkeypatch)
    assert seen(office) == cold


def test_a_check_of_some_files_neither_takes_nor_keeps_the_outcome(office, monkeypatch) -> None:
    load_records(office.root, [office.root / A])
    assert not (folder(office).path / OUTCOME_FILE).exists()
    seen(office)
    assert OUTCOME_FILE not in opened(office, monkeypatch, paths=[office.root / A])


def test_the_records_of_a_kept_outcome_are_recalled_through_the_index(office, monkeypatch) -> None:
    cold = seen(office, cache=False)
    seen(office)
    generation = pickle.loads(folder(office).read(RECORDS_FILE))["generation"]
    office.write("records/2022/09/e.yaml", OTHER.replace("2022-07-20", "2022-09-20"))
    aged(office)
    load_records(office.root, [office.root / "records/2022/09/e.yaml"])  # its record added to the file of records
    assert pickle.loads(folder(office).read(RECORDS_FILE))["generation"] != generation
    (office.root / "records/2022/09/e.yaml").unlink()
    seen(office)
    monkeypatch.setattr(loader, "_read_one", lambda *args: pytest.fail("a record was read again"))
    names: list[str] = []
    real = CacheFolder.read
    monkeypatch.setattr(CacheFolder, "read",
                        lambda self, name: (name == CATALOG_KEPT or names.append(name), real(self, name))[1])
    assert seen(office) == cold  # the outcome, then the index and the file of records it names
    assert names == [OUTCOME_FILE, CACHE_FILE, RECORDS_FILE]


# each spoils a real outcome (of five files, one invalid); any of them used would give other
# results or a traceback
WRONG_OUTCOMES: dict[str, Callable[[dict[str, Any]], object]] = {
    "other-key": lambda s: s.update(key=bytes(16)),
    "other-format": lambda s: s.update(format="bcngv-records-cache-5"),
    "diagnostics-junk": lambda s: s.update(diagnostics=["junk"]),
    "diagnostics-a-tuple": lambda s: s.update(diagnostics=tuple(s["diagnostics"])),
    "invalid-out-of-range": lambda s: s.update(invalid=[*s["invalid"], 5]),
    "invalid-negative": lambda s: s.update(invalid=[-1, *s["invalid"]]),
    "invalid-unsorted": lambda s: s.update(invalid=[3, *s["invalid"]]),
    "invalid-twice": lambda s: s.update(invalid=[*s["invalid"], *s["invalid"]]),
    "invalid-text": lambda s: s.update(invalid=["1"]),
    "scopes-junk": lambda s: s.update(scopes=[("records/2022/07/s.yaml", ("thang", "8", 10))]),
    "scope-not-a-pair": lambda s: s.update(scopes=["thang"]),
    "emptied": lambda s: s.clear(),
}


@pytest.mark.parametrize("spoil", WRONG_OUTCOMES.values(), ids=WRONG_OUTCOMES.keys())
def test_a_spoiled_outcome_is_not_used(office, monkeypatch, spoil: Callable[[dict[str, Any]], object]) -> None:
    cold = seen(office, cache=False)
    seen(office)
    assert opened(office, monkeypatch) == [OUTCOME_FILE]  # sound, it is taken
    stored = pickle.loads(folder(office).read(OUTCOME_FILE))
    assert stored["invalid"] == [1]
    spoil(stored)
    folder(office).write(OUTCOME_FILE, pickle.dumps(stored))  # sealed: damage done by bcngv itself
    assert CACHE_FILE in opened(office, monkeypatch)
    folder(office).write(OUTCOME_FILE, pickle.dumps(stored))
    assert seen(office) == cold


def test_no_outcome_is_kept_while_a_file_is_new(office, monkeypatch) -> None:
    path = office.root / "records/2022/07/c.yaml"
    path.write_text(OTHER.replace("persons: 3", "persons: 4"), encoding="utf-8")  # just now
    before = path.stat()
    cold = seen(office, cache=False)
    assert seen(office) == cold
    assert not (folder(office).path / OUTCOME_FILE).exists()  # it could change again, its stamp unchanged
    path.write_text(OTHER.replace("persons: 3", "persons: 5"), encoding="utf-8")  # so it does
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert dict(seen(office)[4])["records/2022/07/c.yaml"]["persons"] == 5
    aged(office)
    seen(office)
    assert opened(office, monkeypatch) == [OUTCOME_FILE]  # old enough now: kept, and taken
