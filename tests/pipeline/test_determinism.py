"""Same inputs, same bytes, whenever and wherever the report is built; and a report is never seen
half-written, even by two builds writing it at once."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import time_machine

from bcngv.output import OutputError, write_atomic

from conftest import bcngv
from docx_sample import build, make_office

BUILD = ["build", "--period", "2022-07", "--as-of", "2022-07-29", "--number", "05"]


def build_in_subprocess(root: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "bcngv", *BUILD, "--root", str(root)],
                            env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_builds_days_apart_and_in_another_time_zone_are_byte_identical(tmp_path: Path) -> None:
    repo = make_office(tmp_path)
    out = repo.root / "build" / "thang-2022-07.docx"
    assert build(repo).exit_code == 0
    first = out.read_bytes()
    out.unlink()
    with time_machine.travel(datetime.now() + timedelta(days=3, seconds=7), tick=True):
        assert build(repo).exit_code == 0
    assert out.read_bytes() == first
    out.unlink()
    other = build_in_subprocess(repo.root, TZ="Asia/Ho_Chi_Minh", LANG="C.UTF-8")
    assert other.wait() == 0, other.stderr.read() if other.stderr else ""
    assert out.read_bytes() == first


def test_builds_running_at_once_into_one_folder_leave_a_whole_report(tmp_path: Path) -> None:
    repo = make_office(tmp_path)
    assert build(repo).exit_code == 0
    out = repo.root / "build" / "thang-2022-07.docx"
    expected = out.read_bytes()
    out.unlink()
    running = [build_in_subprocess(repo.root) for _ in range(3)]
    for process in running:
        _, errors = process.communicate()
        assert process.returncode == 0, errors
    assert out.read_bytes() == expected
    with zipfile.ZipFile(out) as report:
        assert report.testzip() is None
    assert sorted(p.name for p in out.parent.iterdir()) == ["thang-2022-07.docx", "thang-2022-07.sources.json"]


def test_a_reader_sees_one_whole_version_while_two_writers_replace_it(tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    versions = [bytes([letter]) * 300_000 for letter in b"ab"]
    write_atomic(target, versions[0])
    done = threading.Event()
    seen: list[bytes] = []

    def writer(data: bytes) -> None:
        for _ in range(40):
            write_atomic(target, data)

    def reader() -> None:
        while not done.is_set():
            seen.append(target.read_bytes())

    watching = threading.Thread(target=reader)
    watching.start()
    writers = [threading.Thread(target=writer, args=(data,)) for data in versions]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    done.set()
    watching.join()
    assert seen and all(data in versions for data in seen)
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_a_failed_write_keeps_the_previous_report_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "thang-2022-07.docx"
    target.write_bytes(b"previous")

    def refuse(source: str, destination: Path) -> None:
        raise PermissionError(errno.EACCES, "the file is open in another program")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError) as raised:
        write_atomic(target, b"new")
    assert raised.value.diagnostic().code == "output-not-writable"
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["thang-2022-07.docx"]


def test_an_output_folder_that_cannot_be_made_is_a_usage_error(repo) -> None:
    from conftest import DOAN_RA

    repo.write("records/2022/07/2022-07-12-doan.yaml", DOAN_RA)
    blocked = repo.write("build", "a file where the folder should be")
    result = bcngv("build", "--period", "2022-07", root=repo)
    assert result.exit_code == 2
    assert f"{blocked}/thang-2022-07" in result.output
    assert ":1:1: error output-not-writable:" in result.output
    assert "Traceback" not in result.output
