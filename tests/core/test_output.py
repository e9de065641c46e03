"""A build's .docx, sources.json and PDF are replaced together or not at all: a failed rename, a
full disk, a folder where the report should be, a failed PDF conversion or a build killed half-way
leave the previous set byte for byte, and the next build removes what a killed one left."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bcngv.output import write_atomic, write_set

from conftest import DOAN_RA, bcngv

RECORD = "records/2022/07/2022-07-12-doan.yaml"
BUILD = ["build", "--period", "2022-07", "--as-of", "2022-07-29"]
FAKE_SOFFICE = f"""\
#!{sys.executable}
# stands in for LibreOffice: the "PDF" names the bytes of the .docx it was made from
import hashlib, pathlib, sys
out = pathlib.Path(sys.argv[sys.argv.index("--outdir") + 1])
source = pathlib.Path(sys.argv[-1])
out.mkdir(parents=True, exist_ok=True)
(out / (source.stem + ".pdf")).write_bytes(b"%PDF " + hashlib.sha256(source.read_bytes()).hexdigest().encode())
"""


def files(folder: Path) -> dict[str, bytes]:
    """Every entry of the folder (hidden ones too) with its bytes."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def previous_set(repo, *args: str) -> dict[str, bytes]:
    """Build once, then change a figure so that the next build differs; the set as built."""
    repo.write(RECORD, DOAN_RA)
    assert bcngv(*BUILD, *args, root=repo).exit_code == 0
    repo.write(RECORD, DOAN_RA.replace("persons: 12", "persons: 15"))
    return files(repo.root / "build")


def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "soffice"
    script.write_text(FAKE_SOFFICE, encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setattr("bcngv.pdf.find_soffice", lambda: str(script))


def written_file(handle: int) -> str:
    """The name of the file open as `handle` (Linux)."""
    return os.path.basename(os.readlink(f"/proc/self/fd/{handle}"))


SOURCES_TEMPORARY = ".thang-2022-07.sources.json."  # how the temporary file of the sources.json begins
KILL_AT = {  # where a build is killed: Python run in the build's process before it starts
    "while writing": "fsync = os.fsync\n"
                     "os.fsync = lambda fd: (os.path.basename(os.readlink(f'/proc/self/fd/{fd}'))"
                     f".startswith({SOURCES_TEMPORARY!r}) and os.kill(os.getpid(), 9), fsync(fd))",
    "while renaming": "replace = os.replace\n"
                      "os.replace = lambda a, b: (str(b).endswith('.sources.json') and os.kill(os.getpid(), 9),"
                      " replace(a, b))",
}


def killed_build(root: Path, at: str) -> None:
    """A build in its own process, killed with SIGKILL at the given point: no cleanup runs."""
    code = f"import os\n{KILL_AT[at]}\nfrom bcngv.cli import app\napp({[*BUILD, '--root', str(root)]!r})"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr


@pytest.mark.parametrize("hard_links", [True, False], ids=["hard-links", "no-hard-links"])
def test_a_rename_that_fails_after_the_first_puts_the_previous_set_back(
    repo, monkeypatch: pytest.MonkeyPatch, hard_links: bool
) -> None:
    before = previous_set(repo)
    replace, refused = os.replace, []

    def fail_second(source: str, destination: str) -> None:
        if str(destination).endswith(".sources.json") and not refused:  # the new one, not the old put back
            refused.append(source)
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        replace(source, destination)

    def no_link(*args: object, **options: object) -> None:
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))  # FAT, some network shares

    monkeypatch.setattr(os, "replace", fail_second)
    if not hard_links:
        monkeypatch.setattr(os, "link", no_link)
    result = bcngv(*BUILD, root=repo)
    assert result.exit_code == 2
    sources = repo.root / "build" / "thang-2022-07.sources.json"
    assert f"{sources}:1:1: error output-not-writable: không ghi được tệp (Permission denied)" in result.output
    assert files(repo.root / "build") == before  # the new .docx was renamed, and put back
    monkeypatch.undo()
    assert bcngv(*BUILD, root=repo).exit_code == 0
    after = files(repo.root / "build")
    assert sorted(after) == sorted(before) and after != before


