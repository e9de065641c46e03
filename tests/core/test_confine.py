"""Issue 12: a pull request can commit links, FIFOs and crafted names; bcngv reads nothing outside the
repository, never blocks or reads without end, and writes nothing outside --out.

Each test builds the real thing (a symlink to a secret file outside the repository, a FIFO, a link to
/dev/zero, a report id with `..`) and runs the real commands: the refusal is a diagnostic at the link
(`path:1:1`) or at the key of bcngv.yaml, and the secret's marker appears in no output and no file."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import Result

from bcngv.pipeline import Plan, output_path, read_period
from bcngv.repository import Repository
from bcngv.config import load_config
from bcngv.output import OutputError

from conftest import CATALOG, CONFIG, DOAN_RA, PROJECT, Repo, bcngv

MARKER = "BI-MAT-7f3a9c41e2"  # in the secret file only: it must never be printed or written
SECRET = f"kind: {MARKER}\ntext: {MARKER}\n"  # a record's shape: read, its words would be quoted
LIMIT = 10  # seconds: a FIFO opened or /dev/zero read would never end


@pytest.fixture
def office(tmp_path: Path) -> Repo:
    """An office repository in tmp_path/office, with one good record; the secret lies beside it."""
    made = Repo(tmp_path / "office")
    made.write("bcngv.yaml", CONFIG)
    made.write("records/_catalog/doi_tac.yaml", CATALOG)
    made.write("records/2022/07/2022-07-12-doan-ra.yaml", DOAN_RA)
    shutil.copytree(PROJECT / "templates", made.root / "templates")
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    return made


@contextmanager
def deadline(seconds: int = LIMIT) -> Iterator[None]:
    """Interrupt a run that hangs (a blocking open of a FIFO is interrupted too, see PEP 475)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"not finished within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(office: Repo, *args: str) -> Result:
    started = time.monotonic()
    with deadline():
        result = bcngv(*args, root=office)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert time.monotonic() - started < LIMIT
    assert MARKER not in result.stdout + result.stderr
    return result


def places(result: Result, fmt: str) -> set[tuple[str, str, int, int]]:
    """(code, path, line, col) of every diagnostic a run printed in the format `fmt`."""
    if fmt == "json":
        return {(d["code"], d["path"], d["line"], d["col"]) for d in json.loads(result.stdout or "[]")}
    if fmt == "github":
        pattern = r"^::\w+ file=(?P<path>[^,]*),line=(?P<line>\d+),col=(?P<col>\d+),title=(?P<code>[^:]*)::"
    else:
        pattern = r"^(?P<path>\S+):(?P<line>\d+):(?P<col>\d+): \w+ (?P<code>[a-z0-9-]+):"
    found = re.finditer(pattern, result.stdout if fmt == "github" else result.stderr, re.MULTILINE)
    return {(m["code"], m["path"].replace("%2C", ","), int(m["line"]), int(m["col"])) for m in found}


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


def assert_no_marker_written(tmp_path: Path) -> None:
    """Beside the repository lie only the planted secrets; in it (its cache too) and in --out, no marker."""
    written = files_under(tmp_path / "office") | files_under(tmp_path / "out")
    assert [name for name, data in written.items() if MARKER.encode() in data] == []


# --- the attacks under records/ -----------------------------------------------------------------

def link(office: Repo, relative: str, target: str | Path) -> None:
    path = office.root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def record_link_out(office: Repo, outside: Path) -> None:
    link(office, "records/2022/07/leak.yaml", outside / "secret.txt")


def folder_link_out(office: Repo, outside: Path) -> None:
    (outside / "elsewhere").mkdir()
    (outside / "elsewhere" / "leak.yaml").write_text(SECRET, encoding="utf-8")
    link(office, "records/2022/08", outside / "elsewhere")


def dangling(office: Repo, outside: Path) -> None:
    link(office, "records/2022/07/gone.yaml", outside / "nowhere.yaml")


def link_loop(office: Repo, outside: Path) -> None:
    link(office, "records/2022/07/a.yaml", "b.yaml")
    link(office, "records/2022/07/b.yaml", "a.yaml")


def folder_loop(office: Repo, outside: Path) -> None:
    link(office, "records/2022/loop", "..")


def fifo(office: Repo, outside: Path) -> None:
    os.mkfifo(office.root / "records/2022/07/pipe.yaml")


def catalog_link_out(office: Repo, outside: Path) -> None:
    link(office, "records/_catalog/leak.yaml", outside / "secret.txt")


def catalog_fifo(office: Repo, outside: Path) -> None:
    os.mkfifo(office.root / "records/_catalog/pipe.yaml")


def catalog_dev_zero(office: Repo, outside: Path) -> None:
    link(office, "records/_catalog/zero.yaml", "/dev/zero")


