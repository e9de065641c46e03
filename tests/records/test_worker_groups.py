"""The duplicate check done in the workers of a cold check (issue 18): a group (kind, date) whose
every file one worker's chunk held is compared there, any other in the main process; the
diagnostics are the same, in the same order, as when one process compares every group."""

from __future__ import annotations

from typing import Any

import pytest

from bcngv.records import loader
from bcngv.records.loader import load_records

from conftest import DOAN_RA

LATER = DOAN_RA.replace("Đoàn sang làm việc với", "Đoàn dự hội chợ tại")  # that day, another activity
OTHER_DAY = DOAN_RA.replace("date: 2022-07-12", "date: 2022-07-20")


def _office(repo) -> None:
    repo.write("records/2022/07/a.yaml", DOAN_RA)
    repo.write("records/2022/07/b.yaml", DOAN_RA)  # a twin of a.yaml in the same folder
    repo.write("records/2022/07/c.yaml", LATER)
    repo.write("records/2022/07/d.yaml", OTHER_DAY)
    repo.write("records/2022/07/e.yaml", OTHER_DAY)  # a twin of d.yaml
    repo.write("records/2022/08/a.yaml", DOAN_RA)  # a twin of a.yaml in another folder: its group spans folders


def _compared_here(monkeypatch) -> list[list[str]]:
    """The groups the main process compares (workers are forked: what they compare is not listed)."""
    here: list[list[str]] = []
    comparing = loader.find_duplicates

    def listed(signed: list[Any]) -> Any:
        here.append([item.path for item in signed])
        return comparing(signed)

    monkeypatch.setattr(loader, "find_duplicates", listed)
    return here


@pytest.mark.parametrize("chunk", [1, 2, 4, 100])
def test_groups_compared_in_workers_give_what_one_process_gives(repo, monkeypatch, chunk: int) -> None:
    _office(repo)
    alone = load_records(repo.root, cache=False, records=False)
    assert [(d.code, d.path) for d in alone.diagnostics if d.code == "duplicate-record"] == [
        ("duplicate-record", "records/2022/07/b.yaml"), ("duplicate-record", "records/2022/08/a.yaml"),
        ("duplicate-record", "records/2022/07/e.yaml")]
    monkeypatch.setattr(loader, "PARALLEL_FROM", 1)
    monkeypatch.setattr(loader, "CHUNK", chunk)
    assert load_records(repo.root, cache=False, records=False).diagnostics == alone.diagnostics
    assert load_records(repo.root, cache=True).diagnostics == alone.diagnostics  # filling the cache too


def test_the_main_process_compares_only_the_groups_no_worker_held_whole(repo, monkeypatch) -> None:
    _office(repo)
    monkeypatch.setattr(loader, "PARALLEL_FROM", 1)
    monkeypatch.setattr(loader, "CHUNK", 4)  # 07/a–b, then one file a chunk (smaller towards the end)
    here = _compared_here(monkeypatch)
    load_records(repo.root, cache=False, records=False)
    # 07/12's group is split between the chunks; 07/20's (d.yaml, e.yaml) too
    assert sorted(map(sorted, here)) == [
        ["records/2022/07/a.yaml", "records/2022/07/b.yaml", "records/2022/07/c.yaml", "records/2022/08/a.yaml"],
        ["records/2022/07/d.yaml", "records/2022/07/e.yaml"]]
    here.clear()
    monkeypatch.setattr(loader, "CHUNK", 100)  # one chunk holds every group whole
    load_records(repo.root, cache=False, records=False)
    assert here == []