def test_a_build_killed_between_the_renames_is_rolled_back_by_the_next_write(repo) -> None:
    before = previous_set(repo)
    out = repo.root / "build"
    killed_build(repo.root, "while renaming")
    left = files(out)
    journals = [name for name in left if name.endswith(".pending")]
    assert len(journals) == 1  # detectable: the set was committing
    assert left["thang-2022-07.docx"] != before["thang-2022-07.docx"]  # half replaced
    assert left["thang-2022-07.sources.json"] == before["thang-2022-07.sources.json"]
    write_atomic(out / "other.txt", b"any write into the folder puts it right")
    assert files(out) == {**before, "other.txt": b"any write into the folder puts it right"}
    assert bcngv(*BUILD, root=repo).exit_code == 0
    assert sorted(files(out)) == ["other.txt", "thang-2022-07.docx", "thang-2022-07.sources.json"]


def test_temporary_files_of_a_build_killed_while_writing_are_removed_by_the_next(repo) -> None:
    before = previous_set(repo)
    out = repo.root / "build"
    killed_build(repo.root, "while writing")
    left = files(out)
    leftovers = sorted(set(left) - set(before))
    assert leftovers and all(name.startswith(".thang-2022-07.") and name.endswith(".tmp") for name in leftovers)
    assert {name: left[name] for name in before} == before
    assert bcngv(*BUILD, root=repo).exit_code == 0
    after = files(out)
    assert sorted(after) == sorted(before) and after != before


def test_a_rebuild_of_unchanged_inputs_writes_and_syncs_nothing_in_the_output_folder(
    repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.write(RECORD, DOAN_RA)
    assert bcngv(*BUILD, root=repo).exit_code == 0
    out = repo.root / "build"

    def state() -> dict[str, tuple[bytes, int, int]]:
        return {path.name: (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_ino) for path in out.iterdir()}

    before, synced, fsync = state(), [], os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(os.readlink(f"/proc/self/fd/{fd}")), fsync(fd))[1])
    assert bcngv(*BUILD, root=repo).exit_code == 0
    assert state() == before  # the very files, untouched
    assert not [path for path in synced if path.startswith(str(out))]
    repo.write(RECORD, DOAN_RA.replace("persons: 12", "persons: 15"))
    assert bcngv(*BUILD, root=repo).exit_code == 0
    assert [path for path in synced if path.startswith(str(out))]
    assert state()["thang-2022-07.docx"][0] != before["thang-2022-07.docx"][0]


def test_a_set_in_place_but_for_a_link_or_a_file_to_remove_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere.docx").write_bytes(b"report")
    (out / "r.docx").symlink_to(tmp_path / "elsewhere.docx")  # the same bytes, through a link
    write_set({out / "r.docx": b"report"})
    assert not (out / "r.docx").is_symlink() and (out / "r.docx").read_bytes() == b"report"
    (out / "r.pdf").write_bytes(b"%PDF old")
    write_set({out / "r.docx": b"report", out / "r.pdf": None})  # the .docx in place, the old PDF to go
    assert files(out) == {"r.docx": b"report"}
    assert (tmp_path / "elsewhere.docx").read_bytes() == b"report"


def test_a_full_disk_on_the_second_file_keeps_the_previous_set(repo, monkeypatch: pytest.MonkeyPatch) -> None:
    before = previous_set(repo)
    fsync = os.fsync

    def full_on_second(handle: int) -> None:
        if written_file(handle).startswith(SOURCES_TEMPORARY):  # after the .docx was written
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        fsync(handle)

    monkeypatch.setattr(os, "fsync", full_on_second)
    result = bcngv(*BUILD, root=repo)
    assert result.exit_code == 2
    sources = repo.root / "build" / "thang-2022-07.sources.json"
    assert f"{sources}:1:1: error output-not-writable: không ghi được tệp (No space left on device)" in result.output
    assert files(repo.root / "build") == before


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 512 KiB file system of its own (tmpfs; needs root), unmounted afterwards."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(disk)],
                             capture_output=True, check=False).returncode == 0
    if not mounted:
        pytest.skip("cannot mount a tmpfs here (not root, or not permitted)")
    yield disk
    subprocess.run(["umount", str(disk)], check=True)


