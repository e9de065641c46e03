"""A cold check of many files (no cache, no record asked for) in worker processes that send back
only what the main process needs of each chunk (issue 18): it finds what reading every file in one
process finds, in the same order, for files refused, unreadable, invalid, naming reports, and for
duplicate groups held whole by one chunk or split between chunks."""

from __future__ import annotations

from typing import Any

import pytest

from bcngv.records import loader
from bcngv.records.loader import LoadResult, load_records

from conftest import DOAN_RA

LATER = DOAN_RA.replace("Đoàn sang làm việc với", "Đoàn dự hội chợ tại")  # that day, another activity
SCOPED = DOAN_RA.replace("date: 2022-07-12", "date: 2022-07-25") + "reports: [thang, nam-khong-co]\n"


def _office(repo) -> None:
    repo.write("records/2022/07/a.yaml", DOAN_RA)
    repo.write("records/2022/07/b.yaml", "kind: doan_ra\ndate: [\n")  # not YAML
    repo.write("records/2022/07/c.yaml", DOAN_RA)  # a twin of a.yaml
    repo.write("records/2022/07/d.yml", DOAN_RA)  # a record under a name the loader does not read
    repo.write("records/2022/07/e.yaml", DOAN_RA.replace("persons: 12", "persons: -3"))  # invalid: no record
    repo.write("records/2022/07/f.yaml", SCOPED)  # names a report bcngv.yaml does not declare
    (repo.root / "records/2022/07/g.yaml").symlink_to("/nowhere/g.yaml")  # a link refused
    repo.write("records/2022/07/h.yaml", LATER)
    repo.write("records/2022/07/i.yaml", DOAN_RA.replace("Bolykhamxay", "x") + "notes: [Bolykhamxay]\n")  # an alias
    repo.write("records/2022/08/a.yaml", DOAN_RA)  # a twin of a.yaml in another folder (a warning on its month)
    repo.write("records/2022/08/b.yaml", SCOPED.replace("2022-07-25", "2022-08-25"))


def _seen(loaded: LoadResult) -> tuple[Any, ...]:
    return (loaded.diagnostics, loaded.files, loaded.valid, loaded._shown, list(loaded.named_reports()),
            [(r.path, r.model_dump()) for r in loaded.records])


@pytest.mark.parametrize("chunk", [1, 2, 3, 100])
def test_a_pooled_check_finds_what_one_process_finds(repo, monkeypatch, chunk: int) -> None:
    _office(repo)
    alone = _seen(load_records(repo.root, cache=False, records=False))
    codes = {d.code for d in alone[0]}
    assert {"list-written-wrongly", "not-a-record-file", "link-broken", "duplicate-record", "partner-alias"} <= codes
    assert alone[1:3] == (11, 6) and alone[4]  # 11 files listed (the misnamed one too), 6 records, reports named
    monkeypatch.setattr(loader, "PARALLEL_FROM", 1)
    monkeypatch.setattr(loader, "CHUNK", chunk)
    checked: list[int] = []
    real = loader._check_pooled
    monkeypatch.setattr(loader, "_check_pooled", lambda *args: checked.append(1) or real(*args))
    assert _seen(load_records(repo.root, cache=False, records=False)) == alone
    assert checked == [1]  # the pooled check was the way taken


@pytest.mark.parametrize(("jobs", "chunk"), [(0, 1000), (6, 4), (5000, 1000), (100_000, 1000), (7, 1)])
def test_jobs_are_chunked_in_order_each_once_and_smaller_towards_the_end(monkeypatch, jobs: int, chunk: int) -> None:
    monkeypatch.setattr(loader, "CHUNK", chunk)
    chunks = loader._chunks(list(range(jobs)))
    assert [job for part in chunks for job in part] == list(range(jobs))
    sizes = list(map(len, chunks))
    assert all(0 < size <= chunk for size in sizes) and sizes == sorted(sizes, reverse=True)
    if jobs >= 4 * chunk:
        assert sizes[0] == chunk and sizes[-1] <= max(1, chunk // 8)
