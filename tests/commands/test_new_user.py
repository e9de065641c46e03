"""A new member of staff, in a fresh clone, without reading the source: --help, `new doan_ra`, fill
in the file, `check`, `build` for that month, all from the repository's folder as a person works."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PROJECT, installed


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    folder = tmp_path / "bao-cao"
    subprocess.run(["git", "clone", "--quiet", str(PROJECT), str(folder)], check=True, timeout=120)
    return folder


def test_a_new_user_adds_a_record_checks_it_and_builds_the_month(clone: Path) -> None:
    helped = installed("--help", cwd=clone)
    assert helped.returncode == 0
    assert all(name in helped.stdout for name in ("build", "check", "new", "show", "init"))

    made = installed("new", "doan_ra", "--date", "2024-07-03", cwd=clone)
    assert made.returncode == 0, made.stderr
    record = clone / made.stdout.strip()
    assert record == clone / "records/2024/07/2024-07-03-doan_ra.yaml"

    unfilled = installed("check", cwd=clone)  # the blanks are named, with their line
    assert unfilled.returncode == 1
    text = record.read_text(encoding="utf-8")
    blank = text.splitlines().index("persons:") + 1  # the first blank the person must fill in
    assert f"2024-07-03-doan_ra.yaml:{blank}:1: error empty-value" in unfilled.stderr

    text = text.replace("persons:\n", "persons: 7\n").replace("funding:\n", "funding: tu_tuc\n")
    text = text.replace("partners:\n", "partners: [khammuon]\n")
    text = text.replace("text:\n", "text: Đoàn Sở Giáo dục sang làm việc với tỉnh {partners}.\n")
    record.write_text(text, encoding="utf-8")

    checked = installed("check", cwd=clone)
    assert checked.returncode == 0, checked.stderr
    built = installed("build", "--period", "2024-07", cwd=clone)
    assert built.returncode == 0, built.stderr
    assert Path(built.stdout.strip()) == clone / "build" / "thang-2024-07.docx"
    assert (clone / "build" / "thang-2024-07.docx").stat().st_size > 0
    shown = installed("show", "--period", "2024-07", cwd=clone)
    assert "01 đoàn với 07 lượt CBCCVC" in shown.stdout
    assert "Đoàn Sở Giáo dục sang làm việc với tỉnh Khăm Muồn." in shown.stdout