def catalog_folder_out(office: Repo, outside: Path) -> None:
    shutil.move(office.root / "records/_catalog", outside / "catalog")
    (outside / "catalog" / "leak.yaml").write_text(f"{MARKER}:\n  name: {MARKER}\n", encoding="utf-8")
    link(office, "records/_catalog", outside / "catalog")


ATTACKS: list[tuple[Callable[[Repo, Path], None], list[tuple[str, str]]]] = [
    (record_link_out, [("link-outside", "records/2022/07/leak.yaml")]),
    (folder_link_out, [("link-outside", "records/2022/08")]),
    (dangling, [("link-broken", "records/2022/07/gone.yaml")]),
    (link_loop, [("link-broken", "records/2022/07/a.yaml"), ("link-broken", "records/2022/07/b.yaml")]),
    (folder_loop, [("link-broken", "records/2022/loop")]),
    (fifo, [("special-file", "records/2022/07/pipe.yaml")]),
    (catalog_link_out, [("link-outside", "records/_catalog/leak.yaml")]),
    (catalog_fifo, [("special-file", "records/_catalog/pipe.yaml")]),
    (catalog_dev_zero, [("link-outside", "records/_catalog/zero.yaml")]),
    (catalog_folder_out, [("link-outside", "records/_catalog")]),
]


@pytest.mark.parametrize("cache", ["--cache", "--no-cache"])
@pytest.mark.parametrize(("attack", "expected"), ATTACKS, ids=[a.__name__ for a, _ in ATTACKS])
def test_check_refuses_at_the_link_and_never_reads_through_it(office, tmp_path, attack, expected, cache) -> None:
    attack(office, tmp_path)
    for fmt in ("text", "json", "github"):
        # with a cache the loader reads the bytes itself; without one the reader does: both confined
        args = ["check", "--format", fmt] + (["--no-cache"] if cache == "--no-cache" else [])
        result = run(office, *args)
        assert result.exit_code == 1, result.stdout + result.stderr
        assert {(code, path, 1, 1) for code, path in expected} <= places(result, fmt)
    assert_no_marker_written(tmp_path)


