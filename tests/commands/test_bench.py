"""The synthetic office of the benchmark: the same seed gives the same bytes, and the office checks
clean under --strict and builds every report kind it declares. (Nothing here is timed.)"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml

from bench.generate import generate, shares
from bench.suite import table
from bench.timing import Pair
from bcngv.records.declared import builtin_kinds

from conftest import bcngv

KINDS = builtin_kinds()

RECORDS = 300


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("office")
    assert generate(root, RECORDS, seed=7) == RECORDS
    return root


def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_counts(office, tmp_path) -> None:
    generate(tmp_path / "again", RECORDS, seed=7)
    generate(tmp_path / "other", RECORDS, seed=8)
    assert tree(tmp_path / "again") == tree(office)
    assert tree(tmp_path / "other").keys() == tree(office).keys()
    assert tree(tmp_path / "other") != tree(office)


def test_every_kind_is_there_over_2021_and_2022(office) -> None:
    files = sorted((office / "records").glob("20*/*/*.yaml"))
    assert len(files) == RECORDS
    kinds = {yaml.safe_load(f.read_text(encoding="utf-8"))["kind"] for f in files}
    assert kinds == set(KINDS)
    assert {f.parts[-3] for f in files} == {"2021", "2022"}


def test_the_office_checks_clean_under_strict(office) -> None:
    result = bcngv("check", "--strict", root=office)
    assert result.exit_code == 0, result.output
    assert f"{RECORDS} " in result.output


@pytest.mark.parametrize("args", [
    ["--period", "2022-07"],
    ["--period", "2022-01..2022-07", "--report", "ktxh", "--as-of", "2022-07-29"],
    ["--period", "2022", "--report", "kiem-diem", "--as-of", "2022-11-07"],
])
def test_every_report_kind_builds(office, args: list[str]) -> None:
    result = bcngv("build", *args, "--no-cache", root=office)
    assert result.exit_code == 0, result.output
    written = Path(result.output.strip().splitlines()[-1])
    assert len(zipfile.ZipFile(written).read("word/document.xml")) > 10_000  # a report with content


def test_shares_split_the_total_and_give_every_kind_one() -> None:
    counts = shares(20, {"a": 100, "b": 1, "c": 1})
    assert counts == {"a": 18, "b": 1, "c": 1}
    assert sum(shares(100_000, {"a": 83, "b": 11, "c": 1}).values()) == 100_000


def test_the_table_says_which_targets_are_met() -> None:
    from bench.suite import Row

    rows = [Row("fast", "base", Pair(1.0, 2.0, 1 << 20), 1.0), Row("slow", "base", Pair(3.0, 1.0, 1 << 20), 2.0)]
    printed = table(rows).splitlines()
    assert "0.50× | ≤ 1× met" in printed[2]
    assert "3.00× | ≤ 2× NOT MET" in printed[3]


def test_a_row_without_a_measured_peak_leaves_its_memory_blank() -> None:
    from bench.suite import Row

    printed = table([Row("serve /records, warm", "0.2 s", Pair(0.05, 0.2, 0), 1.0)]).splitlines()
    assert printed[2].endswith("| 0.25× | ≤ 1× met |  |")


def test_bench_run_exits_non_zero_when_a_target_is_missed(monkeypatch, tmp_path) -> None:
    from typer.testing import CliRunner

    import bench.suite
    from bench.cli import app

    for met, code in ((True, 0), (False, 1)):
        monkeypatch.setattr(bench.suite, "run_suite", lambda folder, runs, met=met: met)
        assert CliRunner().invoke(app, ["run", "--folder", str(tmp_path)]).exit_code == code


def test_without_pandoc_its_rows_are_left_out_saying_so(monkeypatch, tmp_path, capsys) -> None:
    import bench.suite

    monkeypatch.setattr(bench.suite.shutil, "which", lambda name: None)
    assert bench.suite.beside_pandoc(tmp_path, 1) == []
    assert "pandoc is not installed" in capsys.readouterr().err


def test_the_runs_compile_bytecode_once_in_the_bench_folder(monkeypatch, tmp_path) -> None:
    from bench.timing import environment

    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = environment(tmp_path)
    assert "PYTHONDONTWRITEBYTECODE" not in env and env["PYTHONPYCACHEPREFIX"] == str((tmp_path / "pycache").resolve())
