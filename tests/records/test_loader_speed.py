"""What makes a cold check of many files fast without changing what it finds (issue 18): the
workers send each record back pickled once with the signature the duplicate check compares, so the
main process rebuilds no record for a check; the cache's entries pickle as their constructor's
arguments and are checked for their shape."""

from __future__ import annotations

import pickle
from array import array
from datetime import date

from bcngv.diagnostics import diag
from bcngv.records import loader, reading
from bcngv.records.cache import FileResult, _shaped
from bcngv.records.checks import Signature
from bcngv.records.loader import load_records

from conftest import DOAN_RA

OTHER = DOAN_RA.replace("date: 2022-07-12", "date: 2022-07-20").replace("persons: 12", "persons: 3")


def test_records_from_workers_arrive_as_bytes_and_are_rebuilt_only_when_asked_for(repo, monkeypatch) -> None:
    repo.write("records/2022/07/a.yaml", DOAN_RA)
    repo.write("records/2022/07/b.yaml", DOAN_RA)  # a duplicate: its group is compared
    repo.write("records/2022/07/c.yaml", OTHER)
    alone = load_records(repo.root, cache=False)
    monkeypatch.setattr(loader, "PARALLEL_FROM", 1)
    monkeypatch.setattr(loader, "CHUNK", 1)
    pooled = load_records(repo.root, cache=False)
    # not even the duplicate check, comparing a.yaml and b.yaml, has rebuilt a record: it read their signatures
    assert pooled._shown == [f"records/2022/07/{n}.yaml" for n in "abc"]
    for read in pooled._read:
        assert read is not None and read.record is None
        assert isinstance(read.blob, bytes) and read.signature is not None
    assert [(d.code, d.path, d.line) for d in pooled.diagnostics] == [(d.code, d.path, d.line) for d in alone.diagnostics]
    assert ("duplicate-record", "records/2022/07/b.yaml") in [(d.code, d.path) for d in pooled.diagnostics]
    assert [(r.path, r.model_dump()) for r in pooled.records] == [(r.path, r.model_dump()) for r in alone.records]


def test_a_workers_result_round_trips_through_pickle_and_the_index_keeps_neither_record_nor_signature() -> None:
    signature = Signature("doan_ra", date(2022, 7, 12), False, None, "đoàn ra", ", persons 12")
    found = FileResult(None, [diag("duplicate-record", "\0unnamed", 3, 1, other="a.yaml:3", kind="doan_ra", figures="")],
                       (2, 7), (3, 1), ("doan_ra", date(2022, 7, 12)), b"record", (("thang", 4, 3),), signature)
    back = pickle.loads(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == found
    version = ("code", "catalog")
    stamps = (["records/a.yaml"], array("q", (10, 20, 30)).tobytes(), [b"k" * 16])
    stored = {"format": "bcngv-records-cache-7", "version": version, "files": {b"k" * 16: back}, "groups": {},
              "stamps": stamps, "saved_at": 1, "generation": b"g" * 16}
    assert not _shaped(stored, version)  # the record's bytes and signature belong elsewhere
    stored["files"] = {b"k" * 16: back.indexed()}
    assert _shaped(stored, version)
    stored["stamps"] = (["records/a.yaml"], array("q", (10, 20)).tobytes(), [b"k" * 16])  # a stamp cut short
    assert not _shaped(stored, version)
    stored["stamps"] = (["records/a.yaml"], stamps[1], ["k" * 16])  # a key that is no bytes
    assert not _shaped(stored, version)


def test_records_read_again_one_by_one_share_one_alias_scanner(repo, monkeypatch) -> None:
    for name in "abc":
        repo.write(f"records/2022/07/{name}.yaml", OTHER.replace("2022-07-20", f"2022-07-2{'abc'.index(name)}"))
    made: list[object] = []
    real = reading.AliasScanner
    monkeypatch.setattr(reading, "AliasScanner", lambda *args: made.append(args) or real(*args))
    monkeypatch.setattr(loader, "PARALLEL_FROM", 1)
    monkeypatch.setattr(loader, "CHUNK", 1)
    loaded = load_records(repo.root, cache=False, records=False)  # workers send no record: each is read again
    made.clear()
    assert [r.persons for r in loaded.records] == [3, 3, 3]
    assert len(made) == 1  # one for the three, not one a record
