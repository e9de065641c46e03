"""`bcngv watch`: one build at start, one more after each change, with the diagnostics of each.
Bounded: `--rebuilds 1` ends the watch after the first rebuild, and the process has a time limit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


from bcngv.commands.watch import snapshot, watch
from bcngv.repository import Repository
from conftest import DOAN_RA, bcngv

BCNGV = Path(sys.executable).parent / "bcngv"


def test_a_change_during_the_first_build_causes_exactly_one_rebuild(repo) -> None:
    record = repo.write("records/2022/07/r.yaml", DOAN_RA)
    builds: list[str] = []

    def rebuild() -> None:
        builds.append(record.read_text(encoding="utf-8"))
        if len(builds) == 1:
            record.write_text(DOAN_RA.replace("persons: 12", "persons: 120"), encoding="utf-8")

    assert watch(Repository(repo.root), rebuild, interval=0.01, rebuilds=1) == 1
    assert [("persons: 120" in b) for b in builds] == [False, True]


def test_the_snapshot_covers_records_templates_and_the_configuration(repo) -> None:
    repo.write("records/2022/07/r.yaml", DOAN_RA)
    repo.write("build/thang-2022-07.docx", b"not watched")
    seen = {Path(p).relative_to(repo.root).as_posix() for p in snapshot(Repository(repo.root))}
    assert {"bcngv.yaml", "records/2022/07/r.yaml", "records/_catalog/doi_tac.yaml", "templates/thang.md.j2"} <= seen
    assert not any(p.startswith("build/") for p in seen)


def test_watch_rebuilds_after_a_record_changes_and_prints_its_problems(repo) -> None:
    record = repo.write("records/2022/07/r.yaml", DOAN_RA)
    command = [str(BCNGV), "watch", "--period", "2022-07", "--rebuilds", "1", "--interval", "0.1", "--root", str(repo.root)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        try:
            assert process.stderr is not None
            first = [process.stderr.readline() for _ in range(2)]  # the summary, then "watching"
            assert first[0].startswith("Đã lập ") and first[1].startswith("Đang theo dõi"), first
            record.write_text(DOAN_RA.replace("persons: 12", "persons: 1.150"), encoding="utf-8")
            out, err = process.communicate(timeout=60)
        finally:
            process.kill()
    assert process.returncode == 0
    assert "có thay đổi, lập lại báo cáo" in err
    assert "records/2022/07/r.yaml:3:10: error thousands-separator" in err
    assert "Chưa lập được báo cáo: 1 lỗi" in err


def test_a_period_that_cannot_be_read_stops_the_watch_at_once(repo) -> None:
    result = bcngv("watch", "--period", "2022-13", root=repo)
    assert result.exit_code == 2 and "invalid-period" in result.output