def test_a_really_full_disk_keeps_the_previous_set(repo, small_disk: Path) -> None:
    disk = small_disk
    out = disk / "build"
    repo.write(RECORD, DOAN_RA)
    assert bcngv(*BUILD, "--out", str(out), root=repo).exit_code == 0
    before = files(out)
    repo.write(RECORD, DOAN_RA.replace("persons: 12", "persons: 15"))
    space = os.statvfs(disk)
    page = space.f_frsize
    room = -(-len(before["thang-2022-07.docx"]) // page) * page  # the new .docx fits, nothing more
    (disk / "filler").write_bytes(b"\0" * (space.f_bavail * page - room))
    result = bcngv(*BUILD, "--out", str(out), root=repo)
    assert result.exit_code == 2
    assert "error output-not-writable: không ghi được tệp (No space left on device)" in result.output
    assert files(out) == before


def test_a_folder_where_the_report_should_be_writes_nothing(repo) -> None:
    before = previous_set(repo)
    out = repo.root / "build"
    (out / "thang-2022-07.docx").unlink()
    (out / "thang-2022-07.docx").mkdir()
    result = bcngv(*BUILD, root=repo)
    assert result.exit_code == 2
    assert f"{out / 'thang-2022-07.docx'}:1:1: error output-not-writable: không ghi được tệp (Is a directory)" \
        in result.output
    assert sorted(path.name for path in out.iterdir()) == ["thang-2022-07.docx", "thang-2022-07.sources.json"]
    assert (out / "thang-2022-07.sources.json").read_bytes() == before["thang-2022-07.sources.json"]
    assert list((out / "thang-2022-07.docx").iterdir()) == []


def test_a_journal_that_came_with_the_repository_reaches_nothing_outside_the_folder(repo) -> None:
    before = previous_set(repo)
    out = repo.root / "build"
    outside = repo.write("keep.txt", "the office's own file")
    rows = [["../keep.txt", None, None], ["thang-2022-07.docx", "../keep.txt", None],
            ["thang-2022-07.docx", None, ".thang-2022-07.docx.abcdefgh.tmp"]]
    (out / ".thang-2022-07.docx.abcdefgh.pending").write_text(json.dumps(rows), encoding="utf-8")
    os.mkfifo(out / ".x.12345678.pending")  # read, a pipe would wait for ever
    assert bcngv(*BUILD, root=repo).exit_code == 0
    assert outside.read_text(encoding="utf-8") == "the office's own file"
    assert sorted(files(out)) == sorted(before)


def test_with_pdf_the_three_files_are_one_set(repo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake_soffice(tmp_path, monkeypatch)
    before = previous_set(repo, "--pdf")
    assert sorted(before) == ["thang-2022-07.docx", "thang-2022-07.pdf", "thang-2022-07.sources.json"]
    result = bcngv(*BUILD, "--pdf", root=repo)
    assert result.exit_code == 0
    assert result.output.strip().splitlines()[-1] == str(repo.root / "build" / "thang-2022-07.pdf")
    after = files(repo.root / "build")
    assert after["thang-2022-07.docx"] != before["thang-2022-07.docx"]
    assert after["thang-2022-07.pdf"] == b"%PDF " + hashlib.sha256(after["thang-2022-07.docx"]).hexdigest().encode()


def test_a_failed_conversion_keeps_the_previous_docx_sources_and_pdf(
    repo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_soffice(tmp_path, monkeypatch)
    before = previous_set(repo, "--pdf")
    monkeypatch.setattr("bcngv.pdf.find_soffice", lambda: shutil.which("false"))
    result = bcngv(*BUILD, "--pdf", root=repo)
    assert result.exit_code == 2
    docx = repo.root / "build" / "thang-2022-07.docx"
    assert f"{docx}:1:1: error pdf-failed: LibreOffice không chuyển được báo cáo sang PDF" in result.output
    assert "chưa ghi tệp nào" in result.output
    assert files(repo.root / "build") == before


def test_without_libreoffice_an_old_pdf_does_not_stay_beside_a_new_docx(
    repo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_soffice(tmp_path, monkeypatch)
    before = previous_set(repo, "--pdf")
    monkeypatch.setattr("bcngv.pdf.find_soffice", lambda: None)
    result = bcngv(*BUILD, "--pdf", root=repo)
    assert result.exit_code == 2
    assert "--pdf: error libreoffice-missing:" in result.output
    after = files(repo.root / "build")
    assert sorted(after) == ["thang-2022-07.docx", "thang-2022-07.sources.json"]
    assert after["thang-2022-07.docx"] != before["thang-2022-07.docx"]
    assert result.output.strip().splitlines()[-1] == str(repo.root / "build" / "thang-2022-07.docx")