@pytest.mark.parametrize(("attack", "expected"), ATTACKS, ids=[a.__name__ for a, _ in ATTACKS])
def test_build_refuses_and_writes_nothing(office, tmp_path, attack, expected) -> None:
    attack(office, tmp_path)
    result = run(office, "build", "--period", "2022-07", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.stderr
    assert {(code, path, 1, 1) for code, path in expected} <= places(result, "text")
    assert not (tmp_path / "out").exists()
    assert_no_marker_written(tmp_path)


def test_a_folder_link_inside_the_repository_is_followed_once(office) -> None:
    office.write("archive/2022/09/2022-09-05-doan-ra.yaml", DOAN_RA.replace("2022-07-12", "2022-09-05"))
    link(office, "records/2022/09", "../../archive/2022/09")
    link(office, "records/2022/09-again", "../../archive/2022/09")  # the same folder: not read twice
    result = run(office, "check", "--strict")
    # read twice, the September record would be its own duplicate (a warning, an error under --strict)
    assert result.exit_code == 0, result.stderr
    assert "2 tệp, 2 hồ sơ hợp lệ; 0 lỗi, 0 cảnh báo" in result.stderr


# --- bcngv.yaml, the templates and the reference document ------------------------------------------

def test_a_linked_config_out_of_the_repository_is_refused(office, tmp_path) -> None:
    # the secret is a valid configuration: followed, its agency would be printed in the report
    (tmp_path / "secret.txt").write_text(CONFIG.replace("SỞ NGOẠI VỤ", MARKER), encoding="utf-8")
    (office.root / "bcngv.yaml").unlink()
    link(office, "bcngv.yaml", tmp_path / "secret.txt")
    for fmt in ("text", "json", "github"):
        result = run(office, "check", "--format", fmt)
        assert result.exit_code == 2
        assert ("link-outside", "bcngv.yaml", 1, 1) in places(result, fmt)
    built = run(office, "build", "--period", "2022-07", "--out", str(tmp_path / "out"))
    assert built.exit_code == 2 and ("link-outside", "bcngv.yaml", 1, 1) in places(built, "text")
    assert not (tmp_path / "out").exists()
    assert_no_marker_written(tmp_path)


@pytest.mark.parametrize(("target", "code"), [("secret", "link-outside"), ("nowhere", "link-broken")])
def test_a_linked_template_is_refused_at_its_line_in_the_config(office, tmp_path, target, code) -> None:
    (office.root / "templates/thang.md.j2").unlink()
    link(office, "templates/thang.md.j2", tmp_path / ("secret.txt" if target == "secret" else "nowhere.j2"))
    for command in (["check"], ["build", "--period", "2022-07", "--out", str(tmp_path / "out")]):
        result = run(office, *command)
        assert result.exit_code == 2
        assert (code, "bcngv.yaml", 12, 15) in places(result, "text")  # `template: thang.md.j2`
    assert not (tmp_path / "out").exists()
    assert_no_marker_written(tmp_path)


@pytest.mark.parametrize("kind", ["secret", "fifo"])
def test_a_reference_docx_that_is_a_link_out_or_a_fifo_is_never_read(office, tmp_path, kind) -> None:
    reference = office.root / "templates/reference.docx"
    if kind == "fifo":
        os.mkfifo(reference)
    else:
        link(office, "templates/reference.docx", tmp_path / "secret.txt")
    code = "special-file" if kind == "fifo" else "link-outside"
    assert run(office, "check").exit_code == 0  # check does not open the reference document
    result = run(office, "build", "--period", "2022-07", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert (code, "templates/reference.docx", 1, 1) in places(result, "text")
    assert not (tmp_path / "out").exists()
    assert_no_marker_written(tmp_path)


# --- names that become file names ------------------------------------------------------------------

def quoted(text: str) -> str:
    return json.dumps(text)  # a YAML double-quoted scalar, with \n escaped


BAD_NAMES = [(f"id:{name}", "  thang:\n", "  {}:\n", "invalid-report-id", 11, 3)
             for name in ["../../x", "{tmp}/x", "a/b", "x\ny", "Thang", ".hidden", "a" * 65]]
BAD_NAMES += [(f"template:{name}", "template: thang.md.j2", "template: {}", "invalid-template-name", 12, 15)
              for name in ["../../etc/passwd", "/etc/passwd", "a/../b", "thang.md.j2/", "x" * 256]]


@pytest.mark.parametrize(("case", "written", "wrong", "code", "line", "col"), BAD_NAMES, ids=[b[0][:40] for b in BAD_NAMES])
def test_a_name_that_becomes_a_file_name_must_be_plain(office, tmp_path, case, written, wrong, code, line, col) -> None:
    """A report id (the output's name) and a template name (a file read) are refused by check and build
    alike, at their place in bcngv.yaml, with nothing written inside --out or anywhere else."""
    name = case.partition(":")[2].format(tmp=tmp_path)  # an absolute path under /tmp, inside what is watched
    office.write("bcngv.yaml", CONFIG.replace(written, wrong.format(quoted(name))))
    before = files_under(tmp_path)
    for command in (["check"], ["build", "--period", "2022-07", "--out", str(tmp_path / "out")]):
        result = run(office, *command, "--no-cache")
        assert result.exit_code == 2, result.stderr
        assert (code, "bcngv.yaml", line, col) in places(result, "text")
    assert files_under(tmp_path) == before


def test_a_template_in_a_subfolder_is_a_plain_name(office) -> None:
    shutil.copy(office.root / "templates/thang.md.j2", office.root / "templates/khac.md.j2")
    (office.root / "templates/office").mkdir()
    shutil.move(office.root / "templates/khac.md.j2", office.root / "templates/office/khac.md.j2")
    office.write("bcngv.yaml", CONFIG.replace("template: thang.md.j2", "template: office/khac.md.j2"))
    assert load_config(office.root)[1] == []


def test_a_signer_id_that_is_not_a_plain_name_is_refused(office, only) -> None:
    office.write("bcngv.yaml", CONFIG.replace("  pgd:\n", '  "../Pgd":\n'))
    config, found = load_config(office.root)
    assert config is None
    problem = only(found, "invalid-signer-id")
    assert (problem.path, problem.line, problem.col) == ("bcngv.yaml", 7, 3)


def test_the_output_path_never_leaves_out(office, tmp_path) -> None:
    config, _ = load_config(office.root)
    period, _ = read_period("2022-07")
    assert config is not None and period is not None
    repository, out = Repository(office.root), tmp_path / "out"
    good = output_path(repository, Plan(config, period, "thang", config.reports["thang"]), out)
    assert good == (tmp_path / "out").resolve() / "thang-2022-07.docx"
    for report_id in ("../x", "a/b", "/tmp/x"):  # past config.py's pattern only by a bug: refused again
        with pytest.raises(OutputError):
            output_path(repository, Plan(config, period, report_id, config.reports["thang"]), out)


def test_a_catalog_spelling_is_bounded_in_length(office) -> None:
    """The alias scan costs, at each place of a text, the longest spelling: a PR cannot make it huge."""
    office.write("records/_catalog/dai.yaml", "dai:\n  name: Dài\n  aliases: [ngắn, " + "x" * 201 + "]\n")
    result = run(office, "check", "--no-cache")
    assert ("invalid-catalog", "records/_catalog/dai.yaml", 3, 19) in places(result, "text")
